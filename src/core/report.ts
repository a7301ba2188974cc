/** What the journal says was done, per UA: pure arithmetic over its entries. */
export interface ReportEntry {
  at: string;
  ua: string;
  key: string;
  state: string;
  channel: string;
  target: string;
  target_name?: string;
  lang: string;
  to: string[];
  test_to?: string;
}

export type Kind = 'sent' | 'prepared' | 'failed' | 'in doubt';

export interface LetterRecord {
  ua: string;
  target: string;
  name: string;
  channel: string;
  lang: string;
  kind: Kind;
  state: string;
  to: string[];
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
  letters: LetterRecord[];
}

const KIND: Readonly<Record<string, Kind>> = {
  sent: 'sent',
  'partly sent': 'sent',
  prepared: 'prepared',
  refused: 'failed',
  deferred: 'failed',
  unknown: 'in doubt',
  // The run ended while the message was on its way.
  transferring: 'in doubt',
};

/** The last word on each letter, grouped by UA. Rehearsals (--test-to) are not counted. */
export function buildReport(entries: readonly ReportEntry[], onlyUa?: string): UaReport[] {
  const latest = new Map<string, ReportEntry>();
  for (const entry of entries) {
    if (entry.test_to || (onlyUa && entry.ua !== onlyUa) || entry.state === 'attempt') continue;
    latest.set(entry.key, entry);
  }
  const reports = new Map<string, UaReport>();
  for (const entry of latest.values()) {
    const kind = KIND[entry.state];
    if (!kind) continue;
    const report = reports.get(entry.ua) ?? { ua: entry.ua, totals: { sent: 0, prepared: 0, failed: 0, 'in doubt': 0 }, byChannel: {}, letters: [] };
    reports.set(entry.ua, report);
    report.totals[kind]++;
    const bucket = `${entry.channel}/${entry.lang}`;
    report.byChannel[bucket] ??= { sent: 0, prepared: 0, failed: 0, 'in doubt': 0 };
    report.byChannel[bucket][kind]++;
    report.letters.push({
      ua: entry.ua,
      target: entry.target,
      name: entry.target_name ?? entry.target,
      channel: entry.channel,
      lang: entry.lang,
      kind,
      state: entry.state,
      to: entry.to,
      at: entry.at,
    });
    report.first = !report.first || entry.at < report.first ? entry.at : report.first;
    report.last = !report.last || entry.at > report.last ? entry.at : report.last;
  }
  return [...reports.values()].sort((a, b) => a.ua.localeCompare(b.ua, 'en', { numeric: true }));
}

const CHANNEL_WORDS: Readonly<Record<string, [string, string]>> = {
  email: ['email', 'emails'],
  eml: ['email draft', 'email drafts'],
  mailto: ['email from my own mail program', 'emails from my own mail program'],
  post: ['letter by post', 'letters by post'],
};

/** The sentence a volunteer pastes into the UA's report form. */
export function reportSentence(report: UaReport, languageName: (code: string) => string, day: (iso: string) => string): string {
  const done = report.letters.filter((letter) => letter.kind === 'sent' || letter.kind === 'prepared');
  if (done.length === 0) return `Urgent Action ${report.ua}: nothing sent yet.`;
  const parts = Object.entries(groupBy(done, (letter) => letter.channel)).map(([channel, letters]) => {
    const [one, many] = CHANNEL_WORDS[channel] ?? [channel, channel];
    const languages = [...new Set(letters.map((letter) => languageName(letter.lang)))].join(' and ');
    const verb = channel === 'email' ? 'sent' : 'prepared';
    return `${verb} ${letters.length} ${letters.length === 1 ? one : many} (in ${languages}) to ${[...new Set(letters.map((l) => l.name))].join(', ')}`;
  });
  const dates = [...new Set(done.map((letter) => day(letter.at)))];
  return `Urgent Action ${report.ua}: I ${parts.join('; I ')}, on ${dates.join(' and ')}.`;
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
