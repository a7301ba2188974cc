import { formatDate, parseIsoDate } from './dates.js';
import type { Translate } from './i18n.js';
import { normalizeId } from './ids.js';
import type { Locale } from './locale.js';

/**
 * A section's totals, published in its signed feed: how many actions its volunteers reported
 * for a UA, by how many people, and the day they were added up. They come from the
 * coordinator's `ua tally --json`; only what is needed is read, and every number is checked,
 * since the feed signs them as it signs the UA files.
 */
export interface Reported {
  /** Actions done: a call not answered or a refused email is an attempt, never in it. */
  actions: number;
  people: number;
  /** Letter-writing evenings among the reports (absent: none, or a tally that did not count them). */
  evenings?: number;
  /** The day the reports were added up (YYYY-MM-DD). */
  on: string;
}

/** More than any section's volunteers report: a number above it is a mistake, not a total. */
export const MAX_TALLY = 10_000_000;

export function isTally(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TALLY;
}

/** A `reported` field of an index entry as `ua feed build` writes it; anything else is not. */
export function isReported(value: unknown): value is Reported {
  const r = value as Partial<Reported> | null;
  if (!r || typeof r !== 'object' || !isTally(r.actions) || !isTally(r.people) || (r.evenings !== undefined && !isTally(r.evenings))) return false;
  return typeof r.on === 'string' && parseIsoDate(r.on) !== undefined;
}

export interface Tallies {
  /** Totals by UA id (as the feed writes it), for the UAs the feed holds. */
  totals: Map<string, { actions: number; people: number; evenings?: number }>;
  /** The ids of the tallies the feed does not hold (left out, with a warning). */
  unknown: string[];
}

/**
 * Reads `ua tally --json`: `uas[].ua`, `count` (the actions done), `volunteers`, and `evenings`
 * when the tally counted some; the rest is the tally's own.
 * One bad entry refuses the whole file, named; `held` are the ids of the feed being built.
 */
export function parseTallies(t: Translate, text: string, file: string, held: readonly string[]): Tallies | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: t('feed.talliesNotJson', { file }) };
  }
  const uas = (value as { uas?: unknown } | null)?.uas;
  if (!value || typeof value !== 'object' || !Array.isArray(uas)) return { problem: t('feed.talliesNotTally', { file }) };
  const ids = new Map(held.map((id) => [normalizeId(id), id]));
  const tallies: Tallies = { totals: new Map(), unknown: [] };
  const seen = new Set<string>();
  for (const [index, entry] of uas.entries()) {
    const e = entry as { ua?: unknown; count?: unknown; volunteers?: unknown; evenings?: unknown } | null;
    const named = typeof e?.ua === 'string' ? ` (${JSON.stringify(e.ua).slice(0, 40)})` : '';
    const reason = entryProblem(t, e);
    if (reason) return { problem: t('feed.talliesBadEntry', { file, entry: `uas[${index}]${named}`, reason }) };
    const { ua, count, volunteers, evenings } = e as { ua: string; count: number; volunteers: number; evenings?: number };
    const id = normalizeId(ua);
    if (seen.has(id)) return { problem: t('feed.talliesBadEntry', { file, entry: `uas[${index}]${named}`, reason: t('feed.talliesTwice') }) };
    seen.add(id);
    const own = ids.get(id);
    if (own === undefined) tallies.unknown.push(ua);
    else tallies.totals.set(own, { actions: count, people: volunteers, ...(evenings ? { evenings } : {}) });
  }
  return tallies;
}

/** Why an entry of the tally cannot be published, or undefined. */
function entryProblem(t: Translate, e: { ua?: unknown; count?: unknown; volunteers?: unknown; evenings?: unknown } | null): string | undefined {
  if (!e || typeof e !== 'object' || typeof e.ua !== 'string' || e.ua.trim() === '') return t('feed.talliesNoUa');
  if (!isTally(e.count)) return t('feed.talliesBadNumber', { field: 'count' });
  if (!isTally(e.volunteers)) return t('feed.talliesBadNumber', { field: 'volunteers' });
  if (e.evenings !== undefined && !isTally(e.evenings)) return t('feed.talliesBadNumber', { field: 'evenings' });
  return undefined;
}

/** "2,340 actions reported by 311 people (tallied 7 December 2026)", in the interface's language. */
export function reportedLine(t: Translate, reported: Reported, uiLang: string, locale: Locale): string {
  const number = new Intl.NumberFormat(uiLang);
  const day = parseIsoDate(reported.on);
  const actions = t('show.reportedActions', { count: reported.actions, number: number.format(reported.actions) });
  const people = t('show.reportedPeople', { count: reported.people, number: number.format(reported.people) });
  const date = day ? formatDate(day, locale) : reported.on;
  if (!reported.evenings) return t('show.reported', { actions, people, date });
  const evenings = t('show.reportedEvenings', { count: reported.evenings, number: number.format(reported.evenings) });
  return t('show.reportedWithEvenings', { actions, people, evenings, date });
}

/** "2.3K": a total short enough for a column of `ua list`. */
export function reportedShort(reported: Reported, uiLang: string): string {
  return new Intl.NumberFormat(uiLang, { notation: 'compact', maximumFractionDigits: 1 }).format(reported.actions);
}
