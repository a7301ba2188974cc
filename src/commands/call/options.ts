import { Option } from 'commander';
import { CALL_OUTCOMES } from '../../core/outcomes.js';
import { type Declare, examples, langOption, placeholder } from '../declare.js';
import type { CallOptions } from './call.js';

export const declare: Declare = (command, { t, run }) => {
  command
    .addOption(langOption(t, `-l, --lang ${placeholder(t, 'code')}`, t('cli.call.lang')))
    .option(`-t, --target ${placeholder(t, 'id', 'many')}`, t('cli.call.target'))
    .option(`--name ${placeholder(t, 'name')}`, t('cli.compose.name'))
    .option(`--city ${placeholder(t, 'city')}`, t('cli.compose.city'))
    .option(`--email ${placeholder(t, 'address')}`, t('cli.compose.email'))
    .option(`--answers ${placeholder(t, 'file')}`, t('cli.compose.answers'))
    .addOption(new Option(`--outcome ${placeholder(t, 'outcome')}`, t('cli.call.outcome')).choices(CALL_OUTCOMES).conflicts('format'))
    .addOption(new Option(`-f, --format ${placeholder(t, 'format')}`, t('cli.call.format')).choices(['json', 'text']))
    .option('--interactive', t('cli.compose.interactive'))
    .option('--no-interactive', t('cli.compose.noInteractive'))
    .addHelpText(
      'after',
      examples(t, [
        ['ua call 105.22', t('cli.call.exAsk')],
        ['ua call 105.22 --target rivero --outcome voicemail --name "Ana Pérez" --city Leeds', t('cli.call.exOutcome')],
        ['ua call 105.22 --lang en --format json', t('cli.call.exJson')],
      ]),
    )
    .action((id: string, flags: CallOptions) => {
      const options: CallOptions = { ...flags };
      run(async (ctx) => (await import('./call.js')).call(id, options, ctx));
    });
};
