import { statSync } from 'node:fs';
import { type CsvSeparator, toCsv } from '../../core/csv.js';
import { forTerminal } from '../../core/shown.js';
import { Tally, type TallyResult } from '../../core/tally.js';
import { usageError } from '../../errors.js';
import { systemError } from '../../io/system-errors.js';
import { isMaildir, readMaildir, readMbox } from '../../io/tally/files.js';
import { parseImapUrl, readImap } from '../../io/tally/imap.js';
import { csvSeparator } from '../common/csv-separator.js';
import { decideInteractive } from '../common/interactivity.js';
import type { Context } from '../context.js';
import { setAsideLine, textTally } from './words.js';

export interface TallyOptions {
  json: boolean;
  /** One CSV row per UA, channel and outcome. */
  csv: boolean;
  csvSep?: CsvSeparator;
  /** Keep and print the senders' addresses (never otherwise). */
  senders: boolean;
  /** Mark the submissions read on the IMAP server (otherwise the mailbox is opened read-only). */
  markRead: boolean;
}

export async function tally(source: string, options: TallyOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // 1. Read the source, whatever it is, into the tally: every submission checked as it comes.
  const sum = new Tally();
  await readSource(source, options, sum, ctx);
  const result = sum.result(options.senders);

  // 2. What was set aside, one line each, on stderr: the totals on stdout stay the totals.
  for (const aside of result.setAside) world.stderr.write(`${setAsideLine(t, aside)}\n`);

  // 3. The totals: JSON, CSV or text.
  if (options.json) world.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (options.csv) world.stdout.write(tallyCsv(result, csvSeparator(options.csvSep, world.env)));
  else world.stdout.write(textTally(t, result));
  return 0;
}

async function readSource(source: string, options: TallyOptions, sum: Tally, ctx: Context): Promise<void> {
  const { t } = ctx;
  if (/^imaps?:\/\//i.test(source)) {
    const imap = parseImapUrl(t, source);
    const password = await imapPassword(imap.user, ctx);
    return readImap(t, imap, password, sum, { senders: options.senders, markRead: options.markRead });
  }
  if (options.markRead) throw usageError(t('tally.markReadNeedsImap'));
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(source);
  } catch (error) {
    throw systemError(t, error, t('tally.reading', { source: forTerminal(source) }), t('tally.sourceHint'), 'usage');
  }
  if (stat.isDirectory()) {
    if (!isMaildir(source)) throw usageError(t('tally.notMaildir', { source: forTerminal(source) }), t('tally.sourceHint'));
    return readMaildir(source, sum, options.senders);
  }
  return readMbox(t, source, sum, options.senders);
}

/** UA_IMAP_PASSWORD, else a hidden prompt at a terminal; never from argv, never printed. */
async function imapPassword(user: string, ctx: Context): Promise<string> {
  const { world, t } = ctx;
  const known = world.env.UA_IMAP_PASSWORD;
  if (known !== undefined) return known;
  if (!decideInteractive(t, {}, world)) throw usageError(t('tally.noPassword', { user: forTerminal(user) }), t('tally.noPasswordHint'));
  return (await world.prompter(ctx.style(world.stderr), t)).password(t('tally.password', { user: forTerminal(user) }));
}

/** One row per UA, channel and outcome; `kind` last (action, attempt, answer), so a script that reads four columns reads them as before. */
function tallyCsv(result: TallyResult, separator: CsvSeparator): string {
  const rows = result.rows.map((row) => [row.ua, row.channel, row.outcome, String(row.count), row.kind]);
  return toCsv([['ua', 'channel', 'outcome', 'count', 'kind'], ...rows], separator);
}
