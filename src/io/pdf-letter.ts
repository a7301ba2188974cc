import type { Letter } from '../core/compose.js';
import { type LetterMemo, memos } from './letter-memo.js';
import { type Doc, inch, mm, type Paper } from './pdf-document.js';
import { FONT, FONT_SANS } from './pdf-fonts.js';
import { blockDrawer, type DrawBlock } from './pdf-forms.js';
import { paragraphSetter, type SetParagraph } from './pdf-paragraphs.js';

/** Where things go on each paper: the address sits in the window of the usual envelope. */
export const PAPERS = {
  // DIN 5008 form B: address field 20 mm from the left, 45 mm from the top (5 mm return line, then the address), for DL/C5 windows.
  a4: {
    size: [mm(210), mm(297)],
    margins: { top: mm(20), left: mm(25), right: mm(20), bottom: mm(18) },
    window: { x: mm(25), y: mm(45), width: mm(80) },
    date: mm(90),
  },
  // A #10 window envelope: the window starts 7/8" from the left and about 2" from the top.
  letter: {
    size: [inch(8.5), inch(11)],
    margins: { top: inch(0.75), left: inch(1), right: inch(0.75), bottom: inch(0.85) },
    window: { x: inch(1), y: inch(1.85), width: inch(3.4) },
    date: inch(3.45),
  },
} as const;

type Layout = (typeof PAPERS)[Paper];

/**
 * What draws a document's letters, one at a time, each from a new page: its paragraphs
 * (pdf-paragraphs.ts) and blocks (pdf-forms.ts) are set once and drawn again letter after
 * letter, and what the head measures is remembered the same way.
 */
export function letterDrawer(doc: Doc, layout: Layout): (letter: Letter) => void {
  const fittedLines = memos<string>(64);
  const heights = memos<number>(64);
  const { window } = layout;
  // The width drawLetter sets the body across (its pages are this size).
  const width = layout.size[0] - layout.margins.left - layout.margins.right;
  const draw: Drawing = {
    doc,
    layout,
    paragraph: paragraphSetter(doc),
    block: blockDrawer(doc),
    // A signer's return line comes back in their next letter; a closing in every letter of its language.
    returnLine: remembered(fittedLines(doc, doc, 'returnLine'), (line) => fitted(doc, line, window.width)),
    closingHeight: remembered(heights(doc, doc, 'closing'), (closing) => doc.heightOfString(closing, { width })),
  };
  return (letter) => {
    const first = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
    doc.addPage();
    drawLetter(draw, letter);
    numberPages(doc, first, letter);
  };
}

interface Drawing {
  doc: Doc;
  layout: Layout;
  paragraph: SetParagraph;
  block: DrawBlock;
  /** The return line, cut to the window (in the return line's font). */
  returnLine: (line: string) => string;
  /** How tall the closing is, set across the page (in the body's font). */
  closingHeight: (closing: string) => number;
}

function remembered<T>(memo: LetterMemo<T>, measure: (text: string) => T): (text: string) => T {
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const value = measure(text);
    memo.set(text, value);
    return value;
  };
}

function drawLetter({ doc, layout, paragraph, block, returnLine, closingHeight }: Drawing, letter: Letter): void {
  const { margins, window } = layout;
  const width = doc.page.width - margins.left - margins.right;
  // 1. The head: the sender, top right; a return line and the address in the window; the date.
  // Each is a block at its place (pdf-forms.ts): the sender's come back in their next letter,
  // the official's address and a city's dateline in many.
  if (letter.sender.length > 0) {
    doc.font(FONT).fontSize(9);
    block(letter.sender.join('\n'), margins.left, margins.top - mm(5), { width, align: 'right' });
    const line = [letter.sender[0], ...letter.sender.slice(1).filter((part) => !part.includes('@'))].join(' · ');
    doc.font(FONT_SANS).fontSize(6.5);
    // One line, cut to the window's width: a second line would run into the recipient's name.
    block(returnLine(line), window.x, window.y, { lineBreak: false });
  }
  doc.font(FONT).fontSize(10);
  block(letter.recipient.join('\n'), window.x, window.y + mm(5), { width: window.width, lineGap: 1 });
  block(letter.dateline, margins.left, layout.date, { width, align: 'right' });
  doc.moveDown(1.2);
  drawBody({ doc, paragraph, closingHeight }, letter, { left: margins.left, width, bottom: margins.bottom });
}

