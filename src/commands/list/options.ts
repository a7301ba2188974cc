import type { Declare } from '../declare.js';
import type { ListOptions } from './list.js';

export const declare: Declare = (command, { t, run }) => {
  command
    .option('--all', t('cli.list.all'))
    .option('--json', t('cli.json'))
    .action((flags: { all?: boolean; json?: boolean }) => {
      const options: ListOptions = { all: flags.all === true, json: flags.json === true };
      run(async (ctx) => (await import('./list.js')).list(options, ctx));
    });
};
