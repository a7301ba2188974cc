import { sha256Hex } from './digest.js';
import { type OutcomeKind, outcomeKind, parseSubmission, type SubmissionProblem } from './submission.js';

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
  /** An action done (in the UA's total), an attempt, or an answer about a reply (both listed apart). */
  kind: OutcomeKind;
}

/** One UA's totals: actions done, and beside them what is not an action. */
export interface TallyUa {
  ua: string;
  /** Actions done: what the section tells officials and publishes in its feed. */
  count: number;
  /** Tries that did not reach anyone (no answer, a wrong number, a refusal): not in `count`. */
  attempts: number;
  /** Answers about replies (a reply, an acknowledgement, none): not in `count`. */
  answers: number;
  /** How many volunteers (distinct submission ids) reported them. */
  volunteers: number;
  /** Letter-writing evenings (`ua batch`) the submissions report, each counted once by its organiser. */
  evenings: number;
}

export interface TallyResult {
  /** Sorted by UA, channel, outcome. */
  rows: TallyRow[];
  /** Per UA: its actions and how many volunteers and evenings reported them. */
  uas: TallyUa[];
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
  private readonly eveningsOf = new Map<string, number>();
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
    const digest = sha256Hex(JSON.stringify([s.counts, s.evenings ?? 0]));
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
    this.eveningsOf.set(s.ua, (this.eveningsOf.get(s.ua) ?? 0) + (s.evenings ?? 0));
    for (const { channel, outcome, count } of s.counts) {
      const row = this.totals.get(`${s.ua}\0${channel}\0${outcome}`) ?? { ua: s.ua, channel, outcome, count: 0, kind: outcomeKind(outcome) };
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
    const sum = (ua: string, kind: OutcomeKind) => rows.filter((row) => row.ua === ua && row.kind === kind).reduce((total, row) => total + row.count, 0);
    const uas = [...this.volunteersOf.keys()].sort(byUa).map((ua) => ({
      ua,
      count: sum(ua, 'action'),
      attempts: sum(ua, 'attempt'),
      answers: sum(ua, 'answer'),
      volunteers: this.volunteersOf.get(ua)?.size ?? 0,
      evenings: this.eveningsOf.get(ua) ?? 0,
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
