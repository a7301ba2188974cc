import { CHANNELS, DONE_STATES } from './outcomes.js';

/**
 * What leaves a volunteer's machine when they report their actions (`ua report --submit`), and
 * what a coordinator's `ua tally` reads back: counts only. Per UA, per day, per channel,
 * language and outcome, under a random id of this install for this UA and a sequence number; no
 * name, address, email or letter text, by construction: there is no field that could hold one.
 *
 * A later submission carries only what is new since the one before (its sequence is one more),
 * so a coordinator adds them up; the same submission received twice (a resend, two copies of
 * the mailbox) has the same id and sequence and counts once.
 */
export const SUBMISSION_FORMAT = 'ua-letters/report';
export const SUBMISSION_VERSION = 1;
/** The attachment's type, so a tally picks submissions out of a mailbox and leaves the rest alone. */
export const SUBMISSION_MIME = 'application/vnd.ua-letters.report+json';

/** One count: so many actions on one day, by one channel, in one language, with one outcome. */
export interface SubmissionCount {
  day: string;
  channel: string;
  lang: string;
  outcome: string;
  count: number;
}

export interface Submission {
  format: typeof SUBMISSION_FORMAT;
  version: typeof SUBMISSION_VERSION;
  /** Random, one per install and UA (a UUID): lets the tally tell volunteers apart, and nothing else. */
  submission: string;
  /** 1 for the first submission of this install for this UA, then 2, 3 …: each holds what is new. */
  sequence: number;
  ua: string;
  /** "ua 0.1.0" */
  tool: string;
  /**
   * How many letter-writing evenings (`ua batch` runs, one a day) these counts hold for the first
   * time; absent when none. Added in version 1 as an optional field: a tally that does not know
   * it counts the submission all the same and drops it, as it drops any field it does not know.
   */
  evenings?: number;
  counts: SubmissionCount[];
}

/**
 * What an outcome is, for a coordinator's totals: an action done (a letter sent or prepared, a
 * call that reached someone or their voicemail, a post); an attempt (no answer, a wrong number,
 * a refusal, a number that kept failing, an outcome still open), listed apart and never in the
 * total; an answer about a reply, listed apart too. An action first tried and later done counts
 * once: its attempt is an attempt, its success the action.
 */
export type OutcomeKind = 'action' | 'attempt' | 'answer';
const ANSWERS = new Set(['reply', 'acknowledged', 'no-reply', 'not-expected']);

export function outcomeKind(outcome: string): OutcomeKind {
  if (DONE_STATES.has(outcome)) return 'action';
  return ANSWERS.has(outcome) ? 'answer' : 'attempt';
}

/** Limits a real submission stays far inside: past them a submission is set aside as forged or absurd. */
export const SUBMISSION_LIMITS = {
  /** Bytes of the JSON attachment. */
  bytes: 64 * 1024,
  /** Rows of counts. */
  rows: 500,
  /** One install's actions on one UA in one day, by one channel: an evening's batch stays under it. */
  perDay: 5000,
  /** All the actions in one submission: a month of evenings stays far under it. */
  total: 20_000,
  /** Letter-writing evenings in one submission: one a day for a year. */
  evenings: 366,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UA_ID = /^\d{1,4}\.\d{2}$/;
const OUTCOMES = new Set([
  'sent',
  'partly sent',
  'prepared',
  'spoke',
  'voicemail',
  'no-answer',
  'wrong-number',
  'posted',
  'failing',
  'refused',
  'deferred',
  'unknown',
  'reply',
  'acknowledged',
  'no-reply',
  'not-expected',
]);

/** Why a submission is not counted, as a stable code (the tally words it). */
export type SubmissionProblem = 'too-large' | 'not-json' | 'not-a-submission' | 'bad-field' | 'absurd-count' | 'too-many-rows';

type Problem = { problem: SubmissionProblem; detail?: string };

/** A submission's JSON text, read as the tally reads it: a submission, or why it is set aside. */
export function parseSubmission(text: string): { submission: Submission } | Problem {
  if (new TextEncoder().encode(text).length > SUBMISSION_LIMITS.bytes) return { problem: 'too-large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not-json' };
  }
  const data = value as Partial<Submission>;
  if (typeof value !== 'object' || value === null || data.format !== SUBMISSION_FORMAT || data.version !== SUBMISSION_VERSION)
    return { problem: 'not-a-submission' };
  const problem = headerProblem(data) ?? countsProblem(data.counts, data.evenings);
  if (problem) return problem;
  const { format, version, submission, sequence, ua, tool, counts } = data as Submission;
  // Only the known fields go on: anything else a sender added is dropped, never shown.
  return {
    submission: {
      format,
      version,
      submission,
      sequence,
      ua,
      tool,
      ...(data.evenings === undefined ? {} : { evenings: data.evenings }),
      counts: counts.map(({ day, channel, lang, outcome, count }) => ({ day, channel, lang, outcome, count })),
    },
  };
}

