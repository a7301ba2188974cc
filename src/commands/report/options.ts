import { Option } from 'commander';
import type { CsvSeparator } from '../../core/csv.js';
import type { Declare } from '../declare.js';
import { csvSepOption } from '../shared/csv-separator.js';
import type { ReportOptions } from './report.js';

export const declare: Declare = (command, { t, run }) => {
  command
    .addOption(new Option('--json', t('cli.json')).conflicts('csv'))
    .option('--csv', t('cli.report.csv'))
    .addOption(csvSepOption(t))
    .action((id: string | undefined, flags: { json?: boolean; csv?: boolean; csvSep?: CsvSeparator }) => {
      const options: ReportOptions = { json: flags.json === true, csv: flags.csv === true, csvSep: flags.csvSep };
      run(async (ctx) => (await import('./report.js')).report(id, options, ctx));
    });
};
