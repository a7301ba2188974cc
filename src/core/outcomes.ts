/**
 * What an action came to: the channels it is taken by and the states it reaches at each
 * address, and which of them outweighs which. Pure: the journal (journal-entries.ts) and the
 * report (report.ts) both read them.
 *
 * How an action was taken. Letters and emails: email (sent by ua), eml and mailto (prepared for
 * the volunteer's own mail program), post (printed); fax (sent through a gateway, or printed);
 * call (a phone call, its outcome told by the caller); social (a public post).
 */
export type Channel = 'email' | 'eml' | 'mailto' | 'post' | 'fax' | 'call' | 'social';
export const CHANNELS: readonly Channel[] = ['email', 'eml', 'mailto', 'post', 'fax', 'call', 'social'];

/** What a call came to, as the caller says: only the first two are done; "no-answer" stays to do. */
export type CallOutcome = 'spoke' | 'voicemail' | 'no-answer' | 'wrong-number';
export const CALL_OUTCOMES: readonly CallOutcome[] = ['spoke', 'voicemail', 'no-answer', 'wrong-number'];

/**
 * What happened to an action at one address (a mailbox, a fax or phone number, a handle): a
 * message's states; a call's outcome; "posted"; "failing", a fax number that kept failing and
 * is not tried again without --resend.
 */
export type AddressState = 'sent' | 'refused' | 'deferred' | 'unknown' | 'prepared' | CallOutcome | 'posted' | 'failing';
export const ADDRESS_STATES: readonly AddressState[] = ['sent', 'refused', 'deferred', 'unknown', 'prepared', ...CALL_OUTCOMES, 'posted', 'failing'];

/** A letter's state, summed over its addresses. */
export type LetterState = 'sent' | 'partly sent' | 'refused' | 'deferred' | 'unknown' | 'prepared';

export const STRENGTH: Readonly<Record<AddressState, number>> = {
  sent: 3,
  prepared: 3,
  spoke: 3,
  voicemail: 3,
  posted: 3,
  unknown: 2,
  deferred: 1,
  refused: 1,
  failing: 1,
  'wrong-number': 1,
  'no-answer': 0,
};

/**
 * A new outcome never weakens an old one: sent beats unknown beats deferred or refused (the
 * latest of those); a call that reached someone stays done when a later one is not answered.
 */
export function settle(before: AddressState | undefined, now: AddressState): AddressState {
  return before && STRENGTH[before] > STRENGTH[now] ? before : now;
}

/** A letter's state from its addresses' states: sent to all, to some, or to none and why. */
export function letterState(states: Iterable<AddressState>): LetterState {
  const all = [...states];
  if (all.length > 0 && all.every((state) => state === 'prepared')) return 'prepared';
  const sent = all.filter((state) => state === 'sent').length;
  if (sent > 0) return sent === all.length ? 'sent' : 'partly sent';
  if (all.includes('unknown')) return 'unknown';
  return all.includes('deferred') || all.length === 0 ? 'deferred' : 'refused';
}

/** The outcomes that are not a message's: a call's, a post's, a number that kept failing. */
export type ActionOutcome = CallOutcome | 'posted' | 'failing';
const OUTCOMES = new Set<AddressState>([...CALL_OUTCOMES, 'posted', 'failing']);

/** An action's state for a report: a message's (letterState), or the best outcome a call or post reached. */
export function actionState(states: Iterable<AddressState>): LetterState | ActionOutcome {
  const all = [...states];
  const outcomes = all.filter((state) => OUTCOMES.has(state)) as ActionOutcome[];
  if (outcomes.length === 0) return letterState(all);
  return outcomes.reduce((best, state) => (STRENGTH[state] > STRENGTH[best] ? state : best));
}

/**
 * The states in which an action is done: a letter sent (to all or some of its official's
 * addresses) or prepared, a call that reached someone or their voicemail, a post. The others are
 * tries (no answer, a wrong number, a refusal, a fax number that keeps failing) or not settled.
 */
export const DONE_STATES: ReadonlySet<string> = new Set<LetterState | ActionOutcome>(['sent', 'partly sent', 'prepared', 'spoke', 'voicemail', 'posted']);

/**
 * What came back from an official, as the volunteer says when ua asks two weeks after a letter
 * (core/follow-up.ts): a reply, an acknowledgement only, nothing, or nothing was expected. An
 * answer about a reply, never an action: counted apart.
 */
export type ReplyAnswer = 'reply' | 'acknowledged' | 'no-reply' | 'not-expected';
export const REPLY_ANSWERS: readonly ReplyAnswer[] = ['reply', 'acknowledged', 'no-reply', 'not-expected'];

/** Where a letter stands at each address, for JSON output: a list, not an object keyed by address. */
export function addressList(addresses: Readonly<Record<string, AddressState>>): { address: string; state: AddressState }[] {
  return Object.entries(addresses).map(([address, state]) => ({ address, state }));
}