function headerProblem(data: Partial<Submission>): Problem | undefined {
  if (typeof data.submission !== 'string' || !UUID.test(data.submission)) return { problem: 'bad-field', detail: 'submission' };
  if (!Number.isInteger(data.sequence) || (data.sequence ?? 0) < 1 || (data.sequence ?? 0) > 1_000_000) return { problem: 'bad-field', detail: 'sequence' };
  if (typeof data.ua !== 'string' || !UA_ID.test(data.ua)) return { problem: 'bad-field', detail: 'ua' };
  if (typeof data.tool !== 'string' || data.tool.length > 40) return { problem: 'bad-field', detail: 'tool' };
  return undefined;
}

/** The rows, each and together, and the evenings counted with them. */
function countsProblem(counts: unknown, evenings: unknown): Problem | undefined {
  if (!Array.isArray(counts)) return { problem: 'bad-field', detail: 'counts' };
  if (counts.length > SUBMISSION_LIMITS.rows) return { problem: 'too-many-rows' };
  let total = 0;
  for (const row of counts as unknown[]) {
    const problem = rowProblem(row);
    if (problem) return problem;
    total += (row as SubmissionCount).count;
  }
  // Rows each under the day's limit may still add up to more than anyone does: 500 rows of 5,000.
  if (total > SUBMISSION_LIMITS.total) return { problem: 'absurd-count', detail: `${total}` };
  const problem = eveningsProblem(evenings, total);
  if (problem) return problem;
  // A count said twice in one submission would carry a day past its limit (5,000 and 5,000 more).
  const keys = new Set((counts as SubmissionCount[]).map(({ day, channel, lang, outcome }) => `${day} ${channel} ${lang} ${outcome}`));
  return keys.size === counts.length ? undefined : { problem: 'bad-field', detail: 'counts' };
}

/** Evenings, when given: a whole number from 1, no more than a year's, nor more than the actions counted with them. */
function eveningsProblem(evenings: unknown, total: number): Problem | undefined {
  if (evenings === undefined) return undefined;
  if (typeof evenings !== 'number' || !Number.isInteger(evenings) || evenings < 1) return { problem: 'bad-field', detail: 'evenings' };
  if (evenings > SUBMISSION_LIMITS.evenings || evenings > total) return { problem: 'absurd-count', detail: `evenings ${evenings}` };
  return undefined;
}

function rowProblem(row: unknown): Problem | undefined {
  const r = row as Partial<SubmissionCount>;
  if (typeof row !== 'object' || row === null) return { problem: 'bad-field', detail: 'counts' };
  if (typeof r.day !== 'string' || !DAY.test(r.day)) return { problem: 'bad-field', detail: 'day' };
  if (typeof r.channel !== 'string' || !(CHANNELS as readonly string[]).includes(r.channel)) return { problem: 'bad-field', detail: 'channel' };
  if (typeof r.lang !== 'string' || !/^[a-z]{2}$/.test(r.lang)) return { problem: 'bad-field', detail: 'lang' };
  if (typeof r.outcome !== 'string' || !OUTCOMES.has(r.outcome)) return { problem: 'bad-field', detail: 'outcome' };
  if (!Number.isInteger(r.count) || (r.count ?? 0) < 1) return { problem: 'bad-field', detail: 'count' };
  if ((r.count ?? 0) > SUBMISSION_LIMITS.perDay) return { problem: 'absurd-count', detail: `${r.count}` };
  return undefined;
}
