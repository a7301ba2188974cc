import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkEmail } from '../../core/address.js';
import { checkReportUrl, type FeedReport, parseIndex } from '../../core/feeds.js';
import { forTerminal, quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import type { Context } from '../context.js';

/**
 * The feed's report address, from --report-email and --report-url: signed into the index, for
 * every UA whose own file names nowhere to report. One address each: a line break or a list
 * ("a@x, b@y") would send the counts somewhere no one chose, and is refused (exit 2).
 */
export function feedReport(flags: { reportEmail?: string; reportUrl?: string }, ctx: Context): FeedReport | undefined {
  const { t } = ctx;
  const { reportEmail: email, reportUrl: url } = flags;
  const emailProblem = email === undefined ? undefined : checkEmail(t, email);
  if (emailProblem) throw usageError(t('punct.labelled', { label: `--report-email ${quoted(email ?? '')}`, value: emailProblem }));
  const urlProblem = url === undefined ? undefined : checkReportUrl(t, url);
  if (urlProblem) throw usageError(t('punct.labelled', { label: `--report-url ${quoted(url ?? '')}`, value: urlProblem }));
  if (email === undefined && url === undefined) return undefined;
  return { ...(email !== undefined ? { email } : {}), ...(url !== undefined ? { url } : {}) };
}

/**
 * A build without the report address the folder's last build had: said, since the volunteers'
 * `ua report --submit` would then find nowhere to send (the build goes on: a section may mean it).
 */
export function noteDroppedReport(out: string, report: FeedReport | undefined, ctx: Context): void {
  if (report) return;
  let before: FeedReport | undefined;
  try {
    const parsed = parseIndex(ctx.t, readFileSync(join(resolve(ctx.world.cwd, out), 'index.json'), 'utf8'));
    before = 'index' in parsed ? parsed.index.report : undefined;
  } catch {
    return;
  }
  if (!before) return;
  const address = [before.email, before.url].filter(Boolean).join(' ');
  ctx.note(ctx.style(ctx.world.stderr).warn(forTerminal(`ua: ${ctx.t('feed.reportDropped', { folder: out, address })}`)));
}
