import type { Letter } from '../core/compose.js';
import { type Doc, mm } from './pdf-document.js';
import { FONT_SANS } from './pdf-fonts.js';
import type { SetParagraph } from './pdf-paragraphs.js';

/** Where the body goes on the page: its left edge, its width, and the margin it stops at. */
export interface BodyBox {
  left: number;
  width: number;
  bottom: number;
}

/**
 * A letter from its salutation to its signature, in the current font and size, from where the
 * head (the print layout's window, or a fax's plain block) left off. Each paragraph is set once
 * per document and drawn again for every letter it is in (pdf-paragraphs.ts); a new page where
 * the text reaches the bottom margin.
 */
export function drawBody(doc: Doc, paragraph: SetParagraph, letter: Letter, { left, width, bottom }: BodyBox): void {
  doc.x = left;
  paragraph(letter.salutation, { width });
  doc.moveDown(0.8);
  for (const text of letter.paragraphs) paragraph(text, { width, paragraphGap: 6, lineGap: 1 });
  // The closing stays with the signature (or a walk-in's blanks): a new page rather than a lone name.
  const signOff = letter.blanks.length > 0 ? mm(22) + (letter.blanks.length - 1) * BLANK_PITCH : mm(24);
  const closingHeight = doc.heightOfString(letter.closing, { width }) + signOff;
  if (doc.y + closingHeight > doc.page.height - bottom) doc.addPage();
  doc.moveDown(0.5);
  paragraph(letter.closing, { width });
  doc.moveDown(3);
  if (letter.signature.length > 0) doc.text(letter.signature.join('\n'), { width });
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
export function fitted(doc: Doc, text: string, width: number): string {
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
