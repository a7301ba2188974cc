import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { noReplies, withReplies } from '../core/follow-up.js';
import type { Translate } from '../core/i18n.js';
import { isRecord } from '../core/is-record.js';
import { buildReport } from '../core/report.js';
import { type CountKey, countsOf, newCounts } from '../core/submit.js';
import { dataError } from '../errors.js';
import type { Env } from '../world.js';
import { crypto } from './crypto.js';
import { readReplies, repliesFile } from './follow-up-state.js';
import { lockJournal } from './journal-lock.js';
import { readJournal } from './journal-read.js';
import type { HeldLock } from './lock-file.js';
import { journalFile, stateDir } from './paths.js';
import { writeFileAtomically } from './staging.js';
import { errorCode, systemError } from './system-errors.js';

/**
 * What this install has submitted, per UA: its random id for the UA, the last sequence the
 * server accepted, the counts that carried, and a submission on its way. The file is the
 * submissions' journal: a submission is written here as `transferring` before the first byte of
 * its message goes, so a run that dies mid-send leaves it honestly in doubt, never forgotten and
 * never silently sent twice. Written whole (staging), under a lock: one run at a time.
 */
export interface UaSubmissions {
  /** Random (UUID v4), made on the first submission for this UA. */
  id: string;
  /** The last sequence that reached the server (0: none yet). */
  sequence: number;
  /** Everything those submissions counted, by "day channel lang outcome". */
  submitted: Record<CountKey, number>;
  /** The letter-writing evenings (`ua batch`'s days) those submissions counted: each is counted once. */
  evenings?: string[];
  /** A submission whose message started to go and whose outcome is not known: its exact text, and the evenings it counts. */
  pending?: { sequence: number; json: string; to: string; at: string; evenings?: string[] };
}

export interface SubmissionsFile {
  version: 1;
  uas: Record<string, UaSubmissions>;
}

export const submissionsFile = (env: Env): string => join(stateDir(env), 'submissions.json');

/** The file, or an empty one when there is none yet. A file that is not ours is refused, not overwritten. */
export function readSubmissions(t: Translate, file: string): SubmissionsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { version: 1, uas: {} };
    throw systemError(t, error, t('submit.cannotRead', { file }));
  }
  try {
    const data = JSON.parse(text) as SubmissionsFile;
    if (isRecord(data) && data.version === 1 && isRecord(data.uas)) return data;
  } catch {
    // Said below, as any file that is not one.
  }
  throw dataError(t('submit.damaged', { file }), t('submit.damagedHint'));
}

export function writeSubmissions(t: Translate, file: string, data: SubmissionsFile): void {
  writeFileAtomically(t, { path: file, force: true, mode: 0o600 }, `${JSON.stringify(data, null, 2)}\n`);
}

/** This UA's record, with a new random id when it has none. */
export function forUa(data: SubmissionsFile, ua: string): UaSubmissions {
  data.uas[ua] ??= { id: crypto().randomUUID(), sequence: 0, submitted: {} };
  return data.uas[ua];
}

/** One run at a time for the file: a second waits up to `waitSeconds`, then stops in one line. */
export function lockSubmissions(t: Translate, file: string, waitSeconds: number, say: (text: string) => void): Promise<HeldLock> {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw systemError(t, error, t('submit.cannotRead', { file }));
  }
  return lockJournal(t, file, { waitSeconds, say });
}

/**
 * The UAs with actions this install has not reported (or a submission in doubt), for `ua list`'s
 * marker; with `only`, whether that one UA has (after a batch: the other UAs' lines are not
 * parsed). A journal or record that cannot be read marks nothing: the list is what matters there.
 */
export function unreportedUas(t: Translate, env: Env, only?: { ua: string }): Set<string> {
  try {
    const data = readSubmissions(t, submissionsFile(env));
    const reports = buildReport(readJournal(t, journalFile(env), only).entries);
    const replies = readReplies(repliesFile(env)) ?? noReplies();
    const marked = reports.filter(
      (report) => data.uas[report.ua]?.pending || newCounts(withReplies(countsOf(report), replies, report.ua), data.uas[report.ua]?.submitted ?? {}).length > 0,
    );
    return new Set(marked.map(({ ua }) => ua));
  } catch {
    return new Set();
  }
}
