import type { Declare } from '../declare.js';

export interface ValidateOptions {
  /** Every file's verdict as JSON on stdout. */
  json: boolean;
}

export const declare: Declare = (command, { t, run }) => {
  command.option('--json', t('cli.validate.json')).action((paths: string[], flags: { json?: boolean }) => {
    const options: ValidateOptions = { json: flags.json === true };
    run(async (ctx) => (await import('./validate.js')).validate(paths, options, ctx));
  });
};
