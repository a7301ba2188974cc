import { type JournalEntry, versionTwoKey } from './journal-entries.js';

/**
 * What the journal keeps of a person, and for how long: pure rules. A line never holds a
 * letter's text, but it holds personal data: the signer's name (`sender`), the address it was
 * sent from (`from`), the message's id (`message_id`, which names the sender's domain), a
 * rehearsal's own address (`test_to`) and a print pack's folder (`pack`, often a name). Past
 * `journal.keep_text_days`, or for a UA that `ua report --forget` names, they are removed.
 *
 * What stays is what counts and what keeps a letter from going twice: the letter's key (a
 * digest), its states, channel, language, target and time. A version 2 line found its letter
 * by the signer's name: it keeps a digest of it instead (`name_key`). A rehearsal counts for
 * nothing and every address it holds is the volunteer's own: its lines go altogether.
 */

const PERSONAL = ['from', 'message_id', 'test_to', 'pack'] as const;

/** The line still holds something of a person (a rehearsal's line always does). */
export function holdsPersonal(entry: JournalEntry): boolean {
  return entry.sender !== '' || PERSONAL.some((field) => entry[field] !== undefined);
}

/** The line without its personal fields; undefined for a rehearsal's line, which goes. */
export function scrubbed(entry: JournalEntry): JournalEntry | undefined {
  if (entry.test_to !== undefined) return undefined;
  const { from: _from, message_id: _id, test_to: _testTo, pack: _pack, ...kept } = entry;
  const nameKey = entry.v === 2 && entry.name_key === undefined ? { name_key: versionTwoKey(entry) } : {};
  return { ...kept, sender: '', ...nameKey };
}

/** The UTC day a line was written ("2026-12-07"); a time that is not one counts as long ago. */
function dayOf(at: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(at) && !Number.isNaN(Date.parse(at)) ? at.slice(0, 10) : '0000-00-00';
}

/**
 * A line is past its time once `keepDays` whole days have passed since the day it was written
 * (UTC): kept 28 days, a line of 1 November goes on 29 November. By days, so that one scrub a
 * day is enough; 0 keeps nothing past the day, nor past the run that wrote it.
 */
export function expired(entry: Pick<JournalEntry, 'at'>, now: Date, keepDays: number): boolean {
  return dayOf(entry.at) <= lastExpiredDay(now, keepDays);
}

/** The last day (UTC, "2026-11-09") whose lines are past their time. */
export function lastExpiredDay(now: Date, keepDays: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - keepDays)).toISOString().slice(0, 10);
}

/**
 * The day a line as ua writes it was written, read from its start without parsing it
 * ('{"v":3,"at":"2026-12-07T…'): a scrub keeps a recent line as it is, and most lines are
 * recent. Undefined for any other line, and for one with a second "at" (JSON.parse would
 * take the last): those are parsed.
 */
export function dayAtStart(start: string, ats: number): string | undefined {
  return ats === 1 ? /^\{"v":\d+,"at":"(\d{4}-\d{2}-\d{2})T/.exec(start)?.[1] : undefined;
}

/** What to do with one line: keep it as it is, write it without its personal fields, or drop it. */
export type ScrubStep = { keep: true } | { line: JournalEntry } | { drop: true };

/** The rule for one line: past its time (or of the UA being forgotten) and still personal, it is scrubbed. */
export function scrubStep(entry: JournalEntry, rule: { now: Date; keepDays: number } | { ua: string }): ScrubStep {
  const due = 'ua' in rule ? entry.ua === rule.ua : expired(entry, rule.now, rule.keepDays);
  if (!due || !holdsPersonal(entry)) return { keep: true };
  const line = scrubbed(entry);
  return line ? { line } : { drop: true };
}
