import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { noReplies, parseReplies, type Replies } from '../core/follow-up.js';
import type { Translate } from '../core/i18n.js';
import { isUaError } from '../errors.js';
import { type FollowUpState, readFollowUpState } from './follow-up-due.js';
import { type HeldLock, takeLock } from './lock-file.js';
import { writeFileAtomically } from './staging.js';
import { errorCode } from './system-errors.js';

export { type FollowUpState, followUpFile, readFollowUpState, repliesFile } from './follow-up-due.js';

/**
 * What ua keeps for the follow-up and the journal's upkeep, in the state folder:
 * - `follow-up.json`, small, read by a run at a terminal: the first moment a question about a
 *   reply falls due (so that a run reads the journal only once it has), a count of the runs that
 *   recorded letters since, and the day the journal was last rid of what it keeps too long.
 * - `replies.json`: each UA and official's question, answered, put off or not to be asked.
 * Each is written whole (staging), under a lock of its own.
 */

/**
 * Changes the state: read, changed and written under its lock, held for that moment only. Two
 * runs that end together both have their say; one that finds the lock held past a few seconds
 * (a run that died holding it is taken over), or cannot write the file, leaves it: returns false.
 */
export async function changeFollowUpState(t: Translate, file: string, change: (state: FollowUpState | undefined) => FollowUpState): Promise<boolean> {
  const lock = await lockBeside(file, 5);
  if (!lock) return false;
  try {
    writeFileAtomically(t, { path: file, force: true, mode: 0o600 }, `${JSON.stringify(change(readFollowUpState(file)))}\n`);
    return true;
  } catch (error) {
    // A state folder that cannot be written (a full disk) only means a question may come late.
    if (isUaError(error)) return false;
    throw error;
  } finally {
    lock.release();
  }
}

/** The record of questions: an empty one when there is none yet; undefined when the file is not ours (it is then left alone). */
export function readReplies(file: string): Replies | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? noReplies() : undefined;
  }
  try {
    return parseReplies(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export function writeReplies(t: Translate, file: string, replies: Replies): void {
  writeFileAtomically(t, { path: file, force: true, mode: 0o600 }, `${JSON.stringify(replies, null, 1)}\n`);
}

/**
 * The record of questions, ours alone: one run asks at a time. `waitSeconds` 0 for the
 * questions (a run that finds another asking leaves them to it); undefined when busy.
 */
export function lockReplies(file: string, waitSeconds: number): Promise<HeldLock | undefined> {
  return lockBeside(file, waitSeconds);
}

/** A lock file beside `file` (its folder made first); undefined when another run holds it past the wait, or it cannot be made. */
async function lockBeside(file: string, waitSeconds: number): Promise<HeldLock | undefined> {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    return await takeLock(`${file}.lock`, { waitSeconds, busy: () => new Error('busy') });
  } catch {
    return undefined;
  }
}
