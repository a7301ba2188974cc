import type { PluralKey, Translate } from './i18n.js';
import { type AddressState, type JournalEntry, LetterIndex, type LetterState, letterState } from './journal-entries.js';

/**
 * A letter of a `ua batch` print pack, as the journal records it: besides what every entry says,
 * the folder of the pack (absolute). A reader that does not know the field passes it over
 * (journal-line.ts keeps what it does not check), so older versions of ua read these lines.
 */
export type PackEntry = JournalEntry & { pack?: string };

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
    });
    report.first = !report.first || record.at < report.first ? record.at : report.first;
    report.last = !report.last || record.at > report.last ? record.at : report.last;
  }
  return [...reports.values()].sort((a, b) => a.ua.localeCompare(b.ua, 'en', { numeric: true }));
}

const CHANNEL_KEYS: Readonly<Record<string, PluralKey>> = {
  email: 'report.part.email',
  eml: 'report.part.eml',
  mailto: 'report.part.mailto',
  post: 'report.part.post',
};

/** The sentence a volunteer pastes into the UA's report form, in the interface's language. */
export function reportSentence(t: Translate, report: UaReport, day: (iso: string) => string): string {
  const done = report.letters.filter((letter) => letter.kind === 'sent' || letter.kind === 'prepared');
  if (done.length === 0) return t('report.nothingYet', { id: report.ua });
  // "A, B and C", "A, B y C", "A, B et C".
  const and = new Intl.ListFormat(t('locale'), { type: 'conjunction' });
  const names = new Intl.DisplayNames(t('locale'), { type: 'language' });
  const parts = Object.entries(groupBy(done, (letter) => letter.channel)).map(([channel, letters]) =>
    t(CHANNEL_KEYS[channel] ?? 'report.part.post', {
      count: letters.length,
      // "en espagnol et en français": French repeats the preposition, English and Spanish do not.
      languages: and.format([...new Set(letters.map((letter) => t('report.inLanguage', { language: names.of(letter.lang) ?? letter.lang })))]),
      names: and.format([...new Set(letters.map((l) => l.name))]),
    }),
  );
  const dates = [...new Set(done.map((letter) => day(letter.at)))];
  return t('report.sentence', { id: report.ua, parts: parts.join('; '), dates: and.format(dates) });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const item of items) {
    const group = groups[key(item)] ?? [];
    group.push(item);
    groups[key(item)] = group;
  }
  return groups;
}
