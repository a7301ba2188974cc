import { deflateSync } from 'node:zlib';
import { countFlush } from './letter-memo.js';
import { keepAsText, takeContent } from './pdf-content.js';
import { FONT } from './pdf-fonts.js';
import { rememberLayouts } from './pdf-layout-cache.js';
import { DocumentOutput } from './pdf-output.js';
import { setPlainText } from './pdf-plain-draw.js';
import { rememberWordWidths } from './pdf-word-widths.js';
import { openToAppend } from './pipes.js';

export type Doc = PDFKit.PDFDocument;
export type Paper = 'a4' | 'letter';

export const mm = (value: number) => (value * 72) / 25.4;
export const inch = (value: number) => value * 72;

/**
 * How hard each page is deflated. pdfkit uses zlib's default, 6. For a 300-signer pack's pages
 * (6.6 MB of content), `node scripts/deflate-levels.mjs` measured: level 6 117 ms → 1180 kB,
 * level 4 50 ms → 1309 kB, level 2 40 ms → 1445 kB (22% larger than 6), level 1 39 ms →
 * 1555 kB. Level 2 is as fast as any; the pack is for the printer, not for the mail.
 */
const DEFLATE_LEVEL = 2;

/**
 * zlib's window, as small as the page: a window is zeroed for every stream, and a pack's pages,
 * whose shared paragraphs are forms (pdf-forms.ts), are 1 to 2 kB. With the usual 32 kB, zeroing
 * took more than deflating: 4,000 pages of 1,087 bytes took 146 ms, with a 2 kB window 48 ms, to
 * the same 357 bytes each (`node -e` over a page of a 1,000-signer pack). A window at least as
 * long as the content loses no match.
 */
const windowFor = (length: number) => Math.min(15, Math.max(9, Math.ceil(Math.log2(length + 1))));

/** pdfkit internals used here. */
interface Internal {
  _pageBuffer: Page[];
  _pageBufferStart: number;
  _root: { data: { Pages: { data: { Kids: { push(page: { id: number }): void } } } } };
  flushPages(): void;
}
interface Page {
  content: { compress: boolean; buffer: Buffer[] };
  dictionary: { id: number };
}

export interface StreamedDocument {
  doc: Doc;
  /** Lets the event loop in now and then (the pages flushed so far are written 64 kB at a time: pdf-output.ts). */
  drained(): Promise<void>;
  end(): Promise<void>;
}

/** A PDF written to `path` as its pages are flushed: nothing but the pages at hand is held. */
export async function openDocument(
  path: string,
  size: readonly [number, number],
  margins: { top: number; left: number; right: number; bottom: number },
  title: string,
): Promise<StreamedDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: [...size],
    margins,
    autoFirstPage: false,
    bufferPages: true,
    font: FONT,
    info: { Title: title, Creator: 'ua' },
    lang: 'und',
  });
  rememberLayouts(PDFDocument as never, doc);
  setPlainText(PDFDocument as never);
  rememberWordWidths((PDFDocument as unknown as { LineWrapper: never }).LineWrapper);
  // Each page's content is text until it is written (pdf-content.ts).
  doc.on('pageAdded', () => keepAsText(doc.page));
  flushLightly(doc);
  // Appending: a device (--out /dev/stdout >> log) keeps what it had; a staged file is new.
  // Written as pages are flushed, straight from pdfkit (pdf-output.ts).
  const output = DocumentOutput.of(doc, openToAppend(path));
  return {
    doc,
    drained: aTurnNowAndThen,
    end: async () => {
      try {
        doc.end();
      } finally {
        output.close();
      }
    },
  };
}

/**
 * Nothing in a pack's loop waits for the event loop any more (the sheet is read ahead, the
 * file is written at once): it gets a turn every few milliseconds, so Ctrl-C is heard
 * between letters.
 */
let lastTurn = 0;
async function aTurnNowAndThen(): Promise<void> {
  const now = performance.now();
  if (now - lastTurn < 10) return;
  lastTurn = now;
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * pdfkit's flushPages(), changed two ways: each page's content is deflated at DEFLATE_LEVEL
 * (pdfkit has no option for it), and its page tree keeps the written pages' numbers only
 * (pageTree): pdfkit kept each page's dictionary, and all it pointed to, and that grew with
 * the pack.
 */
function flushLightly(doc: Doc): void {
  const internal = doc as unknown as Internal;
  const flushPages = internal.flushPages.bind(doc);
  const pages = internal._root.data.Pages.data;
  pages.Kids = pageTree(internal._root);
  internal.flushPages = () => {
    for (const page of internal._pageBuffer) {
      const { content } = page;
      const bytes = takeContent(page);
      if (bytes.length === 0) continue;
      if (!content.compress) {
        content.buffer = [bytes];
        continue;
      }
      const out = deflateSync(bytes, { level: DEFLATE_LEVEL, windowBits: windowFor(bytes.length) });
      // Deflated here, the content is written as it is (its filter is already FlateDecode).
      // zlib's output is a slice of a 16 kB buffer, which it keeps alive: an envelope's page
      // deflates to a few hundred bytes, and is copied out.
      content.buffer = [out.length < out.buffer.byteLength / 2 ? Buffer.from(out) : out];
      content.compress = false;
    }
    flushPages();
    countFlush(doc);
  };
}

/**
 * The page tree's list of pages, "[12 0 R 15 0 R …]": pdfkit pushes each new page's dictionary
 * onto it and writes it at the end, and needs nothing else of it. It keeps the pages' numbers
 * in an array of 32-bit integers: pdfkit's array of references kept every page's dictionary,
 * and all it pointed to; a small object a page in their place still took 36 bytes a page,
 * 1.4 MB at 10,000 signers. pdfkit writes as a reference whatever is an instance of its
 * (unexported) PDFAbstractReference, reached here through the prototype of the document's own
 * references: it writes this one as the whole list.
 */
function pageTree(reference: object): { push(page: { id: number }): void } {
  const Abstract = Object.getPrototypeOf(Object.getPrototypeOf(reference)).constructor as new () => object;
  class PageTree extends Abstract {
    private ids = new Int32Array(64);
    private count = 0;
    push({ id }: { id: number }): void {
      if (this.count === this.ids.length) {
        const more = new Int32Array(this.ids.length * 2);
        more.set(this.ids);
        this.ids = more;
      }
      this.ids[this.count++] = id;
    }
    override toString(): string {
      const kids: string[] = [];
      for (let i = 0; i < this.count; i++) kids.push(`${this.ids[i]} 0 R`);
      return `[${kids.join(' ')}]`;
    }
  }
  return new PageTree();
}
