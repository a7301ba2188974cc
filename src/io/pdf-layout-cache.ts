import { memos } from './letter-memo.js';
import { writeOperators } from './pdf-content.js';
import { lineOperators } from './pdf-line-operators.js';
import { type FontkitFont, learn, shapeWord } from './pdf-shape.js';

/**
 * Besides whole paragraphs (pdf-paragraphs.ts), a print pack sets the same short texts again
 * and again: an official's address on every letter, label and envelope, the dateline of a
 * city, the closing. pdfkit measures each word and shapes each line anew every time. Three of
 * its steps are pure functions of the text, the font and its size, and each font of a
 * document remembers them:
 *
 * - the words of a text with their widths (LineWrapper.eachWord). Filling lines and pages
 *   with them stays pdfkit's (or, for plain text, pdf-plain-draw.ts's, which does it as
 *   pdfkit does), so every line breaks where it did;
 * - a plain line as drawn on the page (PDFDocument._fragment), less its position: made from
 *   the font's shaped runs (pdf-plain-text.ts lineOperators), not by pdfkit's encode();
 * - the shaped glyphs of a word (EmbeddedFont.layoutCached). pdfkit keeps these for ever, so
 *   every signer's name made a pack's memory grow (ua emptied them every 400 pages, and
 *   shaped the common words again); here a signer's words go with their letters.
 *
 * These are pdfkit internals (pdfkit is pinned); test/io/pdf.test.ts checks that a pack reads,
 * word for word and point for point, as its letters set one per document.
 */

/** A break between words as pdfkit's LineBreaker gives it: what LineWrapper's callback reads. */
interface Break {
  position?: number;
  required: boolean;
}
type WordCallback = (word: string, width: number, bk: Break, last: Break | null) => unknown;

interface Wrapper {
  document: { _font: Font; _fontSize: number };
  features?: unknown;
  characterSpacing: number;
  wordSpacing: number;
  horizontalScaling: number;
  indent: number;
  lineWidth: number;
  continuedX: number;
  eachWord(text: string, fn: WordCallback): void;
}

interface Doc {
  _font: Font;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown>; write(chunk: string | Uint8Array): void };
  addContent(data: string): Doc;
  widthOfString(text: string, options?: object): number;
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
}

interface Font {
  document: object;
  id: string;
  ascender: number;
  scale: number;
  font: FontkitFont;
  ref(): unknown;
  layoutCached(text: string): unknown;
}

interface Words {
  /** Each word, its width and the break after it: the arguments of LineWrapper's callback. */
  list: [string, number, Break][];
  widest: number;
}

/** A line as pdfkit draws it, cut around its position (the Tm operator). */
export interface Line {
  head: string;
  tail: string;
  /** From the top of the line down to its baseline. */
  dy: number;
}

// Per font object: fonts belong to one document, and the glyph numbers in a drawn line are
// that document's subset of the font. Each keeps what comes back letter after letter (see
// LetterMemo), up to these many texts per font and size.
const wordsOf = memos<Words>(256);
// false: a line pdfkit draws another way.
const linesOf = memos<Line | false>(1024);
const shapesOf = memos<unknown>(2048);

let installed = false;
let listening = false;

/** Teaches pdfkit to remember: once per process, for every document made from then on. */
export function rememberLayouts(PDFDocument: { LineWrapper: { prototype: Wrapper }; prototype: Doc }, doc: PDFKit.PDFDocument): void {
  if (installed) return;
  installed = true;
  rememberWords(PDFDocument.LineWrapper.prototype);
  rememberLines(PDFDocument.prototype);
  // EmbeddedFont is not exported: its prototype is reached through a font a document opened.
  rememberShapes(Object.getPrototypeOf((doc as unknown as Doc)._font));
}

function rememberWords(wrapper: Wrapper): void {
  const measure = wrapper.eachWord;
  wrapper.eachWord = function (this: Wrapper, text: string, fn: WordCallback) {
    // Features, an indent or a continued line change the measure or the width line by line.
    if (this.features || this.indent || this.continuedX) return measure.call(this, text, fn);
    const font = this.document._font;
    const cache = wordsOf(font, font.document, `${this.document._fontSize} ${this.characterSpacing} ${this.wordSpacing} ${this.horizontalScaling}`);
    const words = cache.get(text);
    // A word wider than the line is cut to fit what is left of it: that depends on the line,
    // and pdfkit does it itself.
    if (words && words.widest <= this.lineWidth) {
      let last: Break | null = null;
      for (const [word, width, bk] of words.list) {
        if (fn(word, width, bk, last) === false) return;
        last = bk;
      }
      return;
    }
    const heard: Words = { list: [], widest: 0 };
    let whole = true;
    measure.call(this, text, (word, width, bk, last) => {
      // A piece of a cut word comes with a made-up break that has no position.
      if (bk.position === undefined) whole = false;
      heard.list.push([word, width, bk]);
      heard.widest = Math.max(heard.widest, width);
      const goOn = fn(word, width, bk, last);
      // A text that stops early (a label's last line) was not measured to its end.
      if (goOn === false) whole = false;
      return goOn;
    });
    if (whole && !words) cache.set(text, heard);
  };
}