/** Where the body goes on the page: its left edge, its width, and the margin it stops at. */
export interface BodyBox {
  left: number;
  width: number;
  bottom: number;
}

/**
 * What draws a letter's body, salutation to signature, for a layout of its own (pdf-fax.ts):
 * the same paragraphs, closing and blanks as the print layout, in the document's current font.
 */
export function bodyDrawer(doc: Doc, width: number): (letter: Letter, box: BodyBox) => void {
  const heights = memos<number>(64);
  const closingHeight = remembered(heights(doc, doc, 'faxClosing'), (closing) => doc.heightOfString(closing, { width }));
  const paragraph = paragraphSetter(doc);
  return (letter, box) => drawBody({ doc, paragraph, closingHeight }, letter, box);
}

/**
 * The letter itself, from where the head left off: each paragraph set once per document and
 * drawn again for every letter it is in (pdf-paragraphs.ts); a new page where the text reaches
 * the bottom margin.
 */
function drawBody({ doc, paragraph, closingHeight }: Pick<Drawing, 'doc' | 'paragraph' | 'closingHeight'>, letter: Letter, box: BodyBox): void {
  const { left, width, bottom } = box;
  doc.x = left;
  paragraph(letter.salutation, { width });
  doc.moveDown(0.8);
  for (const text of letter.paragraphs) paragraph(text, { width, paragraphGap: 6, lineGap: 1 });
  // 3. The closing stays with the signature (or a walk-in's blanks): a new page rather than a lone name.
  const signOff = letter.blanks.length > 0 ? mm(22) + (letter.blanks.length - 1) * BLANK_PITCH : mm(24);
  if (doc.y + closingHeight(letter.closing) + signOff > doc.page.height - bottom) doc.addPage();
  doc.moveDown(0.5);
  paragraph(letter.closing, { width });
  doc.moveDown(3);
  // Set once for a signer's letters to two officials, drawn again in the second (pdf-paragraphs.ts).
  if (letter.signature.length > 0) paragraph(letter.signature.join('\n'), { width });
  drawBlanks(doc, letter.blanks, left);
}

/** From one line left blank to the next: room for a hand to write on. */
const BLANK_PITCH = mm(11);

/** An unsigned copy's lines for a walk-in (signature, name, address), each caption in small print under its line. */
function drawBlanks(doc: Doc, blanks: readonly string[], left: number): void {
  const top = doc.y;
  for (const [index, caption] of blanks.entries()) {
    const y = top + index * BLANK_PITCH;
    doc
      .moveTo(left, y)
      .lineTo(left + mm(100), y)
      .lineWidth(0.5)
      .stroke();
    doc
      .font(FONT_SANS)
      .fontSize(7)
      .text(caption || ' ', left, y + mm(1), { width: mm(100), lineBreak: false });
  }
}

/** The text, cut with an ellipsis where it would be wider than `width` in the current font. */
function fitted(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (doc.widthOfString(`${chars.slice(0, middle).join('').trimEnd()}…`) <= width) low = middle;
    else high = middle - 1;
  }
  return `${chars.slice(0, low).join('').trimEnd()}…`;
}

/** "1/2" at the foot of each page of a letter that runs long. */
function numberPages(doc: Doc, first: number, letter: Letter): void {
  const range = doc.bufferedPageRange();
  const count = range.start + range.count - first;
  if (count < 2) return;
  for (let i = 0; i < count; i++) {
    doc.switchToPage(first + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT_SANS)
      .fontSize(8)
      .text(`${letter.recipient[0] ?? ''} — ${i + 1}/${count}`, doc.page.margins.left, doc.page.height - mm(12), {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
