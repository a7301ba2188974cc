import { REPLY_ANSWERS, type ReplyAnswer } from './outcomes.js';
import type { LetterReport, UaReport } from './report.js';
import { type CountKey, countKey } from './submit.js';

/**
 * The follow-up: two weeks after a letter or an email to an official, ua asks once whether a
 * reply came, and the answer is a count in the next submission. Pure rules: which questions
 * are due, when the next one falls due, what an answer counts. The record of answers is kept by
 * io/follow-up-state.ts; the question is asked by commands/common/follow-up.ts.
 *
 * One question per UA and official, about the first letter written to them: an evening's pack
 * of forty letters to one minister is one question, not forty.
 */

/** Days after a letter before ua asks whether a reply came. */
export const FOLLOW_UP_DAYS = 14;
/** A letter older than this is not asked about any more: no one remembers a reply so far back. */
export const LAPSE_DAYS = 90;
/** Questions asked after one run: the others come after the next. */
export const ASKED_PER_RUN = 3;

/** One UA and official's question: answered (or "don't ask again": never), or put off until a day. */
export interface FollowUp {
  answer?: ReplyAnswer | 'never';
  /** The day (UTC) it was answered: the submission's day for its count. */
  day?: string;
  /** The letter's channel and language, which the count is made of. */
  channel?: string;
  lang?: string;
  /** "Ask me again tomorrow": not before this instant. */
  later?: string;
}

/** The record of every question: UA → target → its follow-up. */
export interface Replies {
  version: 1;
  uas: Record<string, Record<string, FollowUp>>;
}

export const noReplies = (): Replies => ({ version: 1, uas: {} });

/** A question to ask: the letter it is about, and how many days ago it went. */
export interface Question {
  ua: string;
  target: string;
  /** The official, as the journal names them. */
  name: string;
  channel: string;
  lang: string;
  at: string;
  days: number;
}

/** Letters and emails, sent or prepared; not calls, not posts on social media. */
const ASKED_CHANNELS = new Set(['email', 'eml', 'mailto', 'post', 'fax']);
const DONE = new Set(['sent', 'prepared', 'done']);
const DAY_MS = 86_400_000;

/** The letter each UA and official's question is about: the first done, by a channel that may bring a reply. */
export function askedAbout(letters: readonly LetterReport[]): Map<string, LetterReport> {
  const first = new Map<string, LetterReport>();
  for (const letter of letters) {
    if (!ASKED_CHANNELS.has(letter.channel) || !DONE.has(letter.kind) || Number.isNaN(Date.parse(letter.at))) continue;
    const id = `${letter.ua}\u0000${letter.target}`;
    const known = first.get(id);
    if (!known || letter.at < known.at) first.set(id, letter);
  }
  return first;
}

/** When a letter's question falls due, if it is still to be asked: undefined once answered or lapsed. */
function dueAt(letter: LetterReport, replies: Replies, now: Date): number | undefined {
  const followUp = replies.uas[letter.ua]?.[letter.target];
  if (followUp?.answer) return undefined;
  const sent = Date.parse(letter.at);
  if (now.getTime() - sent > LAPSE_DAYS * DAY_MS) return undefined;
  const later = followUp?.later ? Date.parse(followUp.later) : Number.NaN;
  return Math.max(sent + FOLLOW_UP_DAYS * DAY_MS, Number.isNaN(later) ? 0 : later);
}

/** The questions due now, oldest letter first. */
export function questionsDue(letters: readonly LetterReport[], replies: Replies, now: Date): Question[] {
  const due: Question[] = [];
  for (const letter of askedAbout(letters).values()) {
    const at = dueAt(letter, replies, now);
    if (at === undefined || at > now.getTime()) continue;
    const { ua, target, name, channel, lang } = letter;
    due.push({ ua, target, name, channel, lang, at: letter.at, days: Math.floor((now.getTime() - Date.parse(letter.at)) / DAY_MS) });
  }
  return due.sort((a, b) => a.at.localeCompare(b.at) || a.ua.localeCompare(b.ua) || a.target.localeCompare(b.target));
}

