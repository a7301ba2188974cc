import { memos } from './letter-memo.js';
import { writeOperators } from './pdf-content.js';
import { FORM_AFTER, type Form, makeForm, paintForm } from './pdf-forms.js';
import { drawAndKeep, type Line, position } from './pdf-layout-cache.js';
import { float32Below } from './pdf-plain-text.js';

/**
 * Most of a print pack is the same paragraphs again and again: the body of each (target,
 * language) letter, for every signer. pdfkit breaks a paragraph into lines word by word and
 * turns each line into glyphs, every time (60% of a pack's time went there). Here a document
 * sets a paragraph with pdfkit once, keeping each line as pdfkit drew it, and draws the same
 * paragraph again (same text, font, size and width) from those lines: only where each line
 * goes is worked out anew, the way pdfkit's LineWrapper does it, so a paragraph that runs
 * over the bottom margin still continues on the next page at the same line.
 *
 * A signer's own paragraph (the intro, a note) is set by pdfkit like any other, held for
 * their next letter, then forgotten (see LetterMemo). This uses pdfkit internals (_text,
 * _line, addContent; pdfkit is pinned): a paragraph is kept only if pdfkit placed its lines
 * where the replay would, and test/io/pdf.test.ts checks a pack against its letters set one
 * by one.
 */

export interface ParagraphOptions {
  width: number;
  lineGap?: number;
  paragraphGap?: number;
}

interface Page {
  height: number;
  margins: { top: number };
  fonts: Record<string, unknown>;
  maxY(): number;
  write(chunk: string | Uint8Array): void;
}

/** The pdfkit internals used here. */
interface Doc {
  x: number;
  y: number;
  page: Page;
  _font: { id: string; ascender: number; ref(): unknown };
  _fontSize: number;
  _lineGap: number;
  _fillColor?: [unknown, unknown];
  _wrapper: unknown;
  _textOptions: unknown;
  currentLineHeight(includeGap: boolean): number;
  continueOnNewPage(): void;
  fillColor(color: unknown, opacity: unknown): void;
  addContent(data: string): Doc;
  _line(text: string, options: object, wrapper: unknown): void;
  text(text: string, options: object): Doc;
  /** doc.text(), with a function that draws each line; the options go where x would. */
  _text(text: string, options: object, y: undefined, unused: undefined, line: (text: string, options: object, wrapper: unknown) => void): void;
}

/** Where pdfkit puts a paragraph's lines: on which page after the first, at what height. */
interface Flow {
  at: { page: number; y: number }[];
  end: { page: number; y: number };
}

export type SetParagraph = (text: string, options: ParagraphOptions) => void;

/** A paragraph as pdfkit set it: its lines, and the forms made of them, by where they fell. */
interface Kept {
  lines: Line[];
  forms: Map<string, Form>;
  /** How often it was drawn again. */
  again: number;
}

/** What a document uses to set its paragraphs: doc.text(text, options), remembered. */
export function paragraphSetter(document: PDFKit.PDFDocument): SetParagraph {
  const doc = document as unknown as Doc;
  const memo = memos<Kept | false>(512);
  return (text, options) => {
    const kept = memo(doc, doc, `${doc._font.id} ${doc._fontSize} ${doc.page.height} ${options.width}`);
    // A text continued from an earlier call (`continued: true`) is pdfkit's alone.
    const paragraph = doc._wrapper || doc._textOptions ? false : kept.get(text);
    if (paragraph) replay(doc, paragraph, options);
    else if (paragraph === false) doc.text(text, options);
    else kept.set(text, setAndKeep(doc, text, options));
  };
}

/**
 * The paragraph, set by pdfkit, listening to each line it draws. Kept only when it can be
 * drawn again: no line breaks in the text (pdfkit treats the lines before them differently),
 * every word where pdfkit put it (no word cut or hyphenated), the lines drawn the plain way,
 * and placed where flow() says.
 */
