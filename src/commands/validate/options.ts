import type { Declare } from '../declare.js';
import type { ValidateOptions } from './validate.js';

export const declare: Declare = (command, { t, run }) => {
  command.option('--json', t('cli.validate.json')).action((paths: string[], flags: { json?: boolean }) => {
    const options: ValidateOptions = { json: flags.json === true };
    run(async (ctx) => (await import('./validate.js')).validate(paths, options, ctx));
  });
};
