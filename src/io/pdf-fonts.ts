import { join } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';

// Fonts are embedded: the 14 standard PDF fonts cannot show Ł, ő and many other letters. They
// are named by path: pdfkit looks a registered name up far more slowly (3× for a page). The
// build copies the two used here into dist/fonts/, and the package ships only those.
export const FONT = join(PACKAGE_ROOT, 'dist', 'fonts', 'DejaVuSerif.ttf');
export const FONT_SANS = join(PACKAGE_ROOT, 'dist', 'fonts', 'DejaVuSans.ttf');

// pdfkit sets text left to right, word by word: a right-to-left name (Arabic, Hebrew…) would
// print with its words reversed and its spaces lost. Such text is refused, not misprinted.
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

type Font = { hasGlyphForCodePoint(codePoint: number): boolean };
let fonts: Font[] | undefined;

/**
 * The characters of these texts a PDF from ua cannot print right: those the embedded fonts
 * have no glyph for (they would print as empty boxes), and right-to-left scripts. Each once,
 * in order of appearance.
 */
export async function unprintable(texts: readonly string[]): Promise<string[]> {
  if (!fonts) {
    const fontkit = await import('fontkit');
    fonts = [FONT, FONT_SANS].map((path) => fontkit.openSync(path) as unknown as Font);
  }
  const found = new Set<string>();
  for (const text of texts) {
    for (const char of text) {
      if (printable.has(char) || found.has(char) || /[\s\u2068\u2069]/u.test(char)) continue;
      const codePoint = char.codePointAt(0) as number;
      if (RIGHT_TO_LEFT.test(char) || !fonts.every((font) => font.hasGlyphForCodePoint(codePoint))) found.add(char);
      else printable.add(char);
    }
  }
  return [...found];
}

// A pack checks every letter's sender: each character is looked up in the fonts once. (A
// sheet uses a few hundred characters.)
const printable = new Set<string>();

/** "陳, 美, 玲" (at most eight, then "…"). */
export function listCharacters(chars: readonly string[]): string {
  return `${chars.slice(0, 8).join(', ')}${chars.length > 8 ? ', …' : ''}`;
}
