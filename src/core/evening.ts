import { type Action, letterLanguages } from './action.js';
import { defaultLanguage } from './choose.js';
import { type CalendarDate, deadlineStatus, parseIsoDate } from './dates.js';

// The rules of a `ua serve` evening that need nothing but their data, so that each is a line of
// a test (test/core/evening.test.ts): what the organiser's forms ask for, and of what.

/** Unsigned copies per UA and language one press of the print pack's button may ask for. */
export const MAX_COPIES = 200;

/** The walk-in copies asked for on the organiser's form: a whole number from 0 to MAX_COPIES; anything else, none. */
export function copiesAsked(value: unknown): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : 0;
  return Math.min(number, MAX_COPIES);
}

/** A language the copies may be in, and whether it is a UA's officials' own. */
export interface CopyLanguage {
  code: string;
  preferred: boolean;
}

/** The languages an evening's copies may be in: every UA's letter languages, the officials' own first. */
export function copyLanguageChoices(actions: readonly Action[]): CopyLanguage[] {
  const preferred = new Set(actions.map((action) => defaultLanguage(action)).filter((code) => code !== undefined));
  const all = [...new Set(actions.flatMap((action) => letterLanguages(action)))];
  return [...all.filter((code) => preferred.has(code)), ...all.filter((code) => !preferred.has(code))].map((code) => ({
    code,
    preferred: preferred.has(code),
  }));
}

/** The languages ticked on a form (a browser sends one as text, several as a list): those offered, in their order. */
export function languagesAsked(value: unknown, offered: readonly CopyLanguage[]): string[] {
  const ticked = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
  return offered.map((language) => language.code).filter((code) => ticked.includes(code));
}

/**
 * A UA's copies: in the languages asked for that it has a letter in, as `ua batch --copies
 * --lang` writes them; none of them (or none asked): [], and batch writes them in the officials'
 * language.
 */
export function copyLanguagesOf(action: Action, asked: readonly string[]): string[] {
  const languages = letterLanguages(action);
  return asked.filter((code) => languages.includes(code));
}

/** The UAs whose deadline has passed by `today`, with their deadline: sending them needs the organiser's say, as --after-deadline. */
export function pastDeadline(actions: readonly Action[], today: CalendarDate): { action: Action; deadline: CalendarDate }[] {
  return actions.flatMap((action) => {
    const deadline = parseIsoDate(action.deadline);
    return deadline && !deadlineStatus(deadline, today).open ? [{ action, deadline }] : [];
  });
}

/** Letters an evening keeps at most: a bound on what a room (or someone in it) can fill the disk with. */
export const MAX_LETTERS = 5000;

/**
 * Whether an evening that keeps `kept` letters takes one more. A letter changed replaces the
 * attendee's earlier one for that UA (one per attendee and UA), so it always has room.
 */
export const hasRoomFor = (kept: number, replacing: boolean): boolean => replacing || kept < MAX_LETTERS;

/** A kept letter's versions: the one it is now, and the last one printed or sent (none: never). */
export interface LetterVersions {
  setAside?: boolean;
  /** Counts the attendee's changes; letters kept before it was counted are version 0. */
  rev?: number;
  printed?: number;
}

/**
 * Whether a letter is still to print or send: not set aside, and never printed or sent as it is
 * now (a letter handed in, or changed, after the print pack is not the one printed).
 */
export const notYetOut = (letter: LetterVersions): boolean => !letter.setAside && letter.printed !== (letter.rev ?? 0);

/**
 * How many letters keep an evening from closing: those still to print or send (notYetOut),
 * unless the organiser deletes them anyway (--discard) or keeps them aside (--keep-data); else 0.
 */
export function closingRefused(letters: readonly LetterVersions[], asked: { discard: boolean; keepData: boolean }): number {
  return asked.discard || asked.keepData ? 0 : letters.filter(notYetOut).length;
}

/** A letter as the projector's tally counts it. */
export interface TalliedLetter {
  ua: string;
  answers: { lang: string; country: string };
  setAside?: boolean;
}

/** A line of the tally: what is counted, as shown, and how many. */
export interface Count {
  name: string;
  count: number;
}

/**
 * The projector's tally: the letters not set aside, by UA, by letter language and by country,
 * each as `names` shows it (two ways of writing one country count as one), most first, then by
 * name.
 */
export function eveningTally(
  letters: readonly TalliedLetter[],
  names: { ua: (id: string) => string; lang: (code: string) => string; country: (typed: string) => string },
): { total: number; uas: Count[]; languages: Count[]; countries: Count[] } {
  const counted = letters.filter((letter) => !letter.setAside);
  const count = (key: (letter: TalliedLetter) => string): Count[] => {
    const tally = new Map<string, number>();
    for (const letter of counted) tally.set(key(letter), (tally.get(key(letter)) ?? 0) + 1);
    return [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, n]) => ({ name, count: n }));
  };
  return {
    total: counted.length,
    uas: count((letter) => names.ua(letter.ua)),
    languages: count((letter) => names.lang(letter.answers.lang)),
    countries: count((letter) => names.country(letter.answers.country)),
  };
}
