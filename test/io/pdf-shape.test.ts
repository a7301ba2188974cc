import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FONT, FONT_SANS } from '../../src/io/pdf-fonts.js';
import { type FontkitFont, learn, shapeWord } from '../../src/io/pdf-shape.js';
import { ROOT } from '../helpers/paths.js';

/** Every text file of these folders (UAs, the letters' phrases in every language, letters and packs as printed). */
const TEXTS = [
  'actions',
  'templates/locales',
  'templates',
  'test/fixtures/actions',
  'test/fixtures/letters',
  'test/fixtures/print',
  'test/fixtures/documents',
].flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((name) => /\.(ya?ml|txt|hbs)$/.test(name))
    .map((name) => readFileSync(join(ROOT, folder, name), 'utf8')),
);

/** What signers put in a sheet: names with accents and other scripts, numbers, e-mails, punctuation. */
const SIGNERS = [
  ...Array.from({ length: 300 }, (_, i) => `Signer Núñez ${i * 37}, Leeds, UK, signer${i * 37}@example.org · ${i}/${i + 1}`),
  'Łukasz Żółć-Ćwikła, Wrocław; Ærøskøbing Øster Å; İstanbul Ğüşçö; Dvořák Šťastný; Ōsaka Nguyễn Thị',
  'Αθήνα Ελληνική, Москва Ёжикова, «guillemets» “quotes” ‘single’ — dash – en … ellipsis ¿Qué? ¡Sí! 1º 2ª №5 €10 £3 $4',
  'fi fl ffi ffl office affluent fjord AV To Ty Wa Yo LT P. F. r, y. 10:30 1,5 % 50 % (a) [b] {c} a/b a\\b #1 @x',
  'e\u0301 i\u0307 i\u0308j a\u0308 n\u0303 o\u0328 ﬁ ﬂ a\u00adb a\u200bb a\u200db a\ufe0fb x\u2060y Ǆ ǆ Ǉ ǈ ĳ Ĳ ŉ',
  'tab\there nbsp\u00a0word thin\u2009space narrow\u202fnbsp ideo\u3000space 𝔘𝔄 😀 漢字 한글 עברית العربية हिन्दी',
];

/** The texts as pdfkit's font.layout() cuts them into runs: each word with the space or tab after it (a block's lines keep their breaks), or each line's. */
const runsOf = (text: string) => [...text.split(/(?<=[ \t])/), ...text.split(/(?<=[ \t])|\n/)].filter((run) => run !== '');

const CORPUS = [...new Set([...TEXTS, ...SIGNERS].flatMap(runsOf))];

type Font = FontkitFont & { unitsPerEm: number; getGlyph(id: number): unknown };
const open = (path: string) => fontkit.openSync(path) as unknown as Font;

/** pdfkit's EmbeddedFont.layoutRun() without features, as numbers to compare. */
function pdfkitRun(font: Font, text: string, learning?: Font) {
  const run = font.layout(text);
  if (learning) learn(font, text, run);
  const scale = 1000 / font.unitsPerEm;
  for (const [i, position] of run.positions.entries()) {
    const fields = position as unknown as Record<string, number>;
    for (const key in fields) fields[key] = (fields[key] as number) * scale;
    position.advanceWidth = (run.glyphs[i] as { advanceWidth: number }).advanceWidth * scale;
  }
  return run;
}

function numbers(run: ReturnType<Font['layout']>) {
  return {
    glyphs: run.glyphs.map((glyph) => [glyph.id, glyph.advanceWidth, [...glyph.codePoints]]),
    positions: run.positions.map((p) => ({ ...p })),
    script: run.script,
    direction: run.direction,
    features: Object.keys(run.features).sort(),
    advanceWidth: (run as unknown as { advanceWidth: number }).advanceWidth,
  };
}

describe('words shaped without fontkit (pdf-shape.ts)', () => {
  for (const path of [FONT, FONT_SANS]) {
    it(`shapes every word of the corpus as fontkit does, glyph for glyph and position for position (${path.split('/').pop()})`, () => {
      const reference = open(path);
      const font = open(path);
      const scale = 1000 / font.unitsPerEm;
      // Once through fontkit, learning the pairs; then every word again, shaped here where it can be.
      for (const text of CORPUS) expect(numbers(pdfkitRun(font, text, font))).toEqual(numbers(pdfkitRun(reference, text)));
      let fast = 0;
      for (const text of CORPUS) {
        const run = shapeWord(font, text, scale);
        if (!run) continue;
        fast++;
        expect(numbers(run), text).toEqual(numbers(pdfkitRun(reference, text)));
        // The very Glyph objects fontkit keeps for the font (pdfkit notes each one's code points once).
        for (const glyph of run.glyphs) expect(glyph).toBe(font.getGlyph(glyph.id));
      }
      // Most words are plain: the check above compares thousands of them.
      expect(fast).toBeGreaterThan(CORPUS.length * 0.6);
    });
  }

  it('leaves to fontkit what it changes: ligatures, marks, hidden characters, other scripts', () => {
    const font = open(FONT);
    const scale = 1000 / font.unitsPerEm;
    const words = ['office ', 'fi', 'e\u0301', 'a\u00adb', 'a\u200bb', 'x\u2060y', 'עברית', 'हिन्दी', '😀', 'i\u0307'];
    for (const text of words) pdfkitRun(font, text, font);
    for (const text of words) expect(shapeWord(font, text, scale), text).toBeUndefined();
  });
});
