import type { Action, Target } from './action.js';
import type { Translate } from './i18n.js';
import { openingAt, parseHours, USUAL_HOURS } from './office-hours.js';
import { type PhoneNumber, phoneNumber } from './phone.js';
import { targetCountry, targetZone } from './time-zones.js';

/** What a caller needs to know before dialling one target: the numbers, the clock there, the office's hours. */
export interface CallSituation {
  target: Target;
  numbers: PhoneNumber[];
  /** The office's IANA zone; undefined when ua cannot tell (then nothing is said about its hours). */
  zone?: string;
  /** The office hours the answer is based on. */
  hours: string;
  /** The UA gives no hours (or none ua can read): a government office's usual week, said as assumed. */
  assumed: boolean;
  /** Open now, or when it next opens; undefined without a zone. */
  opening?: { open: true } | { open: false; next?: Date };
}

/** The targets a volunteer can call: those with a phone number. */
export function phoneTargets(targets: readonly Target[]): Target[] {
  return targets.filter((target) => (target.phone?.length ?? 0) > 0);
}

export function callSituation(t: Translate, action: Action, target: Target, now: Date): CallSituation {
  const country = targetCountry(action, target);
  const numbers = (target.phone ?? []).map((written) => phoneNumber(written, country));
  const zone = targetZone(action, target, now.getUTCFullYear());
  const given = target.hours ? parseHours(t, target.hours) : undefined;
  const week = given && 'week' in given ? given.week : undefined;
  const parsed = week ?? (parseHours(t, USUAL_HOURS) as { week: NonNullable<typeof week> }).week;
  return {
    target,
    numbers,
    zone,
    hours: week ? (target.hours as string) : USUAL_HOURS,
    assumed: !week,
    opening: zone ? openingAt(parsed, zone, now) : undefined,
  };
}

/** The number a call is recorded under: the first one ua can read, as machines write it; else the first as written. */
export function dialled(situation: Pick<CallSituation, 'numbers'>): string {
  const first = situation.numbers.find((number) => number.e164) ?? situation.numbers[0];
  return first?.e164 ?? first?.written ?? '';
}
