import { describe, expect, it } from 'vitest';
import { letterLanguages } from '../../src/core/action.js';
import { composeLetters, type Letter } from '../../src/core/compose.js';
import type { Sender } from '../../src/core/fields.js';
import { locale, TODAY_DAY, ua105 } from '../helpers/action.js';
import { t } from '../helpers/words.js';

// Every letter the bundled UA can produce, read as an official would: no doubled spaces, no
// space before a comma or full stop, quotes and brackets that close, the regressions a native
// speaker pointed out, and the salutation and closing that belong together in each language.
const SENDERS: (Sender | null)[] = [
  { name: 'Ana Pérez', city: 'Leeds', country: 'United Kingdom', email: 'ana@example.org', about: 'I teach history.', note: 'A personal note.' },
  { name: 'Ana Pérez', city: 'Leeds', country: 'United Kingdom' },
  null,
];
const action = ua105();
const variants: [string, string, number, Letter][] = letterLanguages(action).flatMap((lang) =>
  action.targets.flatMap((target) =>
    SENDERS.map((sender, i): [string, string, number, Letter] => [
      lang,
      target.id,
      i,
      composeLetters({ t, action, lang, targets: [target], sender, today: TODAY_DAY, locale: locale(lang) })[0] as Letter,
    ]),
  ),
);

const CLOSINGS: Readonly<Record<string, (letter: Letter) => void>> = {
  en: (letter) => {
    expect(letter.salutation).toMatch(/^Dear .+,$/);
    expect(letter.closing).toBe('Yours sincerely,');
  },
  es: (letter) => {
    expect(letter.salutation).toMatch(/:$/);
    expect(letter.closing).toBe('Atentamente,');
  },
  fr: (letter) => {
    expect(letter.salutation).toMatch(/,$/);
    // The formal French closing repeats the form of address of the salutation.
    expect(letter.closing).toBe(`Je vous prie d'agréer, ${letter.salutation.replace(/,$/, '')}, l'expression de ma très haute considération.`);
  },
};

describe('every letter variant of UA 105.22 reads as a native speaker writes', () => {
  it.each(variants)('%s to %s (sender %i)', (lang, _, __, letter) => {
    const texts = [letter.subject, letter.salutation, ...letter.paragraphs, letter.closing];
    for (const text of texts) {
      expect(text, text).not.toMatch(/ {2}/);
      expect(text, text).not.toMatch(/\s[,.]/);
      expect(text, text).not.toMatch(/, during\b|\bproviding\b[^.]*\band collaborate\b/);
      expect(count(text, '«'), text).toBe(count(text, '»'));
      expect(count(text, '“'), text).toBe(count(text, '”'));
      expect(count(text, '('), text).toBe(count(text, ')'));
      expect(count(text, '"') % 2, text).toBe(0);
    }
    expect(
      letter.paragraphs.every((p) => /[.!?»)]$/.test(p.trim())),
      letter.paragraphs.join('\n'),
    ).toBe(true);
    CLOSINGS[lang]?.(letter);
  });

  it('the Spanish subject addresses one official as the English and French do (an infinitive, not a plural command)', () => {
    expect(action.letters?.es?.subject).toMatch(/^Acción Urgente 105\.22: poner fin /);
  });
});

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
