import { type JournalEntry, LetterIndex } from './journal-entries.js';
import { type ActionOutcome, type AddressState, actionState, type LetterState, type ReplyAnswer } from './outcomes.js';

/**
 * What the journal says was done, per UA: pure arithmetic over its entries. A message is sent,
 * prepared, failed or in doubt; a call or a post is done (someone answered, a voicemail was
 * left, it was posted), still to do (no answer), or failed (a wrong number).
 */
export type Kind = 'sent' | 'prepared' | 'done' | 'to do' | 'failed' | 'in doubt';
export const KINDS: readonly Kind[] = ['sent', 'prepared', 'done', 'to do', 'failed', 'in doubt'];

export function noCounts(): Record<Kind, number> {
  return { sent: 0, prepared: 0, done: 0, 'to do': 0, failed: 0, 'in doubt': 0 };
}

export interface LetterReport {
  ua: string;
  target: string;
  name: string;
  channel: string;
  lang: string;
  kind: Kind;
  state: LetterState | ActionOutcome;
  /** Every address the letter went (or was to go) to. */
  to: string[];
  /** Where it stands at each address. */
  addresses: Record<string, AddressState>;
  /** When this letter reached its last state. */
  at: string;
  /** Who signed it, as written ('' for an unsigned copy). */
  signer: string;
  /** The folder of the `ua batch` print pack it was printed in, if it was. */
  pack?: string;
  /** The evening (`ua batch`'s day) it was first written at, if it was. */
  evening?: string;
  /** When and how the action was first done, if it was: what a submission counts (see LetterRecord). */
  firstDone?: { at: string; state: LetterState | ActionOutcome };
  /** What came back from the official, as the volunteer said when asked (core/follow-up.ts). */
  reply?: ReplyAnswer;
}

export interface UaReport {
  ua: string;
  totals: Record<Kind, number>;
  /** "email/es" → count, for each kind. */
  byChannel: Record<string, Record<Kind, number>>;
  /** "call/es" → { spoke: 2, "no-answer": 1 }: each action's state, counted. */
  outcomes: Record<string, Record<string, number>>;
  first?: string;
  last?: string;
  letters: LetterReport[];
  /** The answers about replies, counted (core/follow-up.ts): never actions. */
  replies?: Record<ReplyAnswer, number>;
}

const KIND: Readonly<Record<LetterState | ActionOutcome, Kind>> = {
  sent: 'sent',
  // At least one of the official's addresses has it.
  'partly sent': 'sent',
  prepared: 'prepared',
  refused: 'failed',
  deferred: 'failed',
  unknown: 'in doubt',
  spoke: 'done',
  voicemail: 'done',
  posted: 'done',
  'no-answer': 'to do',
  'wrong-number': 'failed',
  failing: 'failed',
};

/** The last word on each letter, grouped by UA. Rehearsals (--test-to) are not counted. */
export function buildReport(entries: readonly JournalEntry[], onlyUa?: string): UaReport[] {
  const reports = new Map<string, UaReport>();
  // A letter belongs to the pack its last entry names: printed again at home, it is the signer's.
  const packs = new Map(entries.map((entry) => [entry.key, typeof entry.pack === 'string' && entry.pack !== '' ? entry.pack : undefined]));
  for (const record of LetterIndex.of(entries).records.values()) {
    if (record.test_to || (onlyUa && record.ua !== onlyUa) || record.addresses.size === 0) continue;
    const state = actionState(record.addresses.values());
    const kind = KIND[state];
    // Addresses as people wrote them (an IDN domain in Unicode), not as the journal compares them.
    const shown = (address: string) => record.written.get(address) ?? address;
    const report = reports.get(record.ua) ?? { ua: record.ua, totals: noCounts(), byChannel: {}, outcomes: {}, letters: [] };
    reports.set(record.ua, report);
    report.totals[kind]++;
    const bucket = `${record.channel}/${record.lang}`;
    report.byChannel[bucket] ??= noCounts();
    report.byChannel[bucket][kind]++;
    report.outcomes[bucket] ??= {};
    report.outcomes[bucket][state] = (report.outcomes[bucket][state] ?? 0) + 1;
    report.letters.push({
      ua: record.ua,
      target: record.target,
      name: record.target_name ?? record.target,
      channel: record.channel,
      lang: record.lang,
      kind,
      state,
      to: [...record.addresses.keys()].map(shown),
      addresses: Object.fromEntries([...record.addresses].map(([address, state]) => [shown(address), state])),
      at: record.at,
      signer: record.sender,
      ...(packs.get(record.key) !== undefined ? { pack: packs.get(record.key) } : {}),
      ...(record.evening !== undefined ? { evening: record.evening } : {}),
      ...(record.firstDone !== undefined ? { firstDone: record.firstDone } : {}),
    });
    report.first = !report.first || record.at < report.first ? record.at : report.first;
    report.last = !report.last || record.at > report.last ? record.at : report.last;
  }
  return [...reports.values()].sort((a, b) => a.ua.localeCompare(b.ua, 'en', { numeric: true }));
}
