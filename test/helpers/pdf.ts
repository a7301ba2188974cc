import { execFileSync } from 'node:child_process';
import { openDocument, type StreamedDocument } from '../../src/io/pdf-document.js';

/** What a poppler or qpdf tool prints about a PDF; a pack of many pages prints a lot. */
const read = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 26 });

/** Pages `first` to `last` (1-based) as pdftotext's -f and -l, or every page. */
const range = (pages?: { first: number; last: number }) => (pages ? ['-f', String(pages.first), '-l', String(pages.last)] : []);

/** A PDF's text in reading order (pdftotext), pages apart by form feeds. */
export const pdfText = (file: string, pages?: { first: number; last: number }): string => read('pdftotext', [...range(pages), file, '-']);

/** A PDF's text laid out as on the page (pdftotext -layout): the words of a line on one line, page breaks where they are. */
export const pdfLayoutText = (file: string): string => read('pdftotext', ['-layout', file, '-']);

/** Each word of a PDF and its box, as pdftotext -bbox writes them: `<word xMin="…" yMin="…" xMax="…" yMax="…">text</word>`, a `<page …>` each. */
export const pdfWordBoxes = (file: string, pages?: { first: number; last: number }): string => read('pdftotext', ['-bbox', ...range(pages), file, '-']);

/** What pdfinfo says of a PDF: its pages, page size, producer… */
export const pdfInfo = (file: string): string => read('pdfinfo', [file]);

/** How many pages a PDF has. */
export const pdfPages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(pdfInfo(file))?.[1]);

/** qpdf --check's report on a PDF's structure: "No syntax or stream encoding errors found" when it is sound. */
export const qpdfCheck = (file: string): string => read('qpdf', ['--check', file]);

/**
 * A streamed document (src/io/pdf-document.ts) of `count` small pages, "Page 1" to "Page N",
 * each flushed as a pack flushes its letters; not ended, so a test can look at it first.
 */
export async function numberedPages(file: string, count: number): Promise<StreamedDocument> {
  const document = await openDocument(file, [300, 200], { top: 20, left: 20, right: 20, bottom: 20 }, 'pages');
  for (let i = 1; i <= count; i++) {
    document.doc.addPage();
    document.doc.text(`Page ${i}`);
    document.doc.flushPages();
    await document.drained();
  }
  return document;
}
