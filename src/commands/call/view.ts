import { type Action, localize, type Target } from '../../core/action.js';
import type { CallSituation } from '../../core/call.js';
import type { Translate } from '../../core/i18n.js';
import { isOpen, parseHours, type Week } from '../../core/office-hours.js';
import type { CallOutcome } from '../../core/outcomes.js';
import { forTerminal } from '../../core/shown.js';
import { wallTime } from '../../core/time-zones.js';

// How a call's facts read: for a person (at a terminal, or --format text) and for a program
// (--format json). Times are formatted here, with Intl: the volunteer's own time is the
// machine's zone, which core never reads.

/** "Oswaldo de Rivero, Embassy of Peru": who is called, as the heading names them. */
export function calledName(target: Target, lang: string): string {
  const organisation = localize(target.organisation, lang);
  return organisation ? `${target.name}, ${organisation}` : target.name;
}

/** "Embassy of Peru": who the compose menu offers to call (the office when there is one). */
export function officeName(target: Target, lang: string): string {
  return localize(target.organisation, lang) ?? target.name;
}

const LAST: Readonly<Record<CallOutcome, 'spoke' | 'voicemail' | 'noAnswer' | 'wrongNumber'>> = {
  spoke: 'spoke',
  voicemail: 'voicemail',
  'no-answer': 'noAnswer',
  'wrong-number': 'wrongNumber',
};

/** The catalogue's word for an outcome (call.spoke, call.noAnswer …). */
export function outcomeKey(outcome: CallOutcome): 'spoke' | 'voicemail' | 'noAnswer' | 'wrongNumber' {
  return LAST[outcome];
}

/** "Monday 10:40": a moment on a clock, in `zone` (undefined: this machine's own). */
export function clockTime(locale: string, instant: Date, zone: string | undefined, withDay = true): string {
  const day = withDay ? ({ weekday: 'long' } as const) : {};
  return new Intl.DateTimeFormat(locale, { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(instant);
}

function weekdayName(locale: string, instant: Date, zone: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: zone }).format(instant);
}

/** The lines a person reads before calling one target: who, the number, the time there, the office's hours and any warning. */
export function situationLines(t: Translate, situation: CallSituation, now: Date, last: CallOutcome | undefined, lang: string): string[] {
  const locale = t('locale');
  const { target, zone, opening } = situation;
  const labelled = (label: string, value: string) => `  ${t('punct.labelled', { label, value })}`;
  const numbers = situation.numbers.map((number) => number.international ?? number.written);
  const lines = [
    `${t('call.heading', { who: forTerminal(calledName(target, lang)) })}${last ? ` ${t(`call.last.${outcomeKey(last)}`)}` : ''}`,
    labelled(numbers.length > 1 ? t('call.numbers') : t('call.number'), forTerminal(numbers.join(', '))),
    labelled(t('call.timeThere'), zone ? t('call.localTime', { time: clockTime(locale, now, zone), zone }) : t('call.noZone')),
    labelled(t('call.hours'), situation.assumed ? t('call.hoursAssumed', { hours: situation.hours }) : forTerminal(situation.hours)),
  ];
  if (!zone || !opening) return lines;
  if (opening.open) return [...lines, `  ${t('call.open')}`];
  const day = weekdayName(locale, now, zone);
  const time = clockTime(locale, now, zone, false);
  lines.push(`  ${closedAllDay(t, situation, now, zone) ? t('call.dayOff', { day, time }) : t('call.outsideHours', { day, time })}`);
  if (opening.next) lines.push(`  ${t('call.opens', { theirs: clockTime(locale, opening.next, zone), yours: clockTime(locale, opening.next, undefined) })}`);
  return lines;
}

/** The office keeps no hours at all on this day there (their weekend, or a day off). */
function closedAllDay(t: Translate, situation: CallSituation, now: Date, zone: string): boolean {
  const parsed = parseHours(t, situation.hours);
  const week: Week | undefined = 'week' in parsed ? parsed.week : undefined;
  const wall = wallTime(now, zone);
  return week !== undefined && (week[wall.weekday] ?? []).length === 0 && !isOpen(week, wall);
}

/** "2026-12-07T10:40": the clock on the office's wall, as a program reads it. */
function wallClock(now: Date, zone: string): string {
  const wall = wallTime(now, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(Math.floor(wall.minute / 60))}:${two(wall.minute % 60)}`;
}

/** --format json: every target's numbers, clock and hours, and the script, for another program. */
export function callJson(action: Action, lang: string, script: string, items: readonly { situation: CallSituation; last?: CallOutcome }[], now: Date) {
  return {
    ua: action.id,
    lang,
    script,
    targets: items.map(({ situation, last }) => ({
      id: situation.target.id,
      name: situation.target.name,
      organisation: localize(situation.target.organisation, lang) ?? null,
      numbers: situation.numbers.map((number) => ({ written: number.written, international: number.international ?? null, e164: number.e164 ?? null })),
      timezone: situation.zone ?? null,
      local_time: situation.zone ? wallClock(now, situation.zone) : null,
      hours: situation.hours,
      hours_assumed: situation.assumed,
      open: situation.opening ? situation.opening.open : null,
      next_opening: situation.opening && !situation.opening.open && situation.opening.next ? situation.opening.next.toISOString() : null,
      last_outcome: last ?? null,
    })),
  };
}

/** "What to say (English):" */
export function scriptHeading(t: Translate, lang: string): string {
  return t('call.script', { language: new Intl.DisplayNames(t('locale'), { type: 'language' }).of(lang) ?? lang });
}