/** The first moment a question falls due (now, if some are due already); undefined when none ever will. */
export function nextDue(letters: readonly LetterReport[], replies: Replies, now: Date): Date | undefined {
  let next: number | undefined;
  for (const letter of askedAbout(letters).values()) {
    const at = dueAt(letter, replies, now);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next === undefined ? undefined : new Date(next);
}

/** The record with a question answered (or put off until tomorrow: 'later'). */
export function answered(replies: Replies, question: Question, answer: ReplyAnswer | 'never' | 'later', now: Date): Replies {
  const followUp: FollowUp =
    answer === 'later'
      ? { later: new Date(now.getTime() + DAY_MS).toISOString() }
      : { answer, day: now.toISOString().slice(0, 10), channel: question.channel, lang: question.lang };
  const ua = { ...replies.uas[question.ua], [question.target]: followUp };
  return { ...replies, uas: { ...replies.uas, [question.ua]: ua } };
}

/** Every question of a UA not answered yet, never asked: what `ua report --forget` leaves of it. Answers (counts) stay. */
export function forgotten(replies: Replies, letters: readonly LetterReport[], ua: string, now: Date): Replies {
  const kept = { ...replies.uas[ua] };
  for (const letter of askedAbout(letters).values()) {
    if (letter.ua !== ua || kept[letter.target]?.answer) continue;
    kept[letter.target] = { answer: 'never', day: now.toISOString().slice(0, 10) };
  }
  return { ...replies, uas: { ...replies.uas, [ua]: kept } };
}

/** A UA's answers, counted as a submission counts: by the day answered, the letter's channel and language, and the answer. */
export function replyCounts(replies: Replies, ua: string): Map<CountKey, number> {
  const counts = new Map<CountKey, number>();
  for (const followUp of Object.values(replies.uas[ua] ?? {})) {
    const { answer, day, channel, lang } = followUp;
    if (!answer || answer === 'never' || !day || !channel) continue;
    const key = countKey({ day, channel, lang: lang && /^[a-z]{2}$/.test(lang) ? lang : 'xx', outcome: answer });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A UA's counts for a submission, its answers about replies added (they are never actions: `ua tally` lists them apart). */
export function withReplies(counts: ReadonlyMap<CountKey, number>, replies: Replies, ua: string): Map<CountKey, number> {
  const all = new Map(counts);
  for (const [key, count] of replyCounts(replies, ua)) all.set(key, (all.get(key) ?? 0) + count);
  return all;
}

/** The record as read from its file: what is not a follow-up ua wrote is left out; undefined when it is not the record at all. */
export function parseReplies(value: unknown): Replies | undefined {
  const data = value as Partial<Replies> | null;
  if (typeof data !== 'object' || data === null || data.version !== 1 || typeof data.uas !== 'object' || data.uas === null) return undefined;
  const replies = noReplies();
  for (const [ua, targets] of Object.entries(data.uas)) {
    if (typeof targets !== 'object' || targets === null) continue;
    for (const [target, followUp] of Object.entries(targets as Record<string, FollowUp>)) {
      const answer = followUp?.answer;
      const known = answer === undefined || answer === 'never' || REPLY_ANSWERS.includes(answer);
      const texts = [followUp?.day, followUp?.channel, followUp?.lang, followUp?.later].every((v) => v === undefined || typeof v === 'string');
      if (typeof followUp !== 'object' || followUp === null || !known || !texts) continue;
      replies.uas[ua] ??= {};
      (replies.uas[ua] as Record<string, FollowUp>)[target] = followUp;
    }
  }
  return replies;
}

/** A UA's answers by kind, for `ua report`: never mixed with its actions. */
export function replyTotals(replies: Replies, ua: string): Record<ReplyAnswer, number> {
  const totals: Record<ReplyAnswer, number> = { reply: 0, acknowledged: 0, 'no-reply': 0, 'not-expected': 0 };
  for (const { answer } of Object.values(replies.uas[ua] ?? {})) if (answer && answer !== 'never') totals[answer]++;
  return totals;
}

/** The answer a UA and official's question got, for the letter it was about. */
export function replyTo(replies: Replies, letter: Pick<LetterReport, 'ua' | 'target'>): ReplyAnswer | undefined {
  const answer = replies.uas[letter.ua]?.[letter.target]?.answer;
  return answer && answer !== 'never' ? answer : undefined;
}

/** The reports with their answers: each UA's, counted, and each on the letter its question was about. */
export function withAnswers(reports: readonly UaReport[], replies: Replies): UaReport[] {
  return reports.map((report) => {
    const about = new Set(askedAbout(report.letters).values());
    const letters = report.letters.map((letter) => {
      const reply = about.has(letter) ? replyTo(replies, letter) : undefined;
      return reply ? { ...letter, reply } : letter;
    });
    return { ...report, replies: replyTotals(replies, report.ua), letters };
  });
}
