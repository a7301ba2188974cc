import { type Declare, langOption, placeholder } from '../declare.js';
import type { ShowOptions } from './show.js';

export const declare: Declare = (command, { t, run }) => {
  command
    .addOption(langOption(t, `-l, --lang ${placeholder(t, 'code')}`, t('cli.show.lang')))
    .option('--json', t('cli.json'))
    .action((id: string, flags: { lang?: string; json?: boolean }) => {
      const options: ShowOptions = { lang: flags.lang, json: flags.json === true };
      run(async (ctx) => (await import('./show.js')).show(id, options, ctx));
    });
};
