import type { Action, Target } from './action.js';
import type { Translate } from './i18n.js';
import { normaliseAddress } from './identity.js';
import type { JournalEntry } from './journal-entries.js';
import { FAX_HOURS, openingAt, parseHours } from './office-hours.js';
import { targetZone } from './time-zones.js';

/**
 * When a fax may go. A fax machine rings and prints wherever it stands, so never in the
 * recipient's night: only between 08:00 and 20:00 in the target's zone (FAX_HOURS). A number the
 * gateway keeps refusing is tried again on later runs with growing gaps (1 h, 2 h, 4 h …, at most
 * a day), at most ten times; after the tenth it is recorded as failing and left alone.
 */
export const MAX_FAX_TRIES = 10;
const FIRST_GAP_MS = 3_600_000;
const LONGEST_GAP_MS = 24 * 3_600_000;

export type FaxTime =
  | { ok: true }
  /** The recipient's night: `next` is when it may go (their 08:00). */
  | { ok: false; why: 'night'; zone: string; next?: Date }
  /** The target's zone is not known, so neither is their night. */
  | { ok: false; why: 'no-zone' };

export function faxTime(t: Translate, action: Action, target: Target, now: Date): FaxTime {
  const zone = targetZone(action, target, now.getUTCFullYear());
  if (!zone) return { ok: false, why: 'no-zone' };
  const hours = parseHours(t, FAX_HOURS);
  if ('problem' in hours) throw new Error(hours.problem);
  const opening = openingAt(hours.week, zone, now);
  return opening.open ? { ok: true } : { ok: false, why: 'night', zone, next: opening.next };
}

/** Where a number stands after the refusals the journal holds for one fax. */
export type FaxRetry =
  | { ok: true; tries: number }
  /** Refused `tries` times; the next try waits until `next`. */
  | { ok: false; why: 'wait'; tries: number; next: Date }
  /** Refused ten times, or recorded as failing: not tried again without --resend. */
  | { ok: false; why: 'failing'; tries: number };

/** The gap after the n-th refusal: 1 h, 2 h, 4 h …, at most a day. */
export function gapAfter(tries: number): number {
  return Math.min(FIRST_GAP_MS * 2 ** Math.max(0, tries - 1), LONGEST_GAP_MS);
}

/**
 * The fax's tries so far, from its journal entries (its key, its number): each refusal is one;
 * a 'failing' entry ends them. A sent fax is not asked about here (the journal's index says it
 * is sent); an answer in doubt waits for --resend there too.
 */
export function faxRetry(entries: readonly JournalEntry[], key: string, number: string, now: Date): FaxRetry {
  const wanted = normaliseAddress(number);
  let tries = 0;
  let last: Date | undefined;
  for (const entry of entries) {
    if (entry.key !== key || entry.channel !== 'fax') continue;
    const state = Object.entries(entry.addresses ?? {}).find(([address]) => normaliseAddress(address) === wanted)?.[1];
    if (state === 'failing') return { ok: false, why: 'failing', tries: Math.max(tries, MAX_FAX_TRIES) };
    if (state !== 'refused') continue;
    tries++;
    last = new Date(entry.at);
  }
  if (tries >= MAX_FAX_TRIES) return { ok: false, why: 'failing', tries };
  if (!last) return { ok: true, tries };
  const next = new Date(last.getTime() + gapAfter(tries));
  return next.getTime() > now.getTime() ? { ok: false, why: 'wait', tries, next } : { ok: true, tries };
}
