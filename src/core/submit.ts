import type { LetterReport, UaReport } from './report.js';
import { SUBMISSION_FORMAT, SUBMISSION_LIMITS, SUBMISSION_VERSION, type Submission, type SubmissionCount } from './submission.js';

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

/**
 * Every settled action of one UA's report, counted by day (UTC), channel, language and outcome.
 * An action done is counted by the day and outcome it was first done with, for good: sent to
 * some addresses, then to all, it is not counted again as "sent" the day after.
 */
export function countsOf(report: UaReport | undefined): Map<CountKey, number> {
  const counts = new Map<CountKey, number>();
  for (const letter of settled(report)) {
    // A language the format cannot hold (a journal edited by hand) is counted, as unknown: "xx".
    const lang = /^[a-z]{2}$/.test(letter.lang) ? letter.lang : 'xx';
    const { at, state } = letter.firstDone ?? letter;
    const key = countKey({ day: at.slice(0, 10), channel: letter.channel, lang, outcome: state });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The evenings (`ua batch`'s days) whose letters are counted, sorted: each is reported once. */
export function eveningsOf(report: UaReport | undefined): string[] {
  const evenings = new Set<string>();
  for (const letter of settled(report)) if (letter.evening !== undefined) evenings.add(letter.evening);
  return [...evenings].sort();
}

function settled(report: UaReport | undefined): LetterReport[] {
  return (report?.letters ?? []).filter((letter) => !UNSETTLED.has(letter.state));
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

export function buildSubmission(parts: {
  id: string;
  sequence: number;
  ua: string;
  version: string;
  counts: SubmissionCount[];
  evenings?: number;
}): Submission {
  return {
    format: SUBMISSION_FORMAT,
    version: SUBMISSION_VERSION,
    submission: parts.id,
    sequence: parts.sequence,
    ua: parts.ua,
    tool: `ua ${parts.version}`,
    ...(parts.evenings ? { evenings: parts.evenings } : {}),
    counts: parts.counts,
  };
}

/** One submission's share of what is new: its rows, and how many of the new evenings it carries. */
export interface SubmissionPart {
  counts: SubmissionCount[];
  evenings: number;
}

/** A row's bytes in the attachment, as submissionJson writes it (two levels in, a comma after). */
const rowBytes = (row: SubmissionCount): number => JSON.stringify(row, null, 2).length + 4 * 7 + 2;
/** Room kept for the rest of the attachment: the format, the ids, the tool. */
const HEAD_BYTES = 1024;

/**
 * What is new, cut into as few submissions as the format's limits allow, in order: a row past a
 * day's limit (12,000 emails of one evening) in pieces, one a submission; no submission with more
 * rows, bytes, actions or evenings than a tally accepts. Each piece is counted once, in one part.
 */
export function splitSubmissions(rows: readonly SubmissionCount[], evenings: number): SubmissionPart[] {
  const limits = SUBMISSION_LIMITS;
  const parts: { counts: SubmissionCount[]; keys: Set<CountKey>; total: number; bytes: number }[] = [];
  for (const row of rows)
    for (let left = row.count; left > 0; left -= limits.perDay) {
      const piece = { ...row, count: Math.min(left, limits.perDay) };
      const bytes = rowBytes(piece);
      const fits = (part: (typeof parts)[number]) =>
        !part.keys.has(countKey(piece)) &&
        part.counts.length < limits.rows &&
        part.total + piece.count <= limits.total &&
        part.bytes + bytes <= limits.bytes - HEAD_BYTES;
      let part = parts.find(fits);
      if (!part) {
        part = { counts: [], keys: new Set(), total: 0, bytes: 0 };
        parts.push(part);
      }
      part.counts.push(piece);
      part.keys.add(countKey(piece));
      part.total += piece.count;
      part.bytes += bytes;
    }
  // The evenings go with the first parts: never more in one than its actions, or than a year's.
  let unplaced = evenings;
  return parts.map(({ counts, total }) => {
    const carried = Math.min(unplaced, limits.evenings, total);
    unplaced -= carried;
    return { counts, evenings: carried };
  });
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
