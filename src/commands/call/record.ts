import type { Action, Target } from '../../core/action.js';
import { type CallSituation, dialled } from '../../core/call.js';
import type { Caller } from '../../core/call-script.js';
import type { Translate } from '../../core/i18n.js';
import { letterKey } from '../../core/identity.js';
import { ENTRY_VERSION, type JournalEntry, LetterIndex } from '../../core/journal-entries.js';
import { actionState, CALL_OUTCOMES, type CallOutcome } from '../../core/outcomes.js';
import { readJournal } from '../../io/journal-read.js';
import { journalFile } from '../../io/paths.js';
import type { Env } from '../../world.js';
import { recordPrepared } from '../common/record-prepared.js';
import type { Context } from '../context.js';

/** A caller as the journal keys them: as a letter's signer (name and email, else name and city). */
export interface CallSigner extends Caller {
  email?: string;
}

/** One person's calls to one target of one UA: the letter's identity, on the call channel. */
export function callKey(ua: string, targetId: string, signer: CallSigner): string {
  return `${letterKey(ua, targetId, signer)}:call`;
}

/** What the journal says each target's calls came to, for this caller: the best outcome so far. */
export function lastOutcomes(t: Translate, env: Env, action: Action, targets: readonly Target[], signer: CallSigner): Map<string, CallOutcome> {
  const index = LetterIndex.of(readJournal(t, journalFile(env)).entries);
  const outcomes = new Map<string, CallOutcome>();
  for (const target of targets) {
    const record = index.records.get(callKey(action.id, target.id, signer));
    const state = record ? actionState(record.addresses.values()) : undefined;
    if (state && (CALL_OUTCOMES as readonly string[]).includes(state)) outcomes.set(target.id, state as CallOutcome);
  }
  return outcomes;
}

/** Reached: someone answered or took a message. A wrong number is not to do again either, until the UA changes it. */
export function reached(outcome: CallOutcome | undefined): boolean {
  return outcome === 'spoke' || outcome === 'voicemail';
}

/** The targets not yet reached first (never called, or not answered), then wrong numbers, then those reached. */
export function notReachedFirst<T extends { situation: { target: Target } }>(items: readonly T[], outcomes: ReadonlyMap<string, CallOutcome>): T[] {
  const rank = (item: T) => {
    const outcome = outcomes.get(item.situation.target.id);
    return reached(outcome) ? 2 : outcome === 'wrong-number' ? 1 : 0;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}

/** One call's outcome, as the caller told it, in the journal beside the letters. */
export async function recordCall(
  call: { action: Action; situation: CallSituation; signer: CallSigner; lang: string },
  outcome: CallOutcome,
  ctx: Context,
): Promise<void> {
  const { action, situation, signer, lang } = call;
  const number = dialled(situation);
  const entry: JournalEntry = {
    v: ENTRY_VERSION,
    at: ctx.world.now().toISOString(),
    ua: action.id,
    key: callKey(action.id, situation.target.id, signer),
    state: outcome,
    channel: 'call',
    target: situation.target.id,
    target_name: situation.target.name,
    lang,
    to: [number],
    addresses: { [number]: outcome },
    sender: signer.name,
  };
  await recordPrepared([entry], ctx);
}
