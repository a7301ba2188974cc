import { Option } from 'commander';
import type { CsvSeparator } from '../../core/csv.js';
import { csvSepOption } from '../common/csv-separator.js';
import type { Declare } from '../declare.js';
import type { TallyOptions } from './tally.js';

export const declare: Declare = (command, { t, run }) => {
  command
    .addOption(new Option('--json', t('cli.json')).conflicts('csv'))
    .option('--csv', t('cli.tally.csv'))
    .addOption(csvSepOption(t))
    .option('--senders', t('cli.tally.senders'))
    .option('--mark-read', t('cli.tally.markRead'))
    .action((source: string, flags: { json?: boolean; csv?: boolean; csvSep?: CsvSeparator; senders?: boolean; markRead?: boolean }) => {
      const options: TallyOptions = {
        json: flags.json === true,
        csv: flags.csv === true,
        csvSep: flags.csvSep,
        senders: flags.senders === true,
        markRead: flags.markRead === true,
      };
      run(async (ctx) => (await import('./tally.js')).tally(source, options, ctx));
    });
};
