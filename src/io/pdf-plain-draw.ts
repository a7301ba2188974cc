import { type PlainDoc, type PlainOptions, plainLines } from './pdf-plain-text.js';

/** The pdfkit internals used here, besides pdf-plain-text.ts's. */
interface Doc extends PlainDoc {
  /** doc.text() calls it with the document's own _line(); pdf-paragraphs.ts with a listener of its own. */
  _text(text: unknown, x: unknown, y: unknown, options: unknown, lineCallback: LineCallback): Doc;
  _initOptions(x: unknown, y: unknown, options: unknown): Options;
}

type Options = PlainOptions & Record<string, unknown>;
type LineCallback = (line: string, options: Options, wrapper: object) => void;

let installed = false;

/**
 * Teaches pdfkit's _text() the plain case (pdf-plain-text.ts), once per process, for every
 * document: the lines are found here, and handed to the same callback LineWrapper hands them
 * to (the document's _line(), or pdf-paragraphs.ts's), with the same options, in the same
 * order, the document's place moving as it would. Anything else, pdfkit sets as before.
 */
export function setPlainText(PDFDocument: { LineWrapper: { prototype: object }; prototype: Doc }): void {
  if (installed) return;
  installed = true;
  const setText = PDFDocument.prototype._text;
  const { LineWrapper } = PDFDocument;
  PDFDocument.prototype._text = function (this: Doc, value, x, y, options, lineCallback) {
    if (typeof value !== 'string' || this._wrapper || this._textOptions) return setText.call(this, value, x, y, options, lineCallback);
    // As pdfkit's _text() begins: the options completed, the place taken (it does it again, the same, if it sets the text).
    const settings = this._initOptions(x, y, options);
    const plain = plainOptions(settings) && plainLines(LineWrapper, this, value, settings);
    if (!plain) return setText.call(this, value, x, y, options, lineCallback);
    const startX = this.x;
    this._wrapper = null;
    this._textOptions = null;
    for (const line of plain.lines) {
      // What LineWrapper's emitLine() sets before each line (no word spacing).
      settings.textWidth = line.width + 0 * (line.words - 1);
      settings.wordCount = line.words;
      settings.lineWidth = plain.lineWidth;
      lineCallback(line.text, settings, WRAPPER);
      // LineWrapper's lastLine listener: the paragraph gap, after the line.
      if (line.last) this.y += settings.paragraphGap || 0;
    }
    this.x = startX;
    return this;
  };
}

/** What a line's callback is handed as the wrapper: _line() only asks whether there is one. */
const WRAPPER = Object.freeze({});

/** Options as _initOptions() completes them, that draw nothing but the text; ellipsis means nothing without a height. */
const PLAIN = new Set(['width', 'align', 'lineGap', 'paragraphGap', 'lineBreak', 'ellipsis', 'columns', 'columnGap', 'rotation']);

function plainOptions(options: Options): boolean {
  for (const key in options) if (options[key] !== undefined && !PLAIN.has(key)) return false;
  const { width, align, rotation, columns } = options;
  if (align !== undefined && align !== 'left' && align !== 'right' && align !== 'center') return false;
  return typeof width === 'number' && width > 0 && rotation === 0 && (columns ?? 0) <= 1;
}
