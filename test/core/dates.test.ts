import { describe, expect, it } from 'vitest';
import { deadlineStatus, describeDeadline, formatDate, parseIsoDate } from '../../src/core/dates.js';
import { loadLocale } from '../../src/io/repository.js';
import { t } from '../helpers/words.js';

const [en, es, fr] = ['en', 'es', 'fr'].map((lang) => loadLocale(t, lang)) as [
  ReturnType<typeof loadLocale>,
  ReturnType<typeof loadLocale>,
  ReturnType<typeof loadLocale>,
];
const day = (text: string) => parseIsoDate(text) ?? expect.fail(`bad date ${text}`);

describe('formatDate', () => {
  it.each([
    [en, '2023-03-07', '7 March 2023'],
    [es, '2023-03-07', '7 de marzo de 2023'],
    [fr, '2023-03-07', '7 mars 2023'],
    [fr, '2023-03-01', '1er mars 2023'],
    [en, '2023-03-01', '1 March 2023'],
    [es, '2026-12-31', '31 de diciembre de 2026'],
    [fr, '2026-08-15', '15 août 2026'],
  ])('%#: %s in its language', (locale, iso, text) => {
    expect(formatDate(day(iso), locale)).toBe(text);
  });
});

describe('parseIsoDate', () => {
  it('refuses dates that are not in the calendar', () => {
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('7 March 2023')).toBeUndefined();
  });
});

describe('deadlines', () => {
  it('counts days left, the last day as open, and expiry', () => {
    expect(deadlineStatus(day('2023-03-07'), day('2023-03-01'))).toEqual({ open: true, daysLeft: 6 });
    expect(deadlineStatus(day('2023-03-07'), day('2023-03-07'))).toEqual({ open: true, daysLeft: 0 });
    expect(deadlineStatus(day('2023-03-07'), day('2023-03-08'))).toEqual({ open: false, daysAgo: 1 });
  });
  it('describes them as people read them', () => {
    expect(describeDeadline(t, day('2023-03-07'), day('2026-11-28'), en)).toBe('expired on 7 March 2023');
    expect(describeDeadline(t, day('2023-03-07'), day('2023-03-06'), en)).toBe('1 day left (until 7 March 2023)');
    expect(describeDeadline(t, day('2023-03-07'), day('2023-03-07'), en)).toBe('last day today');
  });
});
