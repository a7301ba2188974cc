import type { Env } from '../world.js';
import { journalFile, stateDir } from './paths.js';

// Node's modules taken as they are (see paths.ts): every run at a terminal reads this file, and
// nothing else of the follow-up until a question is due.
const { existsSync, readFileSync } = process.getBuiltinModule('node:fs');
const { join } = process.getBuiltinModule('node:path');

/**
 * The follow-up's small state file, `follow-up.json` in the state folder, as a run reads it to
 * know whether a question about a reply may be due (follow-up-state.ts writes it, and keeps
 * `replies.json` beside it).
 */
export interface FollowUpState {
  /** The first moment a question falls due (ISO); null: none will until more letters are recorded. */
  due: string | null;
  /** Bumped by every run that records letters: a run that asked knows whether its view of the journal is still the latest. */
  bumps: number;
  /** The last scrub of the journal (journal.keep_text_days): which file, which day, kept how long. */
  scrubbed?: { journal: string; day: string; keepDays: number };
}

export const followUpFile = (env: Env): string => join(stateDir(env), 'follow-up.json');
export const repliesFile = (env: Env): string => join(stateDir(env), 'replies.json');

/** The state, or undefined when there is none yet (or it is not ours): then the journal has to be read to know. */
export function readFollowUpState(file: string): FollowUpState | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<FollowUpState>;
    if ((data.due === null || typeof data.due === 'string') && typeof data.bumps === 'number') return data as FollowUpState;
  } catch {
    // No file yet, or one that is not ours: the journal says.
  }
  return undefined;
}

/**
 * Whether a question may be due now: no state yet (and a journal to read), or its day has come.
 * All a run at a terminal does for the follow-up until one is: one small file read.
 */
export function questionMayBeDue(env: Env, now: Date): boolean {
  const state = readFollowUpState(followUpFile(env));
  if (!state) return existsSync(journalFile(env));
  if (state.due === null) return false;
  // A day that is not one (a file edited by hand) is found out by reading the journal.
  const due = Date.parse(state.due);
  return Number.isNaN(due) || due <= now.getTime();
}
