import { memos } from './letter-memo.js';
import { contentMark, contentSince, writeOperators } from './pdf-content.js';

/**
 * Form XObjects: what a print pack draws again and again (a letter's body, an official's
 * address) is written once into the PDF as a form, and every page that shows it paints it by
 * name ("/Fm12 Do"). A pack of 2,000 letters then holds each paragraph of a (target, language)
 * body once, not 1,000 times: a third of the size, and a page costs pdfkit, zlib and the
 * garbage collector only what differs from the next one.
 *
 * pdfkit 0.17 has no API for forms, but it has what one needs, and uses it itself for images
 * and gradients: `doc.ref(dictionary)` makes an indirect object that `end(content)` writes
 * (deflated, with its /Length) and the cross-reference table lists; a page's resources take
 * it under `page.xobjects`, as `doc.image()` does; `page.write()` adds to the page's content.
 * A form's content is exactly what pdfkit wrote for those lines on the page (a form is drawn
 * in the coordinates of the page that paints it, here pdfkit's flipped ones, which each line
 * undoes as pdfkit does), so a viewer, a printer or pdftotext finds the same glyphs at the same
 * points. Its resources name its font, so it reads the same on any page.
 */

interface Reference {
  id: number;
  end(chunk?: Uint8Array): void;
}

interface Font {
  id: string;
  ref(): unknown;
}

/** The pdfkit internals used here. */
interface Doc {
  x: number;
  y: number;
  _font: Font;
  _fontSize: number;
  page: {
    width: number;
    height: number;
    fonts: Record<string, unknown>;
    xobjects: Record<string, unknown>;
    write(chunk: string | Uint8Array): void;
  };
  ref(data: object): Reference;
}

export interface Form {
  name: string;
  ref: Reference;
}

/** Writes `content`, drawn in `font`, into the document as a form. */
export function makeForm(document: object, content: string, font: Font): Form {
  const doc = document as Doc;
  const { width, height } = doc.page;
  const ref = doc.ref({
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    // A form is clipped to its box: this one holds the whole page, wherever it is painted.
    BBox: [-width, -height, 2 * width, 2 * height],
    Resources: { Font: { [font.id]: font.ref() } },
  });
  ref.end(Buffer.from(content, 'latin1'));
  return { name: `Fm${ref.id}`, ref };
}

/** Paints the form on the current page. */
export function paintForm(document: object, form: Form): void {
  const doc = document as Doc;
  doc.page.xobjects[form.name] ??= form.ref;
  // The operator that paints a named XObject (PDF 32000-1 §8.8).
  const paint = `/${form.name} Do`;
  doc.page.write(paint);
}

/** What a block needs to be painted again: its operators as pdfkit wrote them (until its form is made), and where it left the cursor. */
interface Block {
  operators: string;
  form?: Form;
  /** How often it was drawn again. */
  again: number;
  font: Font;
  after: { x: number; y: number };
}

/** Draws `text` at a place of its own on the page, as doc.text(text, x, y, options) does. */
export type DrawBlock = (text: string, x: number, y: number, options: object) => void;

/**
 * Texts drawn at a fixed place, the same letter after letter (the address in the window, on
 * the envelope, the dateline): pdfkit draws a text the first time, and what it wrote is kept
 * and written again, then made a form (see FORM_AFTER) and painted from then on. A text is kept as LetterMemo keeps
 * it (a signer's own block goes with their letters). Only a block that pdfkit wrote as plain
 * text, on one page, is kept: anything else is drawn by pdfkit every time.
 */
export function blockDrawer(document: PDFKit.PDFDocument): DrawBlock {
  const doc = document as unknown as Doc;
  const kept = memos<Block | false>(256);
  const places: Place[] = [];
  return (text, x, y, options) => {
    const memo = kept(doc, doc, placeKey(places, doc, x, y, options as Record<string, unknown>));
    const block = memo.get(text);
    if (block === undefined)
      memo.set(
        text,
        drawAndKeep(doc, () => document.text(text, x, y, options)),
      );
    else if (block === false) document.text(text, x, y, options);
    else {
      block.again++;
      if (block.form || block.again >= FORM_AFTER) {
        block.form ??= makeForm(doc, block.operators, block.font);
        block.operators = '';
        paintForm(doc, block.form);
      } else {
        doc.page.fonts[block.font.id] ??= block.font.ref();
        writeOperators(doc.page, block.operators);
      }
      doc.x = block.after.x;
      doc.y = block.after.y;
    }
  };
}

/** Where a document draws its blocks (a few places: the sender's, the window, the dateline…), and the memo's key for each. */
interface Place {
  font: string;
  size: number;
  height: number;
  x: number;
  y: number;
  options: Record<string, unknown>;
  count: number;
  key: string;
}

/**
 * The memo key of a block's font, size, page, place and options: found again among the places
 * drawn at lately, the same string each time (a map finds a string it has hashed before at
 * once), not made and stringified for every block of every letter.
 */
function placeKey(places: Place[], doc: Doc, x: number, y: number, options: Record<string, unknown>): string {
  const font = doc._font.id;
  const size = doc._fontSize;
  const height = doc.page.height;
  for (const place of places)
    if (place.font === font && place.size === size && place.height === height && place.x === x && place.y === y && sameOptions(place, options))
      return place.key;
  const key = `${font} ${size} ${height} ${x} ${y} ${JSON.stringify(options)}`;
  places.unshift({ font, size, height, x, y, options: { ...options }, count: Object.keys(options).length, key });
  if (places.length > PLACES) places.pop();
  return key;
}

/** A letter, an envelope, a sheet of labels draws at a handful of places. */
const PLACES = 8;

function sameOptions(place: Place, options: Record<string, unknown>): boolean {
  let count = 0;
  for (const name in options) {
    const value = options[name];
    // An object among the options could have changed since: its JSON is made again.
    if (!Object.hasOwn(options, name) || (typeof value === 'object' && value !== null) || place.options[name] !== value) return false;
    count++;
  }
  return count === place.count;
}

function drawAndKeep(doc: Doc, draw: () => void): Block | false {
  const page = doc.page;
  const font = doc._font;
  const start = contentMark(page);
  draw();
  if (doc.page !== page || doc._font !== font) return false;
  const operators = contentSince(page, start).join('');
  // Text and nothing else: a form's resources name its one font.
  if (!TEXT_ONLY.test(operators)) return false;
  return { operators, font, after: { x: doc.x, y: doc.y }, again: 0 };
}

/**
 * A form costs an object of its own, and its own deflated stream: a text drawn twice (a
 * signer's sender block, in their letters to two officials) is written again as it was, and
 * only a text that comes back a third time becomes a form.
 */
export const FORM_AFTER = 2;

/** The operators pdfkit writes for a line of text (see pdf-layout-cache.ts), one to a line. */
const TEXT_ONLY = /^(?:(?:q|Q|BT|ET|(?:-?[\d.]+ ){6}(?:cm|Tm)|\/\w+ [\d.]+ Tf|\[[^\]\n]*\] TJ)\n)+$/;
