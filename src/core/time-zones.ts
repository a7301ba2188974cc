import type { Action, Target } from './action.js';
import { countryCode } from './countries.js';

/**
 * Where a target's office is, and what time it is there. The zones of a country come from the
 * ICU data Node carries (Intl.Locale#timeZones), the same tables every browser uses, kept up
 * to date with Node itself: no library and no table of our own to go stale.
 */

/** The ISO code of the target's country: its own `country`, its address's last line, or the UA's. */
export function targetCountry(action: Action, target: Target): string | undefined {
  if (target.country) return countryCode(target.country);
  const lastLine = target.address?.at(-1);
  return (lastLine && countryCode(lastLine)) || countryCode(action.country);
}

/** The IANA zones of a country, as ICU lists them; empty for a code it does not know. */
export function zonesOf(country: string): string[] {
  try {
    return (new Intl.Locale(`und-${country}`) as Intl.Locale & { timeZones?: string[] }).timeZones ?? [];
  } catch {
    return [];
  }
}

/** Whether Node knows the zone (IANA names, as the UA file's schema writes them). */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * China keeps one legal time, Beijing's, and its offices keep it; tzdata also lists Xinjiang's
 * local time (Asia/Urumqi), which no ministry answers the phone by.
 */
const LEGAL_TIME: Readonly<Record<string, string>> = { CN: 'Asia/Shanghai' };

/**
 * The country's time, when it has one: its only zone, or its zones when they all keep the same
 * clock through the year (Kazakhstan since 2024), or its legal time. Undefined for a country
 * whose clocks differ (the United States, Russia, Brazil …) or that ua does not know.
 */
export function countryZone(country: string, year: number): string | undefined {
  if (LEGAL_TIME[country]) return LEGAL_TIME[country];
  const zones = zonesOf(country);
  const [first] = zones;
  if (!first) return undefined;
  const seasons = [new Date(Date.UTC(year, 0, 15)), new Date(Date.UTC(year, 6, 15))];
  const clock = (zone: string) => seasons.map((instant) => offsetMinutes(instant, zone)).join();
  return zones.every((zone) => clock(zone) === clock(first)) ? first : undefined;
}

/** The target's zone: its `timezone`, else its country's time when the country keeps one. */
export function targetZone(action: Action, target: Target, year: number): string | undefined {
  if (target.timezone) return target.timezone;
  const country = targetCountry(action, target);
  return country ? countryZone(country, year) : undefined;
}

/** A moment as a clock on the wall shows it in one zone. weekday: 0 Monday … 6 Sunday. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  /** Minutes since midnight. */
  minute: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formats = new Map<string, Intl.DateTimeFormat>();

/** What the clock shows in `zone` at `instant`. */
export function wallTime(instant: Date, zone: string): WallTime {
  let format = formats.get(zone);
  if (!format) {
    const options = {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    } as const;
    format = new Intl.DateTimeFormat('en-US', options);
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/**
 * The instant at which the clock in `zone` shows `minute` on the given day. Twice the offset
 * is looked up, so a day on which the clocks change still lands; a time the change skips is
 * taken as the first time after it.
 */
export function instantAt(zone: string, day: { year: number; month: number; day: number }, minute: number): Date {
  const asUtc = Date.UTC(day.year, day.month - 1, day.day, 0, minute);
  let guess = asUtc;
  for (let pass = 0; pass < 2; pass++) guess = asUtc - offsetMinutes(new Date(guess), zone) * 60_000;
  return new Date(guess);
}

/** How far the zone's clock is ahead of UTC at `instant`, in minutes. */
function offsetMinutes(instant: Date, zone: string): number {
  const wall = wallTime(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, 0, wall.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}
