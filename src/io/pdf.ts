import type { Letter } from '../core/compose.js';
import type { Translate } from '../core/i18n.js';
import { type Doc, inch, mm, openDocument, type Paper } from './pdf-document.js';
import { FONT, FONT_SANS } from './pdf-fonts.js';
import { drawBody, fitted } from './pdf-letter.js';
import { paragraphSetter, type SetParagraph } from './pdf-paragraphs.js';

export type { Paper } from './pdf-document.js';

/** Where things go on each paper: the address sits in the window of the usual envelope. */
const PAPERS = {
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

/** Letters, each from a new page, streamed to a file: pages are flushed letter by letter. */
export interface LetterPdf {
  add(letter: Letter): Promise<void>;
  end(): Promise<void>;
}

export async function letterPdf(path: string, paper: Paper, title: string): Promise<LetterPdf> {
  const layout = PAPERS[paper];
  const { doc, end, drained } = await openDocument(path, layout.size, layout.margins, title);
  const paragraph = paragraphSetter(doc);
  return {
    async add(letter) {
      const first = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
      doc.addPage();
      drawLetter(doc, paragraph, letter, layout);
      numberPages(doc, first, letter);
      // Written out now: a pack of thousands of letters never sits in memory.
      doc.flushPages();
      await drained();
    },
    end,
  };
}

function drawLetter(doc: Doc, paragraph: SetParagraph, letter: Letter, layout: (typeof PAPERS)[Paper]): void {
  const { margins, window } = layout;
  const width = doc.page.width - margins.left - margins.right;
  // 1. The head: the sender, top right; a return line and the address in the window; the date.
  if (letter.sender.length > 0) {
    doc
      .font(FONT)
      .fontSize(9)
      .text(letter.sender.join('\n'), margins.left, margins.top - mm(5), { width, align: 'right' });
    const returnLine = [letter.sender[0], ...letter.sender.slice(1).filter((line) => !line.includes('@'))].join(' · ');
    doc.font(FONT_SANS).fontSize(6.5);
    // One line, cut to the window's width: a second line would run into the recipient's name.
    doc.text(fitted(doc, returnLine, window.width), window.x, window.y, { lineBreak: false });
  }
  doc
    .font(FONT)
    .fontSize(10)
    .text(letter.recipient.join('\n'), window.x, window.y + mm(5), { width: window.width, lineGap: 1 });
  doc.text(letter.dateline, margins.left, layout.date, { width, align: 'right' });
  // 2. The letter itself, and the closing with its signature (pdf-letter.ts).
  doc.moveDown(1.2);
  drawBody(doc, paragraph, letter, { left: margins.left, width, bottom: margins.bottom });
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

/** Sheets of address labels: A4 3×7 (70 × 42.3 mm) or US letter 3×10 (2⅝" × 1"), filled one by one. */
export interface Sheet<T> {
  add(item: T): Promise<void>;
  readonly count: number;
  end(): Promise<void>;
}

export async function labelSheets(t: Translate, path: string, paper: Paper): Promise<Sheet<string[]>> {
  const grid =
    paper === 'a4'
      ? {
          size: [mm(210), mm(297)] as const,
          columns: 3,
          rows: 7,
          width: mm(70),
          height: mm(42.3),
          left: 0,
          top: mm(0.45),
          pitch: mm(70),
          inset: mm(6),
          font: 9,
        }
      : {
          size: [inch(8.5), inch(11)] as const,
          columns: 3,
          rows: 10,
          width: inch(2.625),
          height: inch(1),
          left: inch(0.1875),
          top: inch(0.5),
          pitch: inch(2.75),
          inset: inch(0.12),
          font: 7.5,
        };
  const { doc, end, drained } = await openDocument(path, grid.size, { top: 0, left: 0, right: 0, bottom: 0 }, t('pdf.labelsTitle'));
  let count = 0;
  return {
    get count() {
      return count;
    },
    async add(address) {
      const slot = count % (grid.columns * grid.rows);
      if (slot === 0) {
        if (count > 0) doc.flushPages();
        doc.addPage();
      }
      const x = grid.left + (slot % grid.columns) * grid.pitch + grid.inset;
      const y = grid.top + Math.floor(slot / grid.columns) * grid.height + grid.inset;
      doc
        .font(FONT_SANS)
        .fontSize(grid.font)
        .text(address.join('\n'), x, y, { width: grid.width - 2 * grid.inset, height: grid.height - 2 * grid.inset, ellipsis: true });
      count++;
      await drained();
    },
    end,
  };
}

/** One envelope per letter: DL (220 × 110 mm), or US #10 with --paper letter. */
export async function envelopeSheets(t: Translate, path: string, paper: Paper): Promise<Sheet<{ to: string[]; from: string[] }>> {
  const size = paper === 'a4' ? ([mm(220), mm(110)] as const) : ([inch(9.5), inch(4.125)] as const);
  const { doc, end, drained } = await openDocument(path, size, { top: 0, left: 0, right: 0, bottom: 0 }, t('pdf.envelopesTitle'));
  let count = 0;
  return {
    get count() {
      return count;
    },
    async add(envelope) {
      if (count > 0) doc.flushPages();
      doc.addPage();
      if (envelope.from.length > 0)
        doc
          .font(FONT_SANS)
          .fontSize(8)
          .text(envelope.from.join('\n'), mm(10), mm(10), { width: mm(80) });
      doc
        .font(FONT)
        .fontSize(11)
        .text(envelope.to.join('\n'), size[0] / 2, size[1] / 2 - mm(5), { width: size[0] / 2 - mm(15) });
      count++;
      await drained();
    },
    end,
  };
}