function setAndKeep(doc: Doc, text: string, options: ParagraphOptions): Kept | false {
  const start = { page: doc.page, y: doc.y, x: doc.x };
  const pages = [doc.page];
  const placed: { page: number; y: number }[] = [];
  const drawn: (Line | false)[] = [];
  const texts: string[] = [];
  doc._text(text, { ...options }, undefined, undefined, (line, lineOptions, wrapper) => {
    if (doc.page !== pages.at(-1)) pages.push(doc.page);
    placed.push({ page: pages.length - 1, y: doc.y });
    texts.push(line);
    drawn.push(drawAndKeep(doc, start.x, doc.y, () => doc._line(line, lineOptions, wrapper)));
  });
  if (doc.page !== pages.at(-1)) pages.push(doc.page);
  if (MANDATORY_BREAK.test(text) || texts.join('') !== text) return false;
  const lines = drawn.filter((line): line is Line => line !== false);
  if (lines.length !== drawn.length || lines.length === 0) return false;
  const expected = flow(doc, start.y, start.page, lines.length, options);
  const same = expected.at.every((at, i) => at.page === placed[i]?.page && at.y === placed[i]?.y);
  return same && expected.end.page === pages.length - 1 && expected.end.y === doc.y ? { lines, forms: new Map(), again: 0 } : false;
}

/** The characters after which Unicode requires a line break (LineBreaker's BK, CR, LF, NL). */
const MANDATORY_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;

/**
 * The lines again, where pdfkit's LineWrapper would put them now. Once a paragraph comes back
 * (FORM_AFTER), the lines of each page are one form (pdf-forms.ts), made the first time they
 * fall at that place and painted from then on. The body of a (target, language) letter falls at a few places only (its introduction,
 * the signer's own, runs one line longer or shorter): past MAX_PLACES, a paragraph that moves
 * with every letter is drawn line by line, as pdfkit would.
 */
function replay(doc: Doc, kept: Kept, options: ParagraphOptions): void {
  const { at, end } = flow(doc, doc.y, doc.page, kept.lines.length, options);
  const x = doc.x;
  kept.again++;
  let page = 0;
  for (let first = 0; first < at.length; ) {
    const onPage = (at[first] as { page: number }).page;
    let last = first + 1;
    while (last < at.length && at[last]?.page === onPage) last++;
    // As LineWrapper.nextSection() does: a new page like this one, the text where it was.
    if (onPage > page) {
      page = onPage;
      doc.continueOnNewPage();
      doc.x = x;
      if (doc._fillColor) doc.fillColor(...doc._fillColor);
    }
    paintLines(doc, kept, { first, last, x }, at);
    first = last;
  }
  doc.y = end.y;
}

const MAX_PLACES = 16;

/** Lines `first` to `last` (not included) of a paragraph, on the current page, at their places. */
function paintLines(doc: Doc, kept: Kept, { first, last, x }: { first: number; last: number; x: number }, at: Flow['at']): void {
  const place = `${first} ${last} ${x} ${at[first]?.y}`;
  let form = kept.forms.get(place);
  if (!form && kept.again >= FORM_AFTER && kept.forms.size < MAX_PLACES) {
    let content = '';
    for (let i = first; i < last; i++) content += drawn(doc, kept.lines[i] as Line, x, (at[i] as { y: number }).y);
    form = makeForm(doc, content, doc._font);
    kept.forms.set(place, form);
  }
  if (form) paintForm(doc, form);
  else {
    if (doc.page.fonts[doc._font.id] == null) doc.page.fonts[doc._font.id] = doc._font.ref();
    for (let i = first; i < last; i++) writeOperators(doc.page, drawn(doc, kept.lines[i] as Line, x, (at[i] as { y: number }).y));
  }
}

/** A line as pdfkit writes it at (x, y). */
const drawn = (doc: Doc, line: Line, x: number, y: number): string => `${line.head}${position(x, doc.page.height - y - line.dy)}\n${line.tail}`;

/**
 * Where pdfkit's LineWrapper.wrap() puts `count` lines from `y`: on a new page if the first
 * would not fit; each line one line height (and the line gap) below the last; a new page when
 * the next would cross the bottom margin, checked after every line but the last; the
 * paragraph gap after the last. The first page's limit is rounded as pdfkit rounds it.
 */
function flow(doc: Doc, y: number, page: Page, count: number, options: ParagraphOptions): Flow {
  const height = doc.currentLineHeight(true);
  const gap = options.lineGap || doc._lineGap || 0;
  let limit = float32Below(page.maxY());
  let onPage = 0;
  const newPage = () => {
    onPage++;
    y = page.margins.top;
    limit = page.maxY();
  };
  if (y > limit || y + height > limit) newPage();
  const at: Flow['at'] = [];
  for (let i = 0; i < count; i++) {
    at.push({ page: onPage, y });
    y += height + gap;
    if (i === count - 1) y += options.paragraphGap || 0;
    else if (float32Below(y + height) > limit) newPage();
  }
  return { at, end: { page: onPage, y } };
}
