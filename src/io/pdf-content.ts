/**
 * A page's content, kept as text until the page is written. pdfkit turns every operator it
 * writes ("BT", "1 0 0 1 72 700 Tm", …) into a Buffer of its own: a page of a pack is a few
 * dozen, slices of 8 kB pools that live until the page is flushed, outlive the 2 MB young
 * generation of the batch's worker (io/worker-run.ts) and take their pools along, outside the
 * heap, until the next full collection: a long pack's memory swung by 40 MB with them. Here
 * the operators are text, one string when the page is written (pdf-document.ts flushLightly).
 *
 * Everything written to a page goes through its content's write() (pdfkit's page.write() and
 * addContent(), ua's own lines and forms), so the order is kept.
 */

interface Content {
  buffer: Uint8Array[];
  data: { Filter?: string };
  compress: boolean;
  write(chunk: string | Uint8Array): void;
  /** The page's operators so far, each with its line break. */
  parts?: string[];
}

interface Page {
  content: Content;
}

/** From now on, what is written to the page is kept as text (what was written before too). */
export function keepAsText(page: object): void {
  const { content } = page as Page;
  content.parts = content.buffer.map((chunk) => Buffer.from(chunk).toString('latin1'));
  content.buffer = [];
  content.write = writeText;
}

function writeText(this: Content, chunk: string | Uint8Array): void {
  // pdfkit ends a string with a line break, not bytes (PDFReference.write).
  (this.parts as string[]).push(typeof chunk === 'string' ? `${chunk}\n` : Buffer.from(chunk).toString('latin1'));
  if (this.compress) this.data.Filter = 'FlateDecode';
}

/** Adds operators to the page, as they are (their line breaks included). */
export function writeOperators(page: object, text: string): void {
  partsOf(page).push(text);
}

/** Where the page's content is now: what is written after it is contentSince(page, mark). */
export const contentMark = (page: object): number => partsOf(page).length;

export const contentSince = (page: object, mark: number): string[] => partsOf(page).slice(mark);

/** The page's content as bytes, taken: what the page writes when it is flushed. */
export function takeContent(page: object): Buffer {
  const { content } = page as Page;
  const text = partsOf(page).join('');
  content.parts = [];
  return Buffer.from(text, 'latin1');
}

function partsOf(page: object): string[] {
  const { content } = page as Page;
  if (!content.parts) keepAsText(page);
  return content.parts as string[];
}
