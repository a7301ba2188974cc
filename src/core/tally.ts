import { sha256Hex } from './digest.js';
import { parseSubmission, type SubmissionProblem } from './submission.js';

/**
 * A coordinator's sum of the submissions found in a mailbox (`ua tally`). Pure: the sources
 * (io/tally/) hand it each attachment's text with where it was found; it checks each, counts
 * the same submission (id and sequence) once, and sets aside, with the reason, whatever it
 * cannot count.
 *
 * Why a submission is set aside: the format's own reasons; "conflict", the same id and sequence
 * with other counts (the first one found is kept); "unreadable", an attachment that could not
 * be decoded; "over-total", past what the tally downloads in all.
 */
export type TallyProblem = SubmissionProblem | 'conflict' | 'unreadable' | 'over-total';
export const TALLY_PROBLEMS: readonly TallyProblem[] = [
  'too-large',
  'not-json',
  'not-a-submission',
  'bad-field',
  'absurd-count',
  'too-many-rows',
  'conflict',
  'unreadable',
  'over-total',
];

/** A message the tally did not count: where it is (a file, an IMAP uid, an mbox message) and why. */
export interface SetAside {
  where: string;
  problem: TallyProblem;
  detail?: string;
}

/** So many actions on one UA by one channel with one outcome, summed over volunteers and days. */
export interface TallyRow {
  ua: string;
  channel: string;
  outcome: string;
  count: number;
}

export interface TallyResult {
  /** Sorted by UA, channel, outcome. */
  rows: TallyRow[];
  /** Per UA: its actions and how many volunteers (distinct submission ids) reported them. */
  uas: { ua: string; count: number; volunteers: number }[];
  /** Distinct submission ids, over all UAs. */
  volunteers: number;
  /** Submissions counted (distinct id and sequence). */
  submissions: number;
  /** Copies of a submission already counted (a resend, the same message twice). */
  duplicates: number;
  setAside: SetAside[];
  /** The senders of the counted submissions, sorted; only when the coordinator asked (--senders). */
  senders?: string[];
}

export class Tally {
  /** id and sequence → a digest of what was counted under them: a copy counts once, a forgery is set aside. */
  private readonly seen = new Map<string, string>();
  private readonly totals = new Map<string, TallyRow>();
  private readonly volunteersOf = new Map<string, Set<string>>();
  private readonly everyone = new Set<string>();
  private readonly senders = new Set<string>();
  private readonly aside: SetAside[] = [];
  private duplicates = 0;

  /** One submission attachment's text, found at `where`, sent by `sender` (kept only if asked). */
  add(where: string, text: string, sender?: string): void {
    const parsed = parseSubmission(text);
    if ('problem' in parsed) {
      this.refuse(where, parsed.problem, parsed.detail);
      return;
    }
    const s = parsed.submission;
    const key = `${s.submission}#${s.sequence}`;
    const digest = sha256Hex(JSON.stringify(s.counts));
    const earlier = this.seen.get(key);
    if (earlier === digest) {
      this.duplicates += 1;
      return;
    }
    if (earlier !== undefined) {
      this.refuse(where, 'conflict', `${s.ua} #${s.sequence}`);
      return;
    }
    this.seen.set(key, digest);
    this.everyone.add(s.submission);
    const volunteers = this.volunteersOf.get(s.ua) ?? new Set<string>();
    volunteers.add(s.submission);
    this.volunteersOf.set(s.ua, volunteers);
    for (const { channel, outcome, count } of s.counts) {
      const row = this.totals.get(`${s.ua}\0${channel}\0${outcome}`) ?? { ua: s.ua, channel, outcome, count: 0 };
      row.count += count;
      this.totals.set(`${s.ua}\0${channel}\0${outcome}`, row);
    }
    if (sender) this.senders.add(sender);
  }

  /** A message the tally will not count, and why. */
  refuse(where: string, problem: TallyProblem, detail?: string): void {
    this.aside.push(detail === undefined ? { where, problem } : { where, problem, detail });
  }

  result(withSenders: boolean): TallyResult {
    const rows = [...this.totals.values()].sort((a, b) => byUa(a.ua, b.ua) || a.channel.localeCompare(b.channel) || a.outcome.localeCompare(b.outcome));
    const uas = [...this.volunteersOf.keys()].sort(byUa).map((ua) => ({
      ua,
      count: rows.filter((row) => row.ua === ua).reduce((sum, row) => sum + row.count, 0),
      volunteers: this.volunteersOf.get(ua)?.size ?? 0,
    }));
    return {
      rows,
      uas,
      volunteers: this.everyone.size,
      submissions: this.seen.size,
      duplicates: this.duplicates,
      setAside: [...this.aside],
      ...(withSenders ? { senders: [...this.senders].sort() } : {}),
    };
  }
}

/** "105.22" before "12.23": by year, then number. */
function byUa(a: string, b: string): number {
  const [na = 0, ya = 0] = a.split('.').map(Number);
  const [nb = 0, yb = 0] = b.split('.').map(Number);
  return ya - yb || na - nb;
}
