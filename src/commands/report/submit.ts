import pkg from '../../../package.json' with { type: 'json' };
import type { LoadedAction } from '../../core/action.js';
import { checkEmail } from '../../core/address.js';
import { noReplies, withReplies } from '../../core/follow-up.js';
import { normalizeId } from '../../core/ids.js';
import { buildReport } from '../../core/report.js';
import { forTerminal, quoted } from '../../core/shown.js';
import { parseSubmission, type Submission, type SubmissionCount } from '../../core/submission.js';
import { buildSubmission, countsOf, eveningsOf, newCounts, splitSubmissions, submissionJson } from '../../core/submit.js';
import { failure, UaError, usageError } from '../../errors.js';
import { readReplies, repliesFile } from '../../io/follow-up-state.js';
import { noteDamaged, readJournal } from '../../io/journal-read.js';
import { journalFile } from '../../io/paths.js';
import { Repository } from '../../io/repository.js';
import { forUa, lockSubmissions, readSubmissions, type SubmissionsFile, submissionsFile, writeSubmissions } from '../../io/submissions.js';
import type { Context } from '../context.js';
import { openRoute, type ReadyPart, sendSubmission } from './submit-send.js';
import { formSentence, submissionText } from './submit-text.js';

export interface SubmitOptions {
  /** Print what would leave, send nothing. */
  dryRun: boolean;
  /** The report address, instead of the UA file's (or its feed's). */
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

/** What the journal holds that was not submitted: new counts, and the evenings reported for the first time. */
interface Fresh {
  rows: SubmissionCount[];
  evenings: string[];
}

/** `ua report <id> --submit`: this install's new counts for one UA, to the section, once. */
export async function submit(id: string, options: SubmitOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  const ua = normalizeId(id);
  // 1. The record of what was submitted, ours alone for the run.
  const file = submissionsFile(world.env);
  const lock = await lockSubmissions(t, file, options.wait, ctx.note);
  try {
    const data = readSubmissions(t, file);
    // 2. One in doubt goes first, alone, and only when asked: it may have arrived. What is new
    // since waits for the next run, as it would have had the first one arrived.
    const pending = data.uas[ua]?.pending;
    if (pending && !options.resend)
      throw failure(t('submit.inDoubt', { id: ua, sequence: pending.sequence, to: forTerminal(pending.to) }), t('submit.inDoubtHint', { id: ua }));
    if (pending) {
      const part = { json: pending.json, submission: JSON.parse(pending.json) as Submission, evenings: pending.evenings ?? [] };
      const where = options.to ? { email: checkedTo(options.to, ctx) } : { email: pending.to };
      return await deliverParts([part], where, { data, file, options, ctx });
    }
    const fresh = freshCounts(ua, data, ctx);
    if (fresh.rows.length === 0) {
      // Nothing to submit is an answer, not an error.
      const sent = Object.values(data.uas[ua]?.submitted ?? {}).reduce((sum, n) => sum + n, 0);
      ctx.tell(sent > 0 ? t('submit.nothingNew', { id: ua, count: sent }) : t('submit.nothingAtAll', { id: ua }));
      return 0;
    }
    // 3. Where to: --to, else the UA file's report address (or its feed's), else its web form.
    const where = await whereTo(ua, options, ctx);
    // 4. A web form is the volunteer's to fill in: the sentence of all that is new, nothing recorded.
    if ('url' in where && !options.dryRun) return showForm(ua, where.url, fresh, options, ctx);
    // 5. By email: as many submissions as the format's limits need, each sent once, in order.
    return await deliverParts(readyParts(ua, fresh, data, file, ctx), where, { data, file, options, ctx });
  } finally {
    lock.release();
  }
}

/** A rehearsal shows each attachment's very bytes on stdout, the text beside them; a real run sends them one after another. */
async function deliverParts(
  parts: readonly ReadyPart[],
  where: Where,
  run: { data: SubmissionsFile; file: string; options: SubmitOptions; ctx: Context },
): Promise<number> {
  const { options, ctx } = run;
  const { world, t } = ctx;
  if (options.dryRun) {
    for (const part of parts) {
      world.stdout.write(part.json);
      ctx.note(submissionText(t, part.submission, pkg.version).trimEnd());
    }
    const to = 'email' in where ? forTerminal(where.email) : forTerminal(where.url);
    ctx.note(parts.length === 1 ? t('submit.dryRun', { to }) : t('submit.dryRunParts', { to, count: parts.length }));
    return 0;
  }
  if (!('email' in where)) throw new Error('a web form has no submissions to send');
  const route = await openRoute(options, ctx);
  for (const [index, part] of parts.entries()) {
    try {
      await sendSubmission({ ...part, to: where.email, data: run.data, file: run.file, route, ctx, version: pkg.version });
    } catch (error) {
      // The submissions before it arrived: partly done, and the next run sends the rest.
      if (index > 0 && error instanceof UaError && error.kind === 'failure') throw new UaError('partial', error.message, { hint: error.hint });
      throw error;
    }
  }
  return 0;
}

/** What the journal holds that was not submitted: each count's growth, and the evenings not reported yet. */
function freshCounts(ua: string, data: SubmissionsFile, ctx: Context): Fresh {
  const { world, t } = ctx;
  const journal = journalFile(world.env);
  const read = readJournal(t, journal);
  noteDamaged(t, journal, read, ctx.note);
  const report = buildReport(read.entries, ua)[0];
  // The answers about replies go too, as counts of their own (never actions).
  const now = withReplies(countsOf(report), readReplies(repliesFile(world.env)) ?? noReplies(), ua);
  const before = data.uas[ua];
  const rows = newCounts(now, before?.submitted ?? {});
  const counted = new Set(before?.evenings ?? []);
  return { rows, evenings: rows.length === 0 ? [] : eveningsOf(report).filter((evening) => !counted.has(evening)) };
}

/** The submissions that carry what is new, numbered on from the last, under this install's id (made now, kept). */
function readyParts(ua: string, fresh: Fresh, data: SubmissionsFile, file: string, ctx: Context): ReadyPart[] {
  const known = data.uas[ua] !== undefined;
  const mine = forUa(data, ua);
  // The id is kept from the first run that shows it, a rehearsal's too: what --dry-run printed is what leaves.
  if (!known) writeSubmissions(ctx.t, file, data);
  let evenings = fresh.evenings;
  return splitSubmissions(fresh.rows, fresh.evenings.length).map((part, index) => {
    const submission = buildSubmission({ id: mine.id, sequence: mine.sequence + 1 + index, ua, version: pkg.version, ...part });
    const json = submissionJson(submission);
    // What leaves is what the tally accepts: anything else is a bug here, and nothing is sent.
    const check = parseSubmission(json);
    if (!('submission' in check)) throw new Error(`submission refused by its own format: ${check.problem} ${check.detail ?? ''}`);
    const carried = evenings.slice(0, part.evenings);
    evenings = evenings.slice(part.evenings);
    return { json, submission, evenings: carried };
  });
}

/** --to, else where the UA file (or its feed) says to report; a UA that names nowhere needs --to. */
async function whereTo(ua: string, options: SubmitOptions, ctx: Context): Promise<Where> {
  if (options.to) return { email: checkedTo(options.to, ctx) };
  const where = await reportAddress(ua, ctx);
  if (where) return where;
  throw usageError(ctx.t('submit.nowhere', { id: ua }), ctx.t('submit.nowhereHint', { id: ua }));
}

/**
 * Where a UA says to report: its file's report block when it names an address or a form (the
 * whole block: the section that wrote the UA chose it), else its feed's, signed into the index.
 */
export async function reportAddress(ua: string, ctx: Context): Promise<Where | undefined> {
  let repository: Repository;
  let loaded: LoadedAction;
  try {
    repository = await Repository.open(ctx.t, ctx.world, ctx.globals.actionsDirs);
    loaded = await repository.find(ua);
  } catch (error) {
    if (error instanceof UaError) throw usageError(error.message, ctx.t('submit.nowhereHint', { id: ua }));
    throw error;
  }
  const own = loaded.action.report;
  const report = own?.email || own?.url ? own : loaded.source?.feed ? repository.trust.report(loaded.file, loaded.source.feed) : undefined;
  if (report?.email) return { email: report.email };
  if (report?.url) return { url: report.url };
  return undefined;
}

function checkedTo(address: string, { t }: Context): string {
  const problem = checkEmail(t, address);
  if (problem) throw usageError(t('punct.labelled', { label: `--to ${quoted(address)}`, value: problem }));
  return address;
}

/** A web form is filled in by the volunteer: its address, the sentence and the counts; nothing is recorded. */
async function showForm(ua: string, url: string, fresh: Fresh, options: SubmitOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // Words only, never sent: the whole of what is new in one sentence, however many submissions it would take.
  const submission = buildSubmission({ id: '', sequence: 0, ua, version: pkg.version, counts: fresh.rows, evenings: fresh.evenings.length });
  world.stdout.write(`${t('submit.formAt', { id: ua, url: forTerminal(url) })}\n${t('submit.formPaste')}\n  ${formSentence(t, submission)}\n`);
  ctx.note(t('submit.formNotRecorded'));
  if (options.open) await world.openUrl(url, t);
  return 0;
}
