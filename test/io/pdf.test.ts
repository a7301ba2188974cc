import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeLetters, type Letter } from '../../src/core/compose.js';
import { envelopeSheets, labelSheets, letterPdf } from '../../src/io/pdf.js';
import { openDocument } from '../../src/io/pdf-document.js';
import { paragraphSetter } from '../../src/io/pdf-paragraphs.js';
import { locale, TODAY_DAY, ua105 } from '../helpers/action.js';
import { numberedPages, pdfLayoutText, pdfPages, pdfWordBoxes, qpdfCheck } from '../helpers/pdf.js';
import { t } from '../helpers/words.js';

const folder = () => mkdtempSync(join(tmpdir(), 'ua-pdf-'));

const letters = (lang: string, sender: Parameters<typeof composeLetters>[0]['sender']) => {
  const action = ua105();
  return composeLetters({ t, action, lang, targets: action.targets, sender, today: TODAY_DAY, locale: locale(lang) });
};

describe('PDF letters', () => {
  it('writes valid PDFs whose text reads back, accents and all, each letter from a new page', async () => {
    const file = join(folder(), 'pack.pdf');
    const pdf = await letterPdf(file, 'a4', 'UA 105.22');
    for (const letter of letters('es', { name: 'Łukasz Wróbel', city: 'Kraków', country: 'Polska', about: '¿Zoë Müller? «Juliaca» Ærø' }))
      await pdf.add(letter);
    await pdf.end();
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
    expect(pdfPages(file)).toBe(2);
    const content = pdfLayoutText(file);
    for (const words of [
      'Łukasz Wróbel',
      'Señora Presidenta:',
      'Excelentísimo Señor Embajador:',
      '¿Zoë Müller? «Juliaca» Ærø',
      'Kraków, 28 de noviembre de 2026',
    ])
      expect(content).toContain(words);
  });

  it('numbers the pages of a letter that runs long', async () => {
    const file = join(folder(), 'long.pdf');
    const pdf = await letterPdf(file, 'letter', 'long');
    const note = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1}: ${'a long personal thought about the case '.repeat(8)}`).join('\n\n');
    const [long] = letters('en', { name: 'Ana', city: 'Leeds', country: 'UK', note });
    if (long) await pdf.add(long);
    await pdf.end();
    const count = pdfPages(file);
    expect(count).toBeGreaterThan(1);
    const footers = pdfLayoutText(file).match(/Dina Ercilia Boluarte Zegarra — \d\/\d/g);
    expect(footers).toEqual(Array.from({ length: count }, (_, i) => `Dina Ercilia Boluarte Zegarra — ${i + 1}/${count}`));
  });

  it('an unsigned copy has no sender block and a line to sign on', async () => {
    const file = join(folder(), 'copy.pdf');
    const pdf = await letterPdf(file, 'a4', 'copy');
    const [copy] = letters('fr', null);
    if (copy) await pdf.add(copy);
    await pdf.end();
    const content = pdfLayoutText(file);
    expect(content).toContain('Madame la Présidente,');
    expect(content).not.toContain('Je m’appelle');
    expect(content).not.toContain("Je m'appelle");
  });

  it('labels and envelopes carry the addresses', async () => {
    const dir = folder();
    const address = ['Oswaldo de Rivero', 'Embajada del Perú', '1700 Massachusetts Ave. NW', 'Washington DC 20036', 'USA'];
    const labels = await labelSheets(t, join(dir, 'labels.pdf'), 'a4');
    for (let i = 0; i < 22; i++) await labels.add(address);
    await labels.end();
    expect(pdfPages(join(dir, 'labels.pdf'))).toBe(2);
    const envelopes = await envelopeSheets(t, join(dir, 'env.pdf'), 'a4');
    await envelopes.add({ to: address, from: ['Łukasz Wróbel', 'Kraków'] });
    await envelopes.end();
    expect(envelopes.count).toBe(1);
    for (const name of ['labels.pdf', 'env.pdf']) {
      expect(qpdfCheck(join(dir, name))).toContain('No syntax or stream encoding errors found');
      expect(pdfLayoutText(join(dir, name))).toContain('1700 Massachusetts Ave. NW');
    }
  });
  it('the page tree keeps a written page as its number, not an object, and lists the pages in order', async () => {
    const file = join(folder(), 'many.pdf');
    const { doc, end } = await numberedPages(file, 300);
    // pdfkit's own list held every page's dictionary (a small object in its place still cost
    // 36 bytes a page): here the 300 pages are 300 numbers in one array.
    const kids = (doc as unknown as { _root: { data: { Pages: { data: { Kids: unknown } } } } })._root.data.Pages.data.Kids;
    expect(Array.isArray(kids)).toBe(false);
    expect(Object.values(kids as object).filter((value) => typeof value === 'object' && !ArrayBuffer.isView(value))).toEqual([]);
    await end();
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
    expect(pdfPages(file)).toBe(300);
    const pages = pdfLayoutText(file)
      .split('\f')
      .filter((page) => page.trim() !== '');
    expect(pages.map((page) => page.trim())).toEqual(Array.from({ length: 300 }, (_, i) => `Page ${i + 1}`));
  });
});

// A pack sets each paragraph with pdfkit once and draws it again from the lines it kept
// (src/io/pdf-paragraphs.ts, pdf-layout-cache.ts). A letter alone in its document is set from
// scratch: the pack must read the same, word for word and point for point, page for page.
describe('a pack of letters set once and drawn again', () => {
  /** Each page's words with their boxes, as pdftotext -bbox reads them. */
  const pagesOf = (file: string) =>
    pdfWordBoxes(file)
      .split('<page ')
      .slice(1)
      .map((page) => [...page.matchAll(/<word (xMin="[^"]*" yMin="[^"]*" xMax="[^"]*" yMax="[^"]*")>([^<]*)</g)].map((m) => `${m[2]} ${m[1]}`));

  // After an introduction from one to seven lines long, the body and a long paragraph shared
  // by every letter (as a UA's body is): it runs over the bottom of the page, each time at
  // another line. No paragraph comes twice in one letter, so a letter alone is set by pdfkit
  // from start to end.
  const shared = Array.from({ length: 14 }, () => 'Each of these deaths must be investigated promptly, thoroughly and independently.').join(' ');
  const letters = (paper: string): Letter[] => {
    const action = ua105();
    const about = (i: number) => 'I have written to officials every month for years, with my local group. '.repeat(i);
    return ['es', 'en', 'fr'].flatMap((lang, l) =>
      Array.from({ length: 4 }, (_, i) =>
        composeLetters({
          t,
          action,
          lang,
          targets: action.targets,
          sender: {
            name: `Zoë Núñez ${paper} ${l}${i}`,
            city: 'Kraków',
            country: 'Polska',
            about: about(i * 2),
            note: i === 3 ? 'A note of my own.' : undefined,
          },
          today: TODAY_DAY,
          locale: locale(lang),
        }).map((letter) => ({ ...letter, paragraphs: [...letter.paragraphs, shared] })),
      ).flat(),
    );
  };

  it('pdfkit sets a paragraph that comes back letter after letter twice, then it is drawn from its lines', async () => {
    const dir = folder();
    const { doc, end } = await openDocument(join(dir, 'p.pdf'), [595, 842], { top: 50, left: 50, right: 50, bottom: 50 }, 'p');
    const setByPdfkit: string[] = [];
    const internal = doc as unknown as { _text: (text: string, ...rest: unknown[]) => unknown };
    const pdfkitSets = internal._text;
    internal._text = function (text, ...rest) {
      setByPdfkit.push(text);
      return pdfkitSets.call(this, text, ...rest);
    };
    const paragraph = paragraphSetter(doc);
    const body = 'Le pido encarecidamente que busque el diálogo y que ponga fin de inmediato a toda forma de uso ilegítimo de la fuerza.';
    for (let letter = 0; letter < 6; letter++) {
      doc.addPage();
      paragraph(`Mi nombre es Ana ${letter}.`, { width: 300 });
      paragraph(body, { width: 300, paragraphGap: 6, lineGap: 1 });
      doc.flushPages();
    }
    await end();
    // Set in the first letter (and drawn from it in the second), set again in the third, when
    // it is kept: from then on it is drawn. Each signer's own paragraph is set by pdfkit.
    expect(setByPdfkit.filter((text) => text === body)).toHaveLength(2);
    expect(setByPdfkit.filter((text) => text.startsWith('Mi nombre'))).toHaveLength(6);
    const pages = pagesOf(join(dir, 'p.pdf'));
    // Every page the same, point for point, but for the signer's number.
    expect(new Set(pages.map((page) => page.filter((word) => !/^\d\./.test(word)).join('|'))).size).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const paper of ['a4', 'letter'] as const) {
    it(`on ${paper} paper: every page of the pack reads as the same letter set alone`, async () => {
      const dir = folder();
      const all = letters(paper);
      // How often pdfkit itself sets each text while the pack is made.
      const { default: PDFDocument } = await import('pdfkit');
      const pdfkit = PDFDocument.prototype as unknown as { _text: (text: string, ...rest: unknown[]) => unknown };
      const pdfkitSets = pdfkit._text;
      const set = new Map<string, number>();
      pdfkit._text = function (text, ...rest) {
        set.set(text, (set.get(text) ?? 0) + 1);
        return pdfkitSets.call(this, text, ...rest);
      };
      try {
        const pack = await letterPdf(join(dir, 'pack.pdf'), paper, 'pack');
        for (const letter of all) await pack.add(letter);
        await pack.end();
      } finally {
        pdfkit._text = pdfkitSets;
      }
      // The shared paragraph, in 24 letters and most often across a page break, was set by
      // pdfkit twice (see LetterMemo); the other times it was drawn from its lines.
      expect(set.get(shared)).toBe(2);
      const alone: string[][] = [];
      for (const [i, letter] of all.entries()) {
        const one = await letterPdf(join(dir, `${i}.pdf`), paper, 'pack');
        await one.add(letter);
        await one.end();
        alone.push(...pagesOf(join(dir, `${i}.pdf`)));
      }
      const packed = pagesOf(join(dir, 'pack.pdf'));
      expect(packed.length).toBe(alone.length);
      for (const [i, page] of packed.entries()) expect(page, `page ${i + 1}`).toEqual(alone[i]);
      // The shared paragraphs did break across pages, at several different lines.
      const secondPages = packed.filter((page) => !page.some((word) => word.startsWith('Kraków,')));
      expect(new Set(secondPages.map((page) => page[0])).size).toBeGreaterThan(3);
      rmSync(dir, { recursive: true, force: true });
    });
  }
});
