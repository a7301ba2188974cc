import type { UaReport } from './report.js';
import { SUBMISSION_FORMAT, SUBMISSION_VERSION, type Submission, type SubmissionCount } from './submission.js';

/**
 * What `ua report --submit` sends, worked out from the journal's report and what was sent
 * before: pure arithmetic. Counts are kept by "day channel lang outcome", the only things that
 * leave; the letters' names, addresses and text never enter a count.
 */

/** A count's key: day, channel, language and outcome, which is all a submission holds of a letter. */
export type CountKey = string;

/**
 * An action whose outcome is not settled yet (a server to try again, an outcome unknown) is not
 * counted: it is, once it settles, in the submission after. Everything else was done.
 */
const UNSETTLED = new Set(['deferred', 'unknown']);

export function countKey(row: Pick<SubmissionCount, 'day' | 'channel' | 'lang' | 'outcome'>): CountKey {
  return [row.day, row.channel, row.lang, row.outcome].join(' ');
}

function rowOf(key: CountKey, count: number): SubmissionCount {
  const [day = '', channel = '', lang = '', ...outcome] = key.split(' ');
  return { day, channel, lang, outcome: outcome.join(' '), count };
}

/** Every settled action of one UA's report, counted by day (UTC), channel, language and outcome. */
export function countsOf(report: UaReport | undefined): Map<CountKey, number> {
  const counts = new Map<CountKey, number>();
  for (const letter of report?.letters ?? []) {
    if (UNSETTLED.has(letter.state)) continue;
    // A language the format cannot hold (a journal edited by hand) is counted, as unknown: "xx".
    const lang = /^[a-z]{2}$/.test(letter.lang) ? letter.lang : 'xx';
    const key = countKey({ day: letter.at.slice(0, 10), channel: letter.channel, lang, outcome: letter.state });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * What is new since the counts already submitted: each count's growth. A count never shrinks
 * in a submission (a coordinator only adds); an action that moved on (no answer, then a call
 * that got through) is counted again under its new outcome.
 */
export function newCounts(now: ReadonlyMap<CountKey, number>, submitted: Readonly<Record<CountKey, number>>): SubmissionCount[] {
  const rows: SubmissionCount[] = [];
  for (const [key, count] of now) {
    const grown = count - (submitted[key] ?? 0);
    if (grown > 0) rows.push(rowOf(key, grown));
  }
  return rows.sort((a, b) => countKey(a).localeCompare(countKey(b)));
}

/** The counts submitted so far, with a submission's added. */
export function withSubmitted(submitted: Readonly<Record<CountKey, number>>, rows: readonly SubmissionCount[]): Record<CountKey, number> {
  const sum: Record<CountKey, number> = { ...submitted };
  for (const row of rows) sum[countKey(row)] = (sum[countKey(row)] ?? 0) + row.count;
  return sum;
}

export function buildSubmission(parts: { id: string; sequence: number; ua: string; version: string; counts: SubmissionCount[] }): Submission {
  return {
    format: SUBMISSION_FORMAT,
    version: SUBMISSION_VERSION,
    submission: parts.id,
    sequence: parts.sequence,
    ua: parts.ua,
    tool: `ua ${parts.version}`,
    counts: parts.counts,
  };
}

/** The attachment's bytes, and what --dry-run prints: the same text. */
export function submissionJson(submission: Submission): string {
  return `${JSON.stringify(submission, null, 2)}\n`;
}

/** Totals by channel and outcome ("email sent" → 3), for the text a person reads. */
export function totalsOf(rows: readonly SubmissionCount[]): { channel: string; outcome: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(`${row.channel} ${row.outcome}`, (totals.get(`${row.channel} ${row.outcome}`) ?? 0) + row.count);
  return [...totals].map(([key, count]) => {
    const [channel = '', ...outcome] = key.split(' ');
    return { channel, outcome: outcome.join(' '), count };
  });
}
