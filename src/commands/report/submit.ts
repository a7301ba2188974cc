import pkg from '../../../package.json' with { type: 'json' };
import type { Action } from '../../core/action.js';
import { checkEmail } from '../../core/address.js';
import { noReplies, withReplies } from '../../core/follow-up.js';
import { normalizeId } from '../../core/ids.js';
import { buildReport } from '../../core/report.js';
import { forTerminal, quoted } from '../../core/shown.js';
import { parseSubmission, type Submission } from '../../core/submission.js';
import { buildSubmission, countsOf, newCounts, submissionJson } from '../../core/submit.js';
import { failure, UaError, usageError } from '../../errors.js';
import { readReplies, repliesFile } from '../../io/follow-up-state.js';
import { noteDamaged, readJournal } from '../../io/journal-read.js';
import { journalFile } from '../../io/paths.js';
import { Repository } from '../../io/repository.js';
import { forUa, lockSubmissions, readSubmissions, type SubmissionsFile, submissionsFile, writeSubmissions } from '../../io/submissions.js';
import type { Context } from '../context.js';
import { sendSubmission } from './submit-send.js';
import { formSentence, submissionText } from './submit-text.js';

export interface SubmitOptions {
  /** Print what would leave, send nothing. */
  dryRun: boolean;
  /** The report address, instead of the UA file's. */
  to?: string;
  /** Open the UA's web form (when it has no report address). */
  open: boolean;
  /** Send again a submission whose outcome is unknown. */
  resend: boolean;
  smtp?: string;
  from?: string;
  /** Seconds to wait for another submitting run. */
  wait: number;
}

/** Where a UA's counts go: its section's report address, else its web form. */
export type Where = { email: string } | { url: string };

/** `ua report <id> --submit`: this install's new counts for one UA, to the section, once. */
export async function submit(id: string, options: SubmitOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  const ua = normalizeId(id);
  // 1. The record of what was submitted, ours alone for the run.
  const file = submissionsFile(world.env);
  const lock = await lockSubmissions(t, file, options.wait, ctx.note);
  try {
    const data = readSubmissions(t, file);
    // 2. One in doubt goes first, and only when asked: it may have arrived.
    const pending = data.uas[ua]?.pending;
    if (pending && !options.resend)
      throw failure(t('submit.inDoubt', { id: ua, sequence: pending.sequence, to: forTerminal(pending.to) }), t('submit.inDoubtHint', { id: ua }));
    const next = pending ? { json: pending.json, submission: JSON.parse(pending.json) as Submission } : nextSubmission(ua, data, file, ctx);
    if (!next) return 0;
    // 3. Where to: --to, else the UA file's report address, else its web form.
    const where = await whereTo(ua, options, ctx);
    // 4. A rehearsal shows the attachment's very bytes on stdout, the text beside them.
    if (options.dryRun) {
      world.stdout.write(next.json);
      ctx.note(submissionText(t, next.submission, pkg.version).trimEnd());
      ctx.note(t('submit.dryRun', { to: 'email' in where ? forTerminal(where.email) : forTerminal(where.url) }));
      return 0;
    }
    // 5. A web form is the volunteer's to fill in; a report address gets the message, once.
    if ('url' in where) return showForm(ua, where.url, next.submission, options, ctx);
    return await sendSubmission({ ...next, to: where.email, file, data, options, ctx, version: pkg.version });
  } finally {
    lock.release();
  }
}

/** The next submission: what the journal holds that was not submitted, under this install's id (made now, kept). */
function nextSubmission(ua: string, data: SubmissionsFile, file: string, ctx: Context): { json: string; submission: Submission } | undefined {
  const { world, t } = ctx;
  const journal = journalFile(world.env);
  const read = readJournal(t, journal);
  noteDamaged(t, journal, read, ctx.note);
  // The answers about replies go too, as counts of their own (never actions).
  const now = withReplies(countsOf(buildReport(read.entries, ua)[0]), readReplies(repliesFile(world.env)) ?? noReplies(), ua);
  const before = data.uas[ua];
  const counts = newCounts(now, before?.submitted ?? {});
  if (counts.length === 0) {
    // Nothing to submit is an answer, not an error.
    const sent = Object.values(before?.submitted ?? {}).reduce((sum, n) => sum + n, 0);
    ctx.tell(sent > 0 ? t('submit.nothingNew', { id: ua, count: sent }) : t('submit.nothingAtAll', { id: ua }));
    return undefined;
  }
  const known = before !== undefined;
  const mine = forUa(data, ua);
  // The id is kept from the first run that shows it, a rehearsal's too: what --dry-run printed is what leaves.
  if (!known) writeSubmissions(t, file, data);
  const submission = buildSubmission({ id: mine.id, sequence: mine.sequence + 1, ua, version: pkg.version, counts });
  const json = submissionJson(submission);
  // What leaves is what the tally accepts: anything else is a bug here, and nothing is sent.
  const check = parseSubmission(json);
  if (!('submission' in check)) throw new Error(`submission refused by its own format: ${check.problem} ${check.detail ?? ''}`);
  return { json, submission };
}

/** --to, the UA file's report address, or its web form; a UA that names neither needs --to. */
async function whereTo(ua: string, options: SubmitOptions, ctx: Context): Promise<Where> {
  if (options.to) return { email: checkedTo(options.to, ctx) };
  let action: Action;
  try {
    action = (await (await Repository.open(ctx.t, ctx.world, ctx.globals.actionsDirs)).find(ua)).action;
  } catch (error) {
    if (error instanceof UaError) throw usageError(error.message, ctx.t('submit.nowhereHint', { id: ua }));
    throw error;
  }
  if (action.report?.email) return { email: action.report.email };
  if (action.report?.url) return { url: action.report.url };
  throw usageError(ctx.t('submit.nowhere', { id: ua }), ctx.t('submit.nowhereHint', { id: ua }));
}

function checkedTo(address: string, { t }: Context): string {
  const problem = checkEmail(t, address);
  if (problem) throw usageError(t('punct.labelled', { label: `--to ${quoted(address)}`, value: problem }));
  return address;
}

/** A web form is filled in by the volunteer: its address, the sentence and the counts; nothing is recorded. */
async function showForm(ua: string, url: string, submission: Submission, options: SubmitOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  world.stdout.write(`${t('submit.formAt', { id: ua, url: forTerminal(url) })}\n${t('submit.formPaste')}\n  ${formSentence(t, submission)}\n`);
  ctx.note(t('submit.formNotRecorded'));
  if (options.open) await world.openUrl(url, t);
  return 0;
}
