import type { Declare } from '../declare.js';
import type { ProfileAction, ProfileOptions } from './profile.js';

export const declare: Declare = (command, { t, run }) => {
  command.option('--json', t('cli.json')).action((action: ProfileAction, flags: { json?: boolean }) => {
    const options: ProfileOptions = { json: flags.json === true };
    run(async (ctx) => (await import('./profile.js')).profile(action, options, ctx));
  });
};
