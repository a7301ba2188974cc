import type { Action, Target } from './action.js';
import { countryCode } from './countries.js';
import type { Translate } from './i18n.js';
import { isRecord } from './is-record.js';
import { parseHours } from './office-hours.js';
import type { Found, PathSegment } from './problems.js';
import { checkTemplate } from './template-check.js';
import { countryZone, knownZone, targetCountry, zonesOf } from './time-zones.js';

/**
 * The rules of what calls, faxes and posts need, which a schema cannot say: a zone Node knows,
 * one given where the country has several (a call at 10:00 in New York rings at 07:00 in Los
 * Angeles), hours that read as hours, call scripts that render. Written defensively, like
 * validate-action.ts: the data may also have failed the schema.
 */
export function channelProblems(t: Translate, data: Record<string, unknown>): Found[] {
  const action = data as Partial<Action>;
  const found: Found[] = [];
  const targets = Array.isArray(action.targets) ? action.targets : [];
  targets.forEach((target, index) => {
    if (isRecord(target)) found.push(...targetProblems(t, action, target as Target, ['targets', index]));
  });
  if (isRecord(action.call_script)) {
    for (const [lang, script] of Object.entries(action.call_script)) {
      if (typeof script !== 'string') continue;
      for (const issue of checkTemplate(t, script)) {
        found.push({ path: ['call_script', lang], at: 'value', message: issue.message, inside: { line: issue.line, col: issue.col } });
      }
    }
  }
  return found;
}

function targetProblems(t: Translate, action: Partial<Action>, target: Target, at: PathSegment[]): Found[] {
  const found: Found[] = [];
  if (typeof target.country === 'string' && !countryCode(target.country)) {
    found.push({ path: [...at, 'country'], at: 'value', message: t('schema.unknownCountry', { value: target.country }) });
  }
  if (typeof target.timezone === 'string') {
    if (!knownZone(target.timezone)) found.push({ path: [...at, 'timezone'], at: 'value', message: t('schema.unknownZone', { zone: target.timezone }) });
  } else if (hasNumbers(target) && typeof action.country === 'string') {
    const country = targetCountry(action as Action, target);
    const zones = country ? zonesOf(country) : [];
    // The year of the UA's deadline: the clocks it is acted on by (and the same every run).
    const year = Number(String(action.deadline ?? '').slice(0, 4)) || 2000;
    if (country && zones.length > 1 && !countryZone(country, year)) {
      // The zone named after a city of its address first ("Los Angeles, CA" → America/Los_Angeles).
      const address = (target.address ?? []).join(' ').toLowerCase();
      const named = zones.filter((zone) => address.includes((zone.split('/').at(-1) ?? '').replace(/_/g, ' ').toLowerCase()));
      const examples = [...new Set([...named, ...zones])].slice(0, 3).join(', ');
      found.push({ path: [...at], at: 'key', message: t('schema.zoneNeeded', { country, count: zones.length, examples }) });
    }
  }
  if (typeof target.hours === 'string') {
    const hours = parseHours(t, target.hours);
    if ('problem' in hours) found.push({ path: [...at, 'hours'], at: 'value', message: hours.problem });
  }
  return found;
}

function hasNumbers(target: Target): boolean {
  return (Array.isArray(target.phone) && target.phone.length > 0) || (Array.isArray(target.fax) && target.fax.length > 0);
}
