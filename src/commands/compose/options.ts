import { Option } from 'commander';
import { COMPOSE_FORMATS } from '../../core/formats.js';
import type { Translate } from '../../core/i18n.js';
import { usageError } from '../../errors.js';
import type { Paper } from '../../io/pdf.js';
import { type Declare, examples, langOption, placeholder } from '../declare.js';
import { declareSending, type SendingFlags, sendingOptions } from '../send/options.js';
import type { AnswerFlags, ComposeFormat, ComposeOptions } from './composed.js';

type ComposeFlags = AnswerFlags &
  SendingFlags & {
    answers?: string;
    format?: ComposeFormat;
    paper?: Paper;
    out?: string;
    force?: boolean;
    interactive?: boolean;
    mailto?: boolean;
    open?: boolean;
    now?: boolean;
  };

export const declare: Declare = (command, { t, run }) => {
  command
    .addOption(langOption(t, `-l, --lang ${placeholder(t, 'code')}`, t('cli.compose.lang')))
    .option(`-t, --target ${placeholder(t, 'id', 'many')}`, t('cli.compose.target'))
    .option(`--name ${placeholder(t, 'name')}`, t('cli.compose.name'))
    .option(`--city ${placeholder(t, 'city')}`, t('cli.compose.city'))
    .option(`--country ${placeholder(t, 'country')}`, t('cli.compose.country'))
    .option(`--email ${placeholder(t, 'address')}`, t('cli.compose.email'))
    .option(`--address ${placeholder(t, 'line', 'many')}`, t('cli.compose.address'))
    .option(`--about ${placeholder(t, 'sentence')}`, t('cli.compose.about'))
    .addOption(new Option(`--note ${placeholder(t, 'text')}`, t('cli.compose.note')).conflicts('noteFile'))
    .option(`--note-file ${placeholder(t, 'path')}`, t('cli.compose.noteFile'))
    .option(`--answers ${placeholder(t, 'file')}`, t('cli.compose.answers'))
    .addOption(new Option(`-f, --format ${placeholder(t, 'format')}`, t('cli.compose.format')).choices(COMPOSE_FORMATS))
    .addOption(new Option(`--paper ${placeholder(t, 'size')}`, t('cli.compose.paper')).choices(['a4', 'letter']))
    .option(`-o, --out ${placeholder(t, 'path')}`, t('cli.compose.out'))
    .option('--force', t('cli.compose.force'))
    .option('--interactive', t('cli.compose.interactive'))
    .option('--no-interactive', t('cli.compose.noInteractive'));
  declareSending(command, t, 'compose');
  command
    .option('--now', t('cli.compose.now'))
    .addOption(new Option('--mailto', t('cli.compose.mailto')).conflicts('send'))
    .option('--open', t('cli.compose.open'))
    .addHelpText(
      'after',
      examples(t, [
        ['ua compose 105.22', t('cli.ex.composeAsk')],
        ['ua compose 105.22 --no-interactive --lang es --name "Ana Pérez" --city Leeds --country "Reino Unido"'],
        ['ua compose 105.22 --answers me.yaml --format html --out letters/'],
        ['ua compose 105.22 --target boluarte --format json'],
        ['ua compose 105.22 --answers me.yaml --send --dry-run', t('cli.ex.dryRun')],
        ['ua compose 105.22 --answers me.yaml --send --test-to me@example.org --yes'],
        ['ua compose 105.22 --answers me.yaml --format fax --send --yes', t('cli.ex.faxSend')],
        ['UA_SMTP_PASSWORD=… ua compose 105.22 --answers me.yaml --smtp smtp://me@smtp.example.org:587 --send --yes'],
      ]),
    )
    .action((id: string, flags: ComposeFlags) => {
      const options = composeOptions(t, flags);
      run(async (ctx) => (await import('./compose.js')).compose(id, options, ctx));
    });
};

function composeOptions(t: Translate, flags: ComposeFlags): ComposeOptions {
  // The answers (--name, --city, …), --answers, --format, --out and --interactive as given.
  const options: ComposeOptions = {
    ...flags,
    ...sendingOptions(flags),
    paper: flags.paper ?? 'a4',
    force: flags.force === true,
    mailto: flags.mailto === true,
    open: flags.open === true,
    now: flags.now === true,
  };
  refuseLoneOptions(t, options);
  return options;
}

/** Options that only mean something with another one are refused rather than ignored. */
function refuseLoneOptions(t: Translate, options: ComposeOptions): void {
  const needs = (name: string, given: unknown, partner: string, present: unknown) => {
    if (given && !present) throw usageError(t('compose.goesWith', { option: name, partner }));
  };
  for (const [name, value] of [
    ['--dry-run', options.dryRun],
    ['--test-to', options.testTo],
    ['--yes', options.yes],
    ['--after-deadline', options.afterDeadline],
    ['--resend', options.resend],
    ['--json', options.json],
    ['--smtp', options.smtp],
  ] as const) {
    needs(name, value, '--send', options.send);
  }
  needs('--open', options.open, '--mailto', options.mailto);
  needs('--now', options.now, '--send --format fax', options.send && options.format === 'fax');
  // Said before the first question, not after the last.
  if (options.format === 'pdf' && !options.out && !options.send) throw usageError(t('compose.pdfNeedsOut'));
  if (options.format === 'fax' && !options.out && !options.send) throw usageError(t('fax.needsOut'));
  // A fax goes by --send too, through the fax gateway (shared/fax-send.ts).
  if (options.send && ((options.format && options.format !== 'fax') || options.out)) throw usageError(t('compose.sendNotFiles'), t('compose.sendNotFilesHint'));
  if (options.mailto && (options.format || options.out)) throw usageError(t('compose.mailtoNotFiles'));
}