function rememberLines(document: Doc): void {
  const draw = document._fragment;
  document._fragment = function (this: Doc, text, x, y, options) {
    const align = plainAlign(options);
    if (align === undefined) return draw.call(this, text, x, y, options);
    const shown = text.replace(/\n/g, '');
    if (shown === '') return;
    const font = this._font;
    const cache = linesOf(font, font.document, `${this._fontSize} ${this.page.height}`);
    let line = cache.get(shown);
    if (line === undefined) {
      line = lineOperators(this as never, shown);
      cache.set(shown, line);
    }
    if (line === false) return draw.call(this, text, x, y, options);
    // What _fragment() does for a plain line: the font among the page's resources, the line at
    // its place. (Its save, transform and restore leave the document's matrix as it was.)
    if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref();
    const tm = position(x + alignedBy(this, shown, align, options), this.page.height - y - line.dy);
    if (!listening) return writeOperators(this.page, `${line.head}${tm}\n${line.tail}`);
    // A paragraph being kept (pdf-paragraphs.ts) listens to each operator, as pdfkit writes them.
    for (const operator of [...line.head.split('\n'), tm, ...line.tail.split('\n')]) if (operator !== '') this.addContent(operator);
  };
}

/** How far right of x _fragment() starts an aligned line: by its width less its spaces at the end, or half of it. */
function alignedBy(doc: Doc, shown: string, align: 'left' | 'right' | 'center', options: Record<string, unknown>): number {
  if (!options.width || align === 'left') return 0;
  if (align === 'right') return (options.lineWidth as number) - doc.widthOfString(shown.replace(/\s+$/, ''), options);
  return (options.lineWidth as number) / 2 - (options.textWidth as number) / 2;
}

function rememberShapes(font: Font): void {
  font.layoutCached = function (this: Font, text: string) {
    const cache = shapesOf(this, this.document, '');
    let run = cache.get(text);
    if (run === undefined) {
      run = shapeWord(this.font, text, this.scale) ?? layoutRun(this, text);
      cache.set(text, run);
    }
    return run;
  };
}

/** pdfkit's EmbeddedFont.layoutRun() without features, learning the word's kerning (pdf-shape.ts) before it scales it. */
function layoutRun(font: Font, text: string): unknown {
  const run = font.font.layout(text);
  learn(font.font, text, run);
  for (let i = 0; i < run.positions.length; i++) {
    const position = run.positions[i] as unknown as Record<string, number>;
    for (const key in position) position[key] = (position[key] as number) * font.scale;
    position.advanceWidth = (run.glyphs[i] as { advanceWidth: number }).advanceWidth * font.scale;
  }
  return run;
}

/** How a line of plain text is aligned (left, right, centred), or undefined when an option makes pdfkit draw it another way. */
function plainAlign(options: Record<string, unknown>): 'left' | 'right' | 'center' | undefined {
  const { align, wordSpacing, characterSpacing, horizontalScaling, baseline, link, goTo, destination, underline, strike, oblique, fill, stroke, features } =
    options;
  if (align !== undefined && align !== 'left' && align !== 'right' && align !== 'center') return undefined;
  if (horizontalScaling !== undefined && horizontalScaling !== 100) return undefined;
  if (wordSpacing || characterSpacing || baseline != null || link || goTo || destination || underline || strike || oblique || fill || stroke || features)
    return undefined;
  return align ?? 'left';
}

/**
 * Draws one line with pdfkit, listening to what it writes: q, the page's flip, BT, the
 * position (Tm), the font, the glyphs, ET, Q. A line drawn another way (not at x, y, or with
 * glyphs the font moves, each with a position of its own) is not kept.
 */
export function drawAndKeep(document: object, x: number, y: number, draw: () => void): Line | false {
  const doc = document as Doc;
  const written: string[] = [];
  const addContent = doc.addContent;
  doc.addContent = (data: string) => {
    written.push(data);
    return addContent.call(doc, data);
  };
  listening = true;
  try {
    draw();
  } finally {
    listening = false;
    delete (doc as Partial<Doc>).addContent;
  }
  // pdfkit's baseline: the font's ascender below the top of the line.
  const dy = (doc._font.ascender / 1000) * doc._fontSize;
  if (written[3] !== position(x, doc.page.height - y - dy) || written.filter((data) => data.endsWith(' Tm')).length !== 1) return false;
  // As the page keeps them: each operator with its line break (pdf-content.ts).
  const operators = (part: string[]) => part.map((data) => `${data}\n`).join('');
  return { head: operators(written.slice(0, 3)), tail: operators(written.slice(4)), dy };
}

/** A position as pdfkit writes it in a content stream (numbers rounded to 6 decimals). */
export const position = (x: number, y: number) => `1 0 0 1 ${Math.round(x * 1e6) / 1e6} ${Math.round(y * 1e6) / 1e6} Tm`;
