import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { composeLetters } from '../../src/core/compose.js';
import { letterPdf } from '../../src/io/pdf.js';
import { openDocument } from '../../src/io/pdf-document.js';
import { FONT } from '../../src/io/pdf-fonts.js';
import { blockDrawer } from '../../src/io/pdf-forms.js';
import { locale, TODAY_DAY, ua105 } from '../helpers/action.js';
import { tempFolders } from '../helpers/folders.js';
import { numberedPages, pdfLayoutText, pdfPages, qpdfCheck } from '../helpers/pdf.js';
import { t } from '../helpers/words.js';

const folder = tempFolders('pdf-measure');

type Measured = { widthOfString: (...args: unknown[]) => number };

describe('what a pack measures and writes', () => {
  it('measures a word once per font and size, not again in every text it comes back in (pdf-word-widths.ts)', async () => {
    const file = join(folder(), 'words.pdf');
    const { doc, end } = await openDocument(file, [595.28, 841.89], { top: 56, left: 71, right: 57, bottom: 51 }, 't');
    doc.addPage();
    doc.font(FONT).fontSize(10.5);
    const font = (doc as unknown as { _font: Measured })._font;
    const measured: unknown[] = [];
    const widthOfString = font.widthOfString;
    font.widthOfString = function (...args) {
      measured.push(args[0]);
      return widthOfString.apply(this, args);
    };
    doc.text('Dear Minister, I am writing to you about Ercilia Quispe of Juliaca.', { width: 300 });
    measured.length = 0;
    // A new text (another signer's): only its new word is measured.
    doc.text('Dear Minister, I am writing to you about Ercilia Quispe of Puno.', { width: 300 });
    expect(measured).toEqual(['Puno.']);
    await end();
    expect(pdfLayoutText(file)).toMatch(/Quispe\s+of\s+Puno\./);
  });

  it("gathers the pages' bytes and writes them 64 kB at a time, the whole document at the end (pdf-output.ts)", async () => {
    const file = join(folder(), 'pages.pdf');
    const { end } = await numberedPages(file, 20);
    // Twenty flushed pages, each a dictionary and a deflated stream, are less than a write's worth.
    expect(statSync(file).size).toBe(0);
    await end();
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
    expect(pdfPages(file)).toBe(20);
  });

  it("sets a signer's signature once and draws it again in their letter to the next official", async () => {
    const file = join(folder(), 'pack.pdf');
    const action = ua105();
    const sender = { name: 'Zoë Quispe-Núñez', city: 'Puno', country: 'Perú' };
    const letters = composeLetters({ t, action, lang: 'es', targets: action.targets, sender, today: TODAY_DAY, locale: locale('es') });
    expect(letters).toHaveLength(2);
    const pdf = await letterPdf(file, 'a4', 'UA 105.22');
    const { default: PDFDocument } = await import('pdfkit');
    const internal = PDFDocument.prototype as unknown as { _text: (value: unknown, ...rest: unknown[]) => unknown };
    const setText = internal._text;
    const set: unknown[] = [];
    internal._text = function (value, ...rest) {
      set.push(value);
      return setText.call(this, value, ...rest);
    };
    try {
      for (const letter of letters) await pdf.add(letter);
    } finally {
      internal._text = setText;
    }
    await pdf.end();
    expect(set.filter((value) => value === sender.name)).toHaveLength(1);
    expect(
      pdfLayoutText(file)
        .split('\f')
        .filter((page) => page.includes(sender.name)),
    ).toHaveLength(2);
  });

  it("names a block's place and options once, not for every block drawn there (pdf-forms.ts)", async () => {
    const file = join(folder(), 'blocks.pdf');
    const { doc, end } = await openDocument(file, [300, 200], { top: 20, left: 20, right: 20, bottom: 20 }, 'blocks');
    const block = blockDrawer(doc);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      for (let i = 1; i <= 10; i++) {
        doc.addPage();
        doc.font(FONT).fontSize(9);
        // Each call's options a new object, as a letter's are.
        block(`Signer ${i}\nLeeds`, 20, 20, { width: 120, align: 'right' });
        block('Oswaldo de Rivero\nAmbassador', 20, 90, { width: 200 });
      }
      expect(stringify).toHaveBeenCalledTimes(2);
      // Other options are another place.
      block('Oswaldo de Rivero\nAmbassador', 20, 90, { width: 150 });
      expect(stringify).toHaveBeenCalledTimes(3);
    } finally {
      stringify.mockRestore();
    }
    await end();
    const pages = pdfLayoutText(file).split('\f');
    expect(pages[9]).toMatch(/Signer 10/);
    expect(pages[9]).toMatch(/Oswaldo de Rivero/);
  });
});
