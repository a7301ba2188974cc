import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/action.js';
import { copiesAsked, copyLanguageChoices, copyLanguagesOf, languagesAsked, MAX_COPIES, pastDeadline } from '../../src/core/evening.js';
import { ua105 } from '../helpers/action.js';

// The rules of a `ua serve` evening that need nothing but their data (src/core/evening.ts).

/** UA 105.22 (letters in es, en, fr; the officials' Spanish) and one in French and English only, for Paris. */
const PERU = ua105();
const letters = PERU.letters ?? {};
const FRANCE: Action = {
  ...PERU,
  id: '7.26',
  languages: { ...PERU.languages, preferred: 'fr' },
  letters: { fr: letters.fr, en: letters.en } as Action['letters'],
};

describe('the walk-in copies the organiser asks for', () => {
  it.each([
    ['2', 2],
    [' 12 ', 12],
    ['0', 0],
    [String(MAX_COPIES), MAX_COPIES],
    [String(MAX_COPIES + 1), MAX_COPIES],
    ['99999999999999999999', MAX_COPIES],
    ['-3', 0],
    ['2.5', 0],
    ['1e3', 0],
    ['', 0],
    ['abc', 0],
    [undefined, 0],
    [['2', '3'], 0],
  ])('%j → %i', (value, copies) => {
    expect(copiesAsked(value)).toBe(copies);
  });
});

describe('the languages of the copies', () => {
  it("offers every UA's letter languages, the officials' own first", () => {
    expect(copyLanguageChoices([PERU])).toEqual([
      { code: 'es', preferred: true },
      { code: 'en', preferred: false },
      { code: 'fr', preferred: false },
    ]);
    expect(copyLanguageChoices([FRANCE, PERU]).map((l) => `${l.code}${l.preferred ? '*' : ''}`)).toEqual(['fr*', 'es*', 'en']);
  });

  it('takes those ticked that were offered, in the order offered, once each (one ticked comes as text, several as a list)', () => {
    const offered = copyLanguageChoices([PERU]);
    expect(languagesAsked('en', offered)).toEqual(['en']);
    expect(languagesAsked(['fr', 'es', 'fr'], offered)).toEqual(['es', 'fr']);
    expect(languagesAsked(['de', '<b>', 'en'], offered)).toEqual(['en']);
    expect(languagesAsked(undefined, offered)).toEqual([]);
    expect(languagesAsked({ es: 'yes' }, offered)).toEqual([]);
  });

  it("gives each UA those of its languages that were asked for; none: [] (batch's default, the officials' language)", () => {
    expect(copyLanguagesOf(PERU, ['es', 'en'])).toEqual(['es', 'en']);
    expect(copyLanguagesOf(FRANCE, ['es', 'en'])).toEqual(['en']);
    expect(copyLanguagesOf(FRANCE, ['es'])).toEqual([]);
    expect(copyLanguagesOf(PERU, [])).toEqual([]);
  });
});

describe('the UAs past their deadline (sending them needs the organiser to tick a box, as --after-deadline)', () => {
  const LATER: Action = { ...PERU, id: '8.26', deadline: '2026-12-31' };
  const NONE: Action = { ...PERU, id: '9.26', deadline: 'soon' };

  it.each([
    ["the day before 105.22's deadline", { year: 2023, month: 3, day: 6 }, []],
    ['its last day', { year: 2023, month: 3, day: 7 }, []],
    ['the day after', { year: 2023, month: 3, day: 8 }, ['105.22']],
    ['years later, another UA still open', { year: 2026, month: 11, day: 28 }, ['105.22']],
    ['past both', { year: 2027, month: 1, day: 1 }, ['105.22', '8.26']],
  ])('%s', (_name, today, late) => {
    expect(pastDeadline([PERU, LATER, NONE], today).map(({ action }) => action.id)).toEqual(late);
  });

  it("gives the deadline, to be said in the reader's language", () => {
    expect(pastDeadline([PERU], { year: 2024, month: 1, day: 1 })).toEqual([{ action: PERU, deadline: { year: 2023, month: 3, day: 7 } }]);
  });
});
