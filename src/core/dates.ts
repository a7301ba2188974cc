import type { Translate } from './i18n.js';
import type { Locale } from './locale.js';
import { fill } from './locale.js';

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/** Parses YYYY-MM-DD, refusing impossible dates such as 2023-02-30. */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const valid = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return valid ? { year, month, day } : undefined;
}

/** The calendar day of an instant, where the user is. */
export function localDay(now: Date): CalendarDate {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/** YYYY-MM-DD, as the journal and the feeds write a day. */
export function isoDate({ year, month, day }: CalendarDate): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function formatDate(date: CalendarDate, locale: Locale): string {
  const day = date.day === 1 && locale.first_day ? locale.first_day : String(date.day);
  const month = locale.months[date.month - 1] ?? String(date.month);
  return fill(locale.date, { day, month, year: String(date.year) });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const utc = (d: CalendarDate) => Date.UTC(d.year, d.month - 1, d.day);
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export type DeadlineStatus = { open: true; daysLeft: number } | { open: false; daysAgo: number };

/** The deadline day itself still counts as open. */
export function deadlineStatus(deadline: CalendarDate, today: CalendarDate): DeadlineStatus {
  const days = daysBetween(today, deadline);
  return days >= 0 ? { open: true, daysLeft: days } : { open: false, daysAgo: -days };
}

/** How the terminal shows a deadline: "12 days left", "last day today", "expired on 7 March 2023". */
/** "3 days left (until 7 March 2023)", in the interface's language; `locale` writes its dates. */
export function describeDeadline(t: Translate, deadline: CalendarDate, today: CalendarDate, locale: Locale): string {
  const status = deadlineStatus(deadline, today);
  if (!status.open) return t('deadline.expired', { date: formatDate(deadline, locale) });
  if (status.daysLeft === 0) return t('deadline.lastDay');
  return t('deadline.left', { count: status.daysLeft, date: formatDate(deadline, locale) });
}
