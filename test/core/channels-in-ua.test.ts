import { describe, expect, it } from 'vitest';
import { type Action, asksIn } from '../../src/core/action.js';
import { openingAt, parseHours, type Week } from '../../src/core/office-hours.js';
import { phoneNumber } from '../../src/core/phone.js';
import { formatProblem } from '../../src/core/problems.js';
import { countryZone, instantAt, targetCountry, targetZone, wallTime } from '../../src/core/time-zones.js';
import { checkActionText } from '../../src/core/validate-action.js';
import { localeCodes } from '../../src/io/repository.js';
import { realText } from '../helpers/broken.js';
import { t } from '../helpers/words.js';

const problemsOf = (text: string) => checkActionText(t, text, 'ua.yaml', localeCodes()).problems.map(formatProblem);
const seed = () => checkActionText(t, realText(), 'ua.yaml', localeCodes()).action as Action;
const week = (text: string): Week => {
  const parsed = parseHours(t, text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.week;
};

describe("a target's country, zone and numbers", () => {
  it("the seed: the president in Lima, the embassy in Washington (its address's last line), numbers read in the embassy's country", () => {
    const action = seed();
    const [boluarte, rivero] = action.targets as [Action['targets'][number], Action['targets'][number]];
    expect([targetCountry(action, boluarte), targetCountry(action, rivero)]).toEqual(['PE', 'US']);
    expect([targetZone(action, boluarte, 2023), targetZone(action, rivero, 2023)]).toEqual(['America/Lima', 'America/New_York']);
    expect(phoneNumber('202 833 9860', 'US')).toEqual({ written: '202 833 9860', international: '+1 202 833 9860', e164: '+12028339860' });
    expect(phoneNumber('(01) 311-3900', 'PE').e164).toBe('+5113113900');
    expect(phoneNumber('12', 'US')).toEqual({ written: '12' });
  });

  it("a country's time: one zone, one clock for all its zones, or China's legal time; none where clocks differ", () => {
    expect(countryZone('PE', 2026)).toBe('America/Lima');
    expect(countryZone('CN', 2026)).toBe('Asia/Shanghai');
    expect(countryZone('US', 2026)).toBeUndefined();
    expect(countryZone('RU', 2026)).toBeUndefined();
    expect(countryZone('ZZ', 2026)).toBeUndefined();
  });

  it('wall clock and back, across a change of the clocks (New York, 8 March 2026 springs forward)', () => {
    const noon = instantAt('America/New_York', { year: 2026, month: 3, day: 8 }, 12 * 60);
    expect(noon.toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(instantAt('America/New_York', { year: 2026, month: 3, day: 7 }, 12 * 60).toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(wallTime(new Date('2026-12-07T09:00:00Z'), 'America/Lima')).toEqual({ year: 2026, month: 12, day: 7, weekday: 0, minute: 4 * 60 });
  });
});

describe('office hours', () => {
  it('reads days, spans and rules; refuses what is not hours, quoting the rule', () => {
    const parsed = week('Mo-Th 09:00-13:00,14:00-18:00; Fr 09:00-14:00');
    expect(parsed[0]).toEqual([
      [540, 780],
      [840, 1080],
    ]);
    expect(parsed[4]).toEqual([[540, 840]]);
    expect(parsed[5]).toEqual([]);
    expect(week('Fr-Mo 10:00-12:00').map((day) => day.length)).toEqual([1, 0, 0, 0, 1, 1, 1]);
    for (const bad of ['weekdays 9-5', 'Mo-Fr 17:00-09:00', 'Mo-Fr 09:00-25:00', 'Xx 09:00-10:00', 'Mo-Fr']) {
      expect(parseHours(t, bad)).toEqual({ problem: expect.stringContaining(`"${bad}" is not office hours`) });
    }
  });

  it('open now, or when it next opens: a Sunday night in Washington opens Monday 09:00 there', () => {
    const usual = week('Mo-Fr 09:00-17:00');
    expect(openingAt(usual, 'America/New_York', new Date('2026-12-07T15:40:00Z'))).toEqual({ open: true });
    const sundayNight = new Date('2026-12-07T03:30:00Z'); // Sunday 22:30 in Washington
    expect(openingAt(usual, 'America/New_York', sundayNight)).toEqual({ open: false, next: new Date('2026-12-07T14:00:00Z') });
    const fridayEvening = new Date('2026-12-11T23:00:00Z'); // Friday 18:00
    expect(openingAt(usual, 'America/New_York', fridayEvening)).toEqual({ open: false, next: new Date('2026-12-14T14:00:00Z') });
    expect(openingAt(week('Mo 09:00-10:00'), 'Asia/Tokyo', new Date('2026-12-07T00:30:00Z'))).toEqual({ open: true });
  });
});

describe('the UA file: what calls, faxes and posts need, validated like the rest', () => {
  const withRivero = (from: string, to: string) => realText().replace(from, to);

  it('a phone in a country of several zones, without its timezone: refused, saying which zone is wanted', () => {
    const problems = problemsOf(withRivero('    timezone: America/New_York # Washington DC, which the document names\n', ''));
    expect(problems).toEqual([expect.stringMatching(/^ua\.yaml:\d+:5: targets\[1\]: its country \(US\) has 29 time zones: give the office's timezone/)]);
  });

  it('an unknown zone, unreadable hours and an unknown country are refused at their place', () => {
    const text = withRivero('timezone: America/New_York', 'timezone: America/Gotham\n    hours: weekdays 9 to 5\n    country: Gotham');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/targets\[1\]\.timezone: "America\/Gotham" is not a time zone ua knows/),
      expect.stringMatching(/targets\[1\]\.hours: "weekdays 9 to 5" is not office hours/),
      expect.stringMatching(/targets\[1\]\.country: "Gotham" is not a country ua knows/),
    ]);
  });

  it('call scripts, posts and hashtags per language; asks per language; a bad hashtag refused', () => {
    const extra = [
      'call_script:',
      '  en: "Hello, my name is {{sender.name}} from {{sender.city}}."',
      'posts:',
      '  en: ["Peru: stop the killings of protesters"]',
      'hashtags: ["#Peru", "Juliaca"]',
      'background: |',
    ].join('\n');
    // The seed's own scripts (Spanish, French) are left out: this one stands in for them.
    const text = realText();
    const good = text.slice(0, text.indexOf('call_script:')).replace('background: |', extra);
    expect(problemsOf(good)).toEqual([]);
    expect(problemsOf(good.replace('{{sender.name}}', '{{sender.nmae}}'))).toEqual([expect.stringMatching(/call_script\.en: unknown variable "sender\.nmae"/)]);
    expect(problemsOf(good.replace('"Juliaca"', '"two words"'))).toEqual([
      expect.stringMatching(/hashtags\[1\]: "two words" is not valid \(a hashtag such as #Peru/),
    ]);
    const perLanguage = realText().replace(/asks:\n( {2}- .*\n)+/, 'asks:\n  en: [Stop the killings.]\n  es: [Detengan las muertes.]\n');
    const action = checkActionText(t, perLanguage, 'ua.yaml', localeCodes()).action as Action;
    expect([asksIn(action, 'es'), asksIn(action, 'fr')]).toEqual([['Detengan las muertes.'], []]);
    expect(asksIn(seed(), 'es')).toHaveLength(4);
  });
});

describe('the zone asked for', () => {
  it("names first the zone of a city in the target's address", () => {
    const text = realText()
      .replace('    timezone: America/New_York # Washington DC, which the document names\n', '')
      .replace('Washington DC 20036', '3333 Wilshire Blvd, Los Angeles, CA 90010');
    expect(problemsOf(text)).toEqual([expect.stringContaining('(e.g. America/Los_Angeles, America/Adak, America/Anchorage)')]);
  });
});
