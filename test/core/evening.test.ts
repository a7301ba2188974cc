import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/action.js';
import {
  closingRefused,
  copiesAsked,
  copyLanguageChoices,
  copyLanguagesOf,
  eveningTally,
  hasRoomFor,
  type LetterVersions,
  languagesAsked,
  MAX_COPIES,
  MAX_LETTERS,
  pastDeadline,
} from '../../src/core/evening.js';
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

describe('the letters an evening keeps', () => {
  it.each([
    [0, false, true],
    [MAX_LETTERS - 1, false, true],
    [MAX_LETTERS, false, false],
    [MAX_LETTERS + 3, false, false],
    // A letter changed replaces the attendee's earlier one for that UA: it takes no room.
    [MAX_LETTERS, true, true],
  ])('with %i kept, a letter (replacing one: %s) is taken: %s', (kept, replacing, taken) => {
    expect(hasRoomFor(kept, replacing)).toBe(taken);
  });
});

describe('closing the evening (ua serve --close, the Close button, a server asked to close)', () => {
  const none = { discard: false, keepData: false };
  it.each([
    ['no letter', [], none, 0],
    ['letters neither printed nor sent', [{ rev: 1 }, { rev: 1 }, { rev: 2 }], none, 3],
    [
      'letters printed or sent as they are',
      [
        { rev: 1, printed: 1 },
        { rev: 2, printed: 2 },
      ],
      none,
      0,
    ],
    // The bug this rule was made for: one flag for the evening deleted these.
    ['a letter handed in after the print pack', [{ rev: 1, printed: 1 }, { rev: 1 }], none, 1],
    [
      'a letter changed after the print pack',
      [
        { rev: 2, printed: 1 },
        { rev: 1, printed: 1 },
      ],
      none,
      1,
    ],
    [
      'a letter set aside, never printed',
      [
        { rev: 1, printed: 1 },
        { rev: 1, setAside: true },
      ],
      none,
      0,
    ],
    ['a letter kept before versions were counted, never printed', [{}], none, 1],
    ['unsent letters deleted anyway (--discard)', [{ rev: 1 }, { rev: 1 }, { rev: 1 }], { discard: true, keepData: false }, 0],
    ['unsent letters kept aside (--keep-data)', [{ rev: 1 }, { rev: 1 }, { rev: 1 }], { discard: false, keepData: true }, 0],
  ])('%s: refused for %i letters', (_name, letters, asked, refused) => {
    expect(closingRefused(letters as LetterVersions[], asked)).toBe(refused);
  });
});

describe("the projector's tally", () => {
  const letter = (ua: string, lang: string, country: string, setAside?: boolean) => ({ ua, answers: { lang, country }, ...(setAside ? { setAside } : {}) });
  const names = {
    ua: (id: string) => `UA ${id}`,
    lang: (code: string) => ({ es: 'Spanish', fr: 'French', en: 'English' })[code] ?? code,
    // Two ways of writing one country count as one, as countryIn() names them.
    country: (typed: string) => ({ 'Reino Unido': 'United Kingdom', UK: 'United Kingdom' })[typed] ?? typed,
  };

  it('counts the letters not set aside, by UA, language and country, most first, then by name', () => {
    const letters = [
      letter('105.22', 'es', 'Reino Unido'),
      letter('105.22', 'fr', 'France'),
      letter('7.26', 'fr', 'UK'),
      letter('7.26', 'en', 'Belgique'),
      letter('7.26', 'en', 'Belgique', true),
    ];
    expect(eveningTally(letters, names)).toEqual({
      total: 4,
      uas: [
        { name: 'UA 105.22', count: 2 },
        { name: 'UA 7.26', count: 2 },
      ],
      languages: [
        { name: 'French', count: 2 },
        { name: 'English', count: 1 },
        { name: 'Spanish', count: 1 },
      ],
      countries: [
        { name: 'United Kingdom', count: 2 },
        { name: 'Belgique', count: 1 },
        { name: 'France', count: 1 },
      ],
    });
  });

  it('is empty before the first letter, and when every letter is set aside', () => {
    const empty = { total: 0, uas: [], languages: [], countries: [] };
    expect(eveningTally([], names)).toEqual(empty);
    expect(eveningTally([letter('105.22', 'es', 'Perú', true)], names)).toEqual(empty);
  });
});
