/**
 * A plain line's operators (pdf-plain-text.ts), as PDFDocument._fragment() writes them, made
 * from the font's own shaped runs (font.layoutCached), each glyph added to the font's subset
 * in the same order, and each run's glyphs written out once.
 */

/** A fontkit glyph, as much of it as a line's operators and the word shaper (pdf-shape.ts) read. */
export interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface Position {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}
interface Run {
  glyphs: Glyph[];
  positions: Position[];
}

export interface Font {
  id: string;
  ascender: number;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  layoutCached(text: string): Run;
  ref(): unknown;
}

/** The pdfkit internals used here. */
interface Doc {
  _font: Font;
  _fontSize: number;
  page: { height: number };
}

/** A line as _fragment() writes it: before its position (Tm), and after. */
export interface LineOperators {
  head: string;
  tail: string;
  /** From the top of the line down to its baseline. */
  dy: number;
}

/**
 * A shaped run's glyphs as a content stream writes them: in pieces, each closed by a glyph
 * whose advance is not its width (kerning), with that difference; the last piece of a run
 * whose last glyph is not adjusted has none, and goes on in the next run. Per run, and runs
 * belong to one font, so to one subset.
 */
type Pieces = [hex: string, adjust: number | undefined][];
const encodedRuns = new WeakMap<Run, Pieces | false>();

/**
 * The operators of one line of text in the document's font, as _fragment() writes them for a
 * plain line; false for a line with a glyph off its advance (pdfkit writes a position for it).
 */
export function lineOperators(doc: Doc, text: string): LineOperators | false {
  const font = doc._font;
  const line = text.replace(/\n/g, '');
  // As _fragment() writes the glyphs: pieces closed where a glyph's advance is not its width.
  let commands = '';
  let pending = '';
  const close = (adjust: number) => {
    commands += `${commands === '' ? '' : ' '}<${pending}> ${number(-adjust)}`;
    pending = '';
  };
  // As the font's layout() cuts a text into runs: each up to and with a space or a tab.
  let last = 0;
  for (let index = 0; index <= line.length; index++) {
    if (index < line.length && line[index] !== ' ' && line[index] !== '\t') continue;
    if (index === line.length && last === index) break;
    const pieces = encodedRun(font, font.layoutCached(line.slice(last, index + 1)));
    if (!pieces) return false;
    for (const [hex, adjust] of pieces) {
      pending += hex;
      if (adjust !== undefined) close(adjust);
    }
    last = index + 1;
  }
  // The last glyph, not adjusted: its piece ends with 0.
  if (pending !== '') close(0);
  if (commands === '') return false;
  const flip = `1 0 0 -1 0 ${number(doc.page.height)} cm`;
  return {
    head: `q\n${flip}\nBT\n`,
    tail: `/${font.id} ${number(doc._fontSize)} Tf\n[${commands}] TJ\nET\nQ\n`,
    dy: (font.ascender / 1000) * doc._fontSize,
  };
}

function encodedRun(font: Font, run: Run): Pieces | false {
  let encoded = encodedRuns.get(run);
  if (encoded !== undefined) return encoded;
  const pieces: Pieces = [];
  let hex = '';
  for (const [i, glyph] of run.glyphs.entries()) {
    const position = run.positions[i] as Position;
    if (position.xOffset || position.yOffset) {
      encodedRuns.set(run, false);
      return false;
    }
    // As EmbeddedFont.encode(): the glyph joins the subset, its width and its text are noted.
    const gid = font.subset.includeGlyph(glyph.id);
    hex += `0000${gid.toString(16)}`.slice(-4);
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??= glyph.codePoints;
    const adjust = position.xAdvance - position.advanceWidth;
    if (adjust !== 0) {
      pieces.push([hex, adjust]);
      hex = '';
    }
  }
  if (hex !== '') pieces.push([hex, undefined]);
  encoded = pieces;
  encodedRuns.set(run, encoded);
  return encoded;
}

/** A number as pdfkit writes it in a content stream (rounded to 6 decimals). */
export const number = (n: number) => Math.round(n * 1e6) / 1e6;
