import type { Declare } from '../declare.js';

/** What to do with the saved details (the argument; cli.ts declares its choices). */
export type ProfileAction = 'show' | 'edit' | 'clear';

export interface ProfileOptions {
  json: boolean;
}

export const declare: Declare = (command, { t, run }) => {
  command.option('--json', t('cli.json')).action((action: ProfileAction, flags: { json?: boolean }) => {
    const options: ProfileOptions = { json: flags.json === true };
    run(async (ctx) => (await import('./profile.js')).profile(action, options, ctx));
  });
};
