import type { Translate } from './i18n.js';
import { instantAt, type WallTime, wallTime } from './time-zones.js';

/**
 * Office hours as a UA file writes them, in the target's time: "Mo-Fr 09:00-17:00", several
 * rules after semicolons, several spans after commas ("Mo-Th 09:00-13:00,14:00-18:00; Fr
 * 09:00-14:00"). The days and times of OpenStreetMap's opening_hours, the form people already
 * know, without its holidays and months: a UA lives a few weeks.
 */

/** Spans of minutes since midnight, [from, to), for each weekday (0 Monday … 6 Sunday). */
export type Week = readonly (readonly [number, number])[][];

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** When a UA gives no hours: a government office's usual week, said as such where it is used. */
export const USUAL_HOURS = 'Mo-Fr 09:00-17:00';
/** When a fax may ring: never in the recipient's night. */
export const FAX_HOURS = 'Mo-Su 08:00-20:00';

export function parseHours(t: Translate, text: string): { week: Week } | { problem: string } {
  const week: [number, number][][] = DAYS.map(() => []);
  for (const rule of text.split(';').map((part) => part.trim())) {
    const match = /^([A-Za-z,\s-]+?)\s+(\d.*)$/.exec(rule);
    const days = match ? weekdays(match[1] ?? '') : undefined;
    const spans = match ? (match[2] ?? '').split(',').map((span) => timeSpan(span.trim())) : [];
    if (!days || spans.length === 0 || spans.some((span) => !span)) return { problem: t('hours.notHours', { rule }) };
    for (const day of days) week[day]?.push(...(spans as [number, number][]));
  }
  for (const day of week) day.sort((a, b) => a[0] - b[0]);
  return { week };
}

/** "Mo-Fr", "Sa", "Mo,We,Fr" → weekday numbers; undefined when it is not days. */
function weekdays(text: string): number[] | undefined {
  const days: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const [first, last = first] = part.split('-').map((d) => DAYS.indexOf(d.trim()));
    if (first === undefined || last === undefined || first < 0 || last < 0) return undefined;
    // "Fr-Mo" wraps over the weekend.
    for (let day = first; ; day = (day + 1) % 7) {
      days.push(day);
      if (day === last) break;
    }
  }
  return days;
}

function timeSpan(text: string): [number, number] | undefined {
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [from, to] = [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])];
  if (Number(match[2]) > 59 || Number(match[4]) > 59 || to > 24 * 60 || from >= to) return undefined;
  return [from, to];
}

export function isOpen(week: Week, wall: WallTime): boolean {
  return (week[wall.weekday] ?? []).some(([from, to]) => wall.minute >= from && wall.minute < to);
}

/**
 * Whether the office is open at `instant`, and if not, when it next opens (an instant; within
 * the coming week, or undefined for a week with no hours at all).
 */
export function openingAt(week: Week, zone: string, instant: Date): { open: true } | { open: false; next?: Date } {
  const wall = wallTime(instant, zone);
  if (isOpen(week, wall)) return { open: true };
  for (let ahead = 0; ahead <= 7; ahead++) {
    // Noon of the day `ahead` days on, in the zone: its date, whatever the clocks do that day.
    const noon = instantAt(zone, wall, 12 * 60);
    const day = wallTime(new Date(noon.getTime() + ahead * 86_400_000), zone);
    for (const [from] of week[day.weekday] ?? []) {
      if (ahead === 0 && from <= wall.minute) continue;
      return { open: false, next: instantAt(zone, day, from) };
    }
  }
  return { open: false };
}
