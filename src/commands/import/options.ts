import { type Declare, placeholder } from '../declare.js';
import type { ImportOptions } from './import.js';

export const declare: Declare = (command, { t, run }) => {
  command
    .option(`-o, --out ${placeholder(t, 'file')}`, t('cli.import.out'))
    .option('--json', t('cli.import.json'))
    .option('--force', t('cli.import.force'))
    .option('--review', t('cli.import.review'))
    .action((file: string, flags: { out?: string; json?: boolean; force?: boolean; review?: boolean }) => {
      const options: ImportOptions = { out: flags.out, json: flags.json === true, force: flags.force === true, review: flags.review === true };
      run(async (ctx) => (await import('./import.js')).importDocument(file, options, ctx));
    });
};
