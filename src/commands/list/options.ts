import { type Declare, placeholder } from '../declare.js';
import type { ListOptions } from './list.js';

export const declare: Declare = (command, { t, run }) => {
  command
    .option('--all', t('cli.list.all'))
    .option(`--country ${placeholder(t, 'country')}`, t('cli.list.country'))
    .option('--json', t('cli.json'))
    .action((flags: { all?: boolean; country?: string; json?: boolean }) => {
      const options: ListOptions = { all: flags.all === true, country: flags.country, json: flags.json === true };
      run(async (ctx) => (await import('./list.js')).list(options, ctx));
    });
};
