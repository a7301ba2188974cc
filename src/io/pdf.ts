import type { Letter } from '../core/compose.js';
import type { Translate } from '../core/i18n.js';
import { inch, mm, openDocument, type Paper } from './pdf-document.js';
import { FONT, FONT_SANS } from './pdf-fonts.js';
import { blockDrawer } from './pdf-forms.js';
import { letterDrawer, PAPERS } from './pdf-letter.js';

export type { Paper } from './pdf-document.js';

/** Letters, each from a new page, streamed to a file: pages are flushed letter by letter. */
export interface LetterPdf {
  add(letter: Letter): Promise<void>;
  end(): Promise<void>;
}

export async function letterPdf(path: string, paper: Paper, title: string): Promise<LetterPdf> {
  const layout = PAPERS[paper];
  const { doc, end, drained } = await openDocument(path, layout.size, layout.margins, title);
  const draw = letterDrawer(doc, layout);
  return {
    async add(letter) {
      draw(letter);
      // Flushed now, and written 64 kB at a time: a pack of thousands of letters never sits in memory.
      doc.flushPages();
      await drained();
    },
    end,
  };
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
  const block = blockDrawer(doc);
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
      // An address comes back in the same place on sheet after sheet: drawn once, then painted.
      doc.font(FONT_SANS).fontSize(grid.font);
      block(address.join('\n'), x, y, { width: grid.width - 2 * grid.inset, height: grid.height - 2 * grid.inset, ellipsis: true });
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
  const block = blockDrawer(doc);
  let count = 0;
  return {
    get count() {
      return count;
    },
    async add(envelope) {
      if (count > 0) doc.flushPages();
      doc.addPage();
      // The signer's return address comes back on their next envelope: a block too.
      if (envelope.from.length > 0) {
        doc.font(FONT_SANS).fontSize(8);
        block(envelope.from.join('\n'), mm(10), mm(10), { width: mm(80) });
      }
      // The official's address, the same on every envelope to them: drawn once, then painted (pdf-forms.ts).
      doc.font(FONT).fontSize(11);
      block(envelope.to.join('\n'), size[0] / 2, size[1] / 2 - mm(5), { width: size[0] / 2 - mm(15) });
      count++;
      await drained();
    },
    end,
  };
}
