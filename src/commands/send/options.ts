import type { Command } from 'commander';
import type { Translate } from '../../core/i18n.js';
import { quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import { parsedOption, placeholder } from '../declare.js';

/** The sending options compose and batch share, parsed. */
export interface SendingOptions {
  /** Email each letter (or with `dryRun`, show what would be sent). */
  send: boolean;
  dryRun: boolean;
  smtp?: string;
  from?: string;
  /** Every message to this address instead: a rehearsal. */
  testTo?: string;
  yes: boolean;
  afterDeadline: boolean;
  resend: boolean;
  /** Seconds to wait for another run that holds the journal (0: stop at once). */
  wait: number;
  json: boolean;
}

/** The sending options as commander leaves them. */
export interface SendingFlags {
  send?: boolean;
  dryRun?: boolean;
  smtp?: string;
  from?: string;
  testTo?: string;
  yes?: boolean;
  afterDeadline?: boolean;
  resend?: boolean;
  wait?: number;
  json?: boolean;
}

/**
 * --send … --resend, then --wait and --json, in the order the help lists them; `between` adds a
 * command's own sending options before --wait (batch: --rate, --connections). The words of five
 * of them differ between compose (one person's letters) and batch (an evening's).
 */
export function declareSending(command: Command, t: Translate, which: 'compose' | 'batch', between?: (command: Command) => void): void {
  command
    .option('--send', t(`cli.${which}.send`))
    .option('--dry-run', t(`cli.${which}.dryRun`))
    .option(`--smtp ${placeholder(t, 'url')}`, t(`cli.${which}.smtp`))
    .option(`--from ${placeholder(t, 'address')}`, t(`cli.${which}.from`))
    .option(`--test-to ${placeholder(t, 'address')}`, t('cli.testTo'))
    .option('-y, --yes', t('cli.yes'))
    .option('--after-deadline', t(`cli.${which}.afterDeadline`))
    .option('--resend', t('cli.resend'));
  between?.(command);
  command.addOption(parsedOption(`--wait ${placeholder(t, 'seconds')}`, t('cli.wait'), (text) => waitSeconds(t, text))).option('--json', t('cli.sendJson'));
}

export function sendingOptions(flags: SendingFlags): SendingOptions {
  return {
    send: flags.send === true,
    dryRun: flags.dryRun === true,
    smtp: flags.smtp,
    from: flags.from,
    testTo: flags.testTo,
    yes: flags.yes === true,
    afterDeadline: flags.afterDeadline === true,
    resend: flags.resend === true,
    wait: flags.wait ?? 0,
    json: flags.json === true,
  };
}

/** `--wait <seconds>`: how long to wait for another run that holds the journal, up to a day. */
function waitSeconds(t: Translate, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 86_400) throw usageError(t('settings.badWait', { value: quoted(text) }));
  return value;
}
