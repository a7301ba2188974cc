import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSince } from '../../src/io/pdf-content.js';
import { openDocument } from '../../src/io/pdf-document.js';
import { FONT, FONT_SANS } from '../../src/io/pdf-fonts.js';

// pdfkit's own _text, before ua teaches it the plain case (the first document does).
type SetText = (this: unknown, text: unknown, x: unknown, y: unknown, options: unknown, lineCallback: unknown) => unknown;
const pdfkitSets = (PDFDocument.prototype as unknown as { _text: SetText })._text;
const { LineWrapper } = PDFDocument as unknown as { LineWrapper: { prototype: { wrap: (...args: unknown[]) => unknown } } };

const dir = mkdtempSync(join(tmpdir(), 'ua-plain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Internal {
  x: number;
  y: number;
  page: { fonts: Record<string, unknown> };
  _font: { subset: { glyphs: number[] }; widths: number[]; unicode: unknown[] };
  _line: unknown;
}

/** What a document shows after drawing: the page's operators, its place, its font's subset. */
function state(doc: PDFKit.PDFDocument) {
  const internal = doc as unknown as Internal;
  return {
    content: contentSince(internal.page, 0).join(''),
    at: [internal.x, internal.y],
    fonts: Object.keys(internal.page.fonts),
    subset: [...internal._font.subset.glyphs],
    widths: [...internal._font.widths],
    unicode: [...internal._font.unicode],
  };
}

type Draw = [text: string, x: number | object | undefined, y?: number, options?: object];

/** The same drawing in two fresh documents: one by pdfkit alone, one as ua draws it; how often pdfkit filled lines or encoded one for each. */
async function both(font: string, size: number, draws: Draw[], startY = 100) {
  const made = [];
  for (const by of ['pdfkit', 'ua'] as const) {
    const { doc, end } = await openDocument(join(dir, `${by}-${made.length}.pdf`), [595.28, 841.89], { top: 56, left: 71, right: 57, bottom: 51 }, 't');
    doc.addPage();
    doc.font(font).fontSize(size);
    doc.y = startY;
    const internal = doc as unknown as { _text: SetText; _font: { encode: (...args: unknown[]) => unknown } };
    if (by === 'pdfkit') internal._text = pdfkitSets;
    // pdfkit fills lines with a LineWrapper, and encodes each line's glyphs anew; the plain way does neither.
    let pdfkitRan = 0;
    const { encode } = internal._font;
    internal._font.encode = function (...args) {
      pdfkitRan++;
      return encode.apply(this, args);
    };
    const wrap = LineWrapper.prototype.wrap;
    LineWrapper.prototype.wrap = function (...args) {
      pdfkitRan++;
      return wrap.apply(this, args);
    };
    for (const [text, x, y, options] of draws) doc.text(text, x as number, y, options);
    LineWrapper.prototype.wrap = wrap;
    made.push({ state: state(doc), pdfkitRan });
    await end();
  }
  const [alone, ua] = made as [(typeof made)[0], (typeof made)[0]];
  return { alone, ua };
}

const sender = 'Zoë Núñez 17\nLeeds\nReino Unido\nzoe.nunez.17@example.org';

describe("plain text, set without pdfkit's machinery", () => {
  it.each<[string, string, number, Draw[]]>([
    ['a sender block, right-aligned', FONT, 9, [[sender, 71, 42, { width: 467, align: 'right' }]]],
    [
      'an address, with a line gap',
      FONT,
      10,
      [['Dina Ercilia Boluarte Zegarra\nPresidenta de la República del Perú\nLima 15001', 71, 128, { width: 227, lineGap: 1 }]],
    ],
    ['a centred line', FONT_SANS, 8, [['Oswaldo de Rivero — 1/2', 71, 780, { width: 467, align: 'center', lineBreak: false }]]],
    ['a return line, without a width', FONT_SANS, 6.5, [['Zoë Núñez · Leeds · Reino Unido', 71, 128, { lineBreak: false }]]],
    [
      'two texts in a row, the second from where the first left',
      FONT,
      10,
      [
        ['Ana', { width: 300 }],
        ['Pérez Ærø', { width: 300 }],
      ],
    ],
    [
      'a paragraph that wraps, with its gaps, kerning (AV, To) and an em dash',
      FONT,
      10,
      [[`To AVA Wagner — ${'Mi nombre es Zoë y resido en Kraków (Polska), «Juliaca» ¿sí? '.repeat(5)}`, { width: 300, paragraphGap: 6, lineGap: 1 }]],
    ],
    [
      'lines broken by the text, blank ones too, and spaces at their ends',
      FONT,
      9,
      [['One  two \n\n three\t four   \nend ', 71, 42, { width: 200, align: 'right' }]],
    ],
    [
      'a word just the width of the line, and hyphens to break at',
      FONT,
      10,
      [['Jean-Luc Ørjan-Smith-Müller-Lüdenscheidt Saint-Rémy-de-Provence', { width: 120 }]],
    ],
  ])('%s: the same operators, place and font subset as pdfkit, without pdfkit', async (_, font, size, draws) => {
    const { alone, ua } = await both(font, size, draws);
    expect(ua.state).toEqual(alone.state);
    expect(alone.state.content).toMatch(/ TJ\n/);
    expect(ua.pdfkitRan).toBe(0);
  });

  it.each<[string, string, number, Draw[], number?]>([
    ['a word wider than the line (pdfkit cuts it)', FONT, 10, [['Supercalifragilisticexpialidocious-and-more-and-more', { width: 60 }]]],
    ['a soft hyphen', FONT, 10, [['Sof\u00adt hyphen', { width: 20 }]]],
    ['a combining mark (a glyph off its advance)', FONT, 10, [['Zoe\u0308 decomposed', { width: 300 }]]],
    ['a text that reaches the bottom of the page', FONT, 10, [['line '.repeat(400), { width: 200 }]], 700],
    ['justified text', FONT, 10, [['a b c d e f g h i j k l m n o p', { width: 50, align: 'justify' }]]],
    ['a height and an ellipsis (labels)', FONT, 10, [['one two three four five six seven', 10, 10, { width: 40, height: 20, ellipsis: true }]]],
    ['an underline', FONT, 10, [['underlined', { width: 300, underline: true }]]],
  ])('%s: left to pdfkit, the same', async (_, font, size, draws, startY) => {
    const { alone, ua } = await both(font, size, draws, startY);
    expect(ua.state).toEqual(alone.state);
    expect(ua.pdfkitRan).toBeGreaterThan(0);
  });
});
