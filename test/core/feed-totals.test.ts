import { describe, expect, it } from 'vitest';
import { isReported, parseTallies, reportedLine, reportedShort } from '../../src/core/feed-totals.js';
import { parseIndex } from '../../src/core/feeds.js';
import { checkLocale } from '../../src/core/locale.js';
import locales from '../../src/generated/locales.json' with { type: 'json' };
import { t, wordsIn } from '../helpers/words.js';

const HELD = ['105.22', '201.26'];
const tally = (uas: unknown) => JSON.stringify({ uas, channels: {}, evenings: 3 });

describe('the totals file of ua feed build --tallies', () => {
  it('takes uas[].ua, count and volunteers, matched to the ids the feed holds (UA 0105/22 is 105.22)', () => {
    const parsed = parseTallies(t, tally([{ ua: 'UA 0105/22', count: 2340, volunteers: 311, email: 12 }]), 'totals.json', HELD);
    expect(parsed).toEqual({ totals: new Map([['105.22', { actions: 2340, people: 311 }]]), unknown: [] });
  });

  it("takes each UA's letter-writing evenings too, when the tally counted some", () => {
    const parsed = parseTallies(
      t,
      tally([
        { ua: '105.22', count: 40, volunteers: 3, evenings: 2 },
        { ua: '201.26', count: 4, volunteers: 1, evenings: 0 },
      ]),
      'totals.json',
      HELD,
    );
    expect(parsed).toEqual({
      totals: new Map([
        ['105.22', { actions: 40, people: 3, evenings: 2 }],
        ['201.26', { actions: 4, people: 1 }],
      ]),
      unknown: [],
    });
    expect(parseTallies(t, tally([{ ua: '105.22', count: 40, volunteers: 3, evenings: -2 }]), 'totals.json', HELD)).toHaveProperty('problem');
  });

  it('a UA the feed does not hold is left out and named, not refused', () => {
    const parsed = parseTallies(t, tally([{ ua: '999.26', count: 4, volunteers: 1 }]), 'totals.json', HELD);
    expect(parsed).toEqual({ totals: new Map(), unknown: ['999.26'] });
  });

  it.each([
    [[{ ua: '105.22', count: -1, volunteers: 1 }], 'totals.json, uas[0] ("105.22"): "count" is not a whole number from 0 to 10,000,000; no feed was written'],
    [[{ ua: '105.22', count: 2.5, volunteers: 1 }], '"count" is not a whole number'],
    [[{ ua: '105.22', count: 10_000_001, volunteers: 1 }], '"count" is not a whole number'],
    [[{ ua: '105.22', count: '2340', volunteers: 1 }], '"count" is not a whole number'],
    [[{ ua: '105.22', count: 3, volunteers: null }], '"volunteers" is not a whole number'],
    [[{ ua: '105.22', count: 3, volunteers: 1e308 }], '"volunteers" is not a whole number'],
    [[{ count: 3, volunteers: 1 }], 'totals.json, uas[0]: no UA id ("ua")'],
    [[{ ua: 105.22, count: 3, volunteers: 1 }], 'uas[0]: no UA id'],
    [['105.22'], 'uas[0]: no UA id'],
    [
      [
        { ua: '105.22', count: 3, volunteers: 1 },
        { ua: '105/22', count: 3, volunteers: 1 },
      ],
      'uas[1] ("105/22"): the same UA as an earlier entry',
    ],
  ])('refuses %j in one line naming the file and the entry', (uas, said) => {
    const parsed = parseTallies(t, tally(uas), 'totals.json', HELD);
    expect(parsed).toHaveProperty('problem');
    const { problem } = parsed as { problem: string };
    expect(problem).toContain(said);
    expect(problem).not.toContain('\n');
  });

  it('refuses what is not a tally at all', () => {
    expect(parseTallies(t, '{"uas": ', 'totals.json', HELD)).toEqual({ problem: 'totals.json is not JSON ("ua tally --json" writes the totals to give)' });
    for (const text of ['null', '[]', '{"totals": []}', '{"uas": {}}'])
      expect(parseTallies(t, text, 'totals.json', HELD)).toEqual({
        problem: 'totals.json is not a tally: it has no list "uas" ("ua tally --json" writes one)',
      });
  });
});

describe('the totals in a signed index', () => {
  const entry = { id: '105.22', title: 'T', country: 'Peru', deadline: '2027-01-01', file: '105.22.yaml', sha256: 'a'.repeat(64), size: 10 };
  const index = (reported: unknown) => JSON.stringify({ feed: 'x', built_at: '2026-12-07T00:00:00Z', uas: [{ ...entry, reported }] });

  it('an index with a well-formed total reads; one with a total that is not is not an index', () => {
    expect(parseIndex(t, index({ actions: 2340, people: 311, on: '2026-12-07' }))).toHaveProperty('index');
    expect(parseIndex(t, index(undefined))).toHaveProperty('index');
    for (const bad of [{ actions: -1, people: 1, on: '2026-12-07' }, { actions: 1, people: 1, on: '2026-02-30' }, { actions: 1, on: '2026-12-07' }, 'many'])
      expect(parseIndex(t, index(bad))).toEqual({ problem: "the index is not a feed's index" });
    expect(isReported({ actions: 0, people: 0, on: '2026-12-07' })).toBe(true);
  });
});

describe('the total as a volunteer reads it', () => {
  const locale = (lang: string) => {
    const data = (locales as Record<string, unknown>)[lang];
    expect(checkLocale(t, data)).toEqual([]);
    return data as Parameters<typeof reportedLine>[3];
  };
  const reported = { actions: 2340, people: 311, on: '2026-12-07' };

  it('in English, Spanish and French, numbers as each writes them', () => {
    expect(reportedLine(t, reported, 'en', locale('en'))).toBe('2,340 actions reported by 311 people (tallied 7 December 2026)');
    expect(reportedLine(wordsIn('es'), { ...reported, actions: 12_340 }, 'es', locale('es'))).toBe(
      '12.340 acciones informadas por 311 personas (recuento del 7 de diciembre de 2026)',
    );
    expect(reportedLine(wordsIn('fr'), { actions: 12_340, people: 1, on: '2026-12-01' }, 'fr', locale('fr'))).toBe(
      '12\u202f340 actions signalées par 1 personne (décompte du 1er décembre 2026)',
    );
    expect(reportedLine(t, { actions: 1, people: 1, on: '2026-12-07' }, 'en', locale('en'))).toBe('1 action reported by 1 person (tallied 7 December 2026)');
  });

  it('with the evenings, when the section counted some', () => {
    expect(reportedLine(t, { ...reported, evenings: 12 }, 'en', locale('en'))).toBe(
      '2,340 actions reported by 311 people and 12 letter-writing evenings (tallied 7 December 2026)',
    );
    expect(reportedLine(wordsIn('es'), { ...reported, evenings: 1 }, 'es', locale('es'))).toBe(
      '2340 acciones informadas por 311 personas y 1 velada de escritura de cartas (recuento del 7 de diciembre de 2026)',
    );
    expect(reportedLine(wordsIn('fr'), { ...reported, evenings: 2 }, 'fr', locale('fr'))).toBe(
      "2\u202f340 actions signalées par 311 personnes et 2 soirées d'écriture (décompte du 7 décembre 2026)",
    );
    expect(isReported({ ...reported, evenings: 2 })).toBe(true);
    expect(isReported({ ...reported, evenings: -2 })).toBe(false);
  });

  it('short for a column', () => {
    expect(reportedShort(reported, 'en')).toBe('2.3K');
    expect(reportedShort({ ...reported, actions: 87 }, 'en')).toBe('87');
  });
});
