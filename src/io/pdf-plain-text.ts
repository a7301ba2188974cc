import type { Font } from './pdf-line-operators.js';

/**
 * Text pdfkit would set in the plain way, set here without its machinery. A print pack sets
 * each signer's own texts once or twice (the sender's block, the introduction that names them,
 * the signature, the return address on the envelope): pdfkit made a LineWrapper (an event
 * emitter), options and listeners for each, emitted events line by line, and laid out, copied
 * and re-joined the glyphs of every line. Its _text() was 35% of the worker's profile of a
 * 1,000-signer pack and 245 of the 456 MB it allocated. Here the same steps, in the same
 * order, with the same arithmetic:
 *
 * - the words and their widths, from pdfkit's own LineWrapper.eachWord (its line breaker, and
 *   its measure, which pdf-layout-cache.ts remembers);
 * - the lines, as LineWrapper.wrap() fills them (plainLines);
 * - each line's operators, as PDFDocument._fragment() writes them (lineOperators), from the
 *   font's own shaped runs (font.layoutCached), each glyph added to the font's subset in the
 *   same order.
 *
 * Only the plain case is set here: left, right or centred, no indent, no columns, no spacing,
 * no ellipsis, no soft hyphen, no word wider than the line, no glyph placed off its advance
 * (combining marks), no page to turn. Anything else returns false before a byte is written, and
 * pdfkit sets it. test/io/pdf-plain-text.test.ts holds texts of every kind against pdfkit's.
 */

/** A break after a word, as LineWrapper's callback gets it (a piece of a word cut to fit has no position). */
interface Break {
  position?: number;
  required: boolean;
}

interface Wrapper {
  eachWord(text: string, fn: (word: string, width: number, bk: Break, last: Break | null) => unknown): void;
}

/** The pdfkit internals used here. */
export interface PlainDoc {
  x: number;
  y: number;
  _font: Font;
  _fontSize: number;
  _lineGap: number;
  _wrapper: unknown;
  _textOptions: unknown;
  page: { height: number; fonts: Record<string, unknown>; maxY(): number };
  currentLineHeight(includeGap: boolean): number;
  widthOfString(text: string, options?: object): number;
}

export interface PlainOptions {
  width: number;
  columns?: number;
  columnGap?: number;
  lineGap?: number;
  paragraphGap?: number;
}

/** A line as LineWrapper emits it: its text, its width (the sum of its words') and how many words. */
export interface PlainLine {
  text: string;
  width: number;
  words: number;
  /** The last line before a break in the text, or of the text: the paragraph gap follows it. */
  last: boolean;
  /** Where it is drawn (its top). */
  y: number;
}

/** What the wrapper's measure reads: a LineWrapper made without its constructor's listeners. */
function measurer(LineWrapper: { prototype: object }, doc: PlainDoc, lineWidth: number): Wrapper {
  return Object.assign(Object.create(LineWrapper.prototype) as Wrapper, {
    document: doc,
    horizontalScaling: 100,
    indent: 0,
    characterSpacing: 0,
    wordSpacing: 0,
    continuedX: 0,
    lineWidth,
    spaceLeft: lineWidth,
  });
}

/** The lines, and where the document's place is after them. */
export interface Plain {
  lines: PlainLine[];
  /** LineWrapper's width for them. */
  lineWidth: number;
  end: number;
}

/**
 * The lines of `text` from the document's place, as LineWrapper.wrap() makes them and where it
 * draws them; false where pdfkit would do more (see above), or turn to a new page.
 */
export function plainLines(LineWrapper: { prototype: object }, doc: PlainDoc, text: string, options: PlainOptions): Plain | false {
  if (text.includes('\u00ad') || (options.columns ?? 0) > 1) return false;
  // LineWrapper's line width, as it works it out: no horizontal scaling, one column.
  const lineWidth = ((options.width * 100) / 100 - (((options.columnGap ?? 18) * 100) / 100) * (1 - 1)) / 1;
  const lineHeight = doc.currentLineHeight(true);
  const maxY = float32Below(doc.page.maxY());
  let y = doc.y;
  if (y > maxY || y + lineHeight > maxY) return false;
  const gap = options.lineGap || doc._lineGap || 0;
  const lines: PlainLine[] = [];
  let fits = true;
  let buffer = '';
  let textWidth = 0;
  let words = 0;
  let spaceLeft = lineWidth;
  const emit = (last: boolean) => {
    lines.push({ text: buffer, width: textWidth, words, last, y });
    y += lineHeight + gap;
    if (last) y += options.paragraphGap || 0;
  };
  measurer(LineWrapper, doc, lineWidth).eachWord(text, (word, w, bk, previous) => {
    if (bk.position === undefined || w > lineWidth) {
      fits = false;
      return false;
    }
    if (previous == null || previous.required) spaceLeft = lineWidth;
    const fit = w <= spaceLeft;
    if (fit) {
      buffer += word;
      textWidth += w;
      words++;
    }
    if (!bk.required && fit) {
      spaceLeft -= w;
      return;
    }
    if (bk.required && w > spaceLeft) {
      emit(false);
      [buffer, textWidth, words] = [word, w, 1];
    }
    emit(bk.required);
    if (float32Below(y + lineHeight) > maxY) {
      fits = false;
      return false;
    }
    [buffer, textWidth, words, spaceLeft] = bk.required ? ['', 0, 0, lineWidth] : [word, w, 1, lineWidth - w];
  });
  if (!fits) return false;
  if (words > 0) emit(true);
  return { lines, lineWidth, end: y };
}

// pdfkit's PDFNumber: the nearest float32 at or below the number.
const float = new Float32Array(1);
const bits = new Uint32Array(float.buffer);
export function float32Below(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  float[0] = n;
  bits[0] = (bits[0] ?? 0) + (n <= 0 ? 1 : -1);
  return float[0] ?? n;
}
