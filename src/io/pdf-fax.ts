import type { Letter } from '../core/compose.js';
import type { FaxCover } from '../core/fax.js';
import type { LetterPdf } from './pdf.js';
import { type Doc, inch, mm, openDocument, type Paper } from './pdf-document.js';
import { FONT, FONT_SANS } from './pdf-fonts.js';
import { type BodyBox, bodyDrawer } from './pdf-letter.js';

/**
 * Letters laid out for a fax machine: black on white, no window-envelope head, text no smaller
 * than 11 pt (a fax scans at about 200 × 100 dots an inch: smaller print smudges), and nothing
 * within 20 mm of an edge (machines lose a few millimetres at each, more on the way out of a
 * roll). Each letter is one fax: its cover page, then the letter, every page footed with the
 * UA and "page 2/3" so a receiver can tell a fax that arrived whole.
 */
const MARGIN = mm(20);
/** The foot's line sits above the bottom margin; the body stops above it. */
const FOOT = mm(8);
const SIZE = 11;
const SIZES: Readonly<Record<Paper, readonly [number, number]>> = { a4: [mm(210), mm(297)], letter: [inch(8.5), inch(11)] };

/** One fax a letter, each from a new page: its cover, then the letter. */
export async function faxPdf(path: string, paper: Paper, title: string, coverOf: (letter: Letter) => FaxCover): Promise<LetterPdf> {
  const margins = { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOT };
  const { doc, end, drained } = await openDocument(path, SIZES[paper], margins, title);
  const body = bodyDrawer(doc, SIZES[paper][0] - 2 * MARGIN);
  return {
    async add(letter) {
      const cover = coverOf(letter);
      const first = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
      doc.addPage();
      doc.addPage();
      drawLetter(doc, body, letter);
      // The cover is drawn last: it says how many pages follow.
      const count = doc.bufferedPageRange().start + doc.bufferedPageRange().count - first;
      doc.switchToPage(first);
      drawCover(doc, cover, count);
      for (let page = 0; page < count; page++) foot(doc, first + page, `${cover.reference} — ${page + 1}/${count}`);
      doc.flushPages();
      await drained();
    },
    end,
  };
}

function drawLetter(doc: Doc, body: (letter: Letter, box: BodyBox) => void, letter: Letter): void {
  const { left, right, top, bottom } = doc.page.margins;
  const width = doc.page.width - left - right;
  doc.font(FONT).fontSize(SIZE);
  // The head as a fax shows it: the sender at the top right, the recipient's block at the left, the date.
  if (letter.sender.length > 0) doc.text(letter.sender.join('\n'), left, top, { width, align: 'right' });
  doc.moveDown(1);
  doc.text(letter.recipient.join('\n'), left, doc.y, { width: width * 0.6, lineGap: 1 });
  doc.moveDown(1);
  doc.text(letter.dateline, left, doc.y, { width, align: 'right' });
  doc.moveDown(1.2);
  body(letter, { left, width, bottom });
}

function drawCover(doc: Doc, cover: FaxCover, pages: number): void {
  const { left, right, top } = doc.page.margins;
  const width = doc.page.width - left - right;
  const labelWidth = mm(62);
  doc
    .font(FONT_SANS)
    .fontSize(28)
    .text(cover.heading, left, top + mm(10), { width, characterSpacing: 2 });
  doc.moveDown(0.3);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1.5)
    .stroke();
  let y = doc.y + mm(10);
  const rows = [...cover.rows.slice(0, 3), { label: cover.pages.label, value: cover.pages.value(pages) }, ...cover.rows.slice(3)];
  for (const { label, value } of rows) {
    doc
      .font(FONT_SANS)
      .fontSize(SIZE)
      .text(label, left, y, { width: labelWidth - mm(4) });
    const labelBottom = doc.y;
    doc
      .font(FONT)
      .fontSize(SIZE + 2)
      .text(value || ' ', left + labelWidth, y, { width: width - labelWidth });
    y = Math.max(doc.y, labelBottom) + mm(6);
  }
}

/** The line at the foot of a page, drawn below the body's margin (which is lifted while it is). */
function foot(doc: Doc, page: number, text: string): void {
  doc.switchToPage(page);
  const { left, right, bottom } = doc.page.margins;
  doc.page.margins.bottom = 0;
  doc
    .font(FONT_SANS)
    .fontSize(SIZE)
    .text(text, left, doc.page.height - MARGIN - SIZE * 1.2, { width: doc.page.width - left - right, align: 'center', lineBreak: false, ellipsis: true });
  doc.page.margins.bottom = bottom;
}

/** One fax as bytes, for an email to a fax gateway: laid out in a private temporary folder, read back, removed. */
export async function faxPdfBytes(letter: Letter, cover: FaxCover, paper: Paper, title: string): Promise<Buffer> {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const folder = mkdtempSync(join(tmpdir(), 'ua-fax-'));
  try {
    const path = join(folder, 'fax.pdf');
    const pdf = await faxPdf(path, paper, title, () => cover);
    await pdf.add(letter);
    await pdf.end();
    return readFileSync(path);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
