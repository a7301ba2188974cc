import { type AddressState, type JournalEntry, LetterIndex, type LetterState, letterState } from './journal-entries.js';

/** What the journal says was done, per UA: pure arithmetic over its entries. */
export type Kind = 'sent' | 'prepared' | 'failed' | 'in doubt';

export interface LetterReport {
  ua: string;
  target: string;
  name: string;
  channel: string;
  lang: string;
  kind: Kind;
  state: LetterState;
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
}

export interface UaReport {
  ua: string;
  totals: Record<Kind, number>;
  /** "email/es" → count, for each kind. */
  byChannel: Record<string, Record<Kind, number>>;
  first?: string;
  last?: string;
  letters: LetterReport[];
}

const KIND: Readonly<Record<LetterState, Kind>> = {
  sent: 'sent',
  // At least one of the official's addresses has it.
  'partly sent': 'sent',
  prepared: 'prepared',
  refused: 'failed',
  deferred: 'failed',
  unknown: 'in doubt',
};

/** The last word on each letter, grouped by UA. Rehearsals (--test-to) are not counted. */
export function buildReport(entries: readonly JournalEntry[], onlyUa?: string): UaReport[] {
  const reports = new Map<string, UaReport>();
  // A letter belongs to the pack its last entry names: printed again at home, it is the signer's.
  const packs = new Map(entries.map((entry) => [entry.key, typeof entry.pack === 'string' && entry.pack !== '' ? entry.pack : undefined]));
  for (const record of LetterIndex.of(entries).records.values()) {
    if (record.test_to || (onlyUa && record.ua !== onlyUa) || record.addresses.size === 0) continue;
    const state = letterState(record.addresses.values());
    const kind = KIND[state];
    // Addresses as people wrote them (an IDN domain in Unicode), not as the journal compares them.
    const shown = (address: string) => record.written.get(address) ?? address;
    const report = reports.get(record.ua) ?? { ua: record.ua, totals: { sent: 0, prepared: 0, failed: 0, 'in doubt': 0 }, byChannel: {}, letters: [] };
    reports.set(record.ua, report);
    report.totals[kind]++;
    const bucket = `${record.channel}/${record.lang}`;
    report.byChannel[bucket] ??= { sent: 0, prepared: 0, failed: 0, 'in doubt': 0 };
    report.byChannel[bucket][kind]++;
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
    });
    report.first = !report.first || record.at < report.first ? record.at : report.first;
    report.last = !report.last || record.at > report.last ? record.at : report.last;
  }
  return [...reports.values()].sort((a, b) => a.ua.localeCompare(b.ua, 'en', { numeric: true }));
}
