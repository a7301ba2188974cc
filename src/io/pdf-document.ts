import { closeSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { countFlush } from './letter-memo.js';
import { FONT } from './pdf-fonts.js';
import { rememberLayouts } from './pdf-layout-cache.js';
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

/** pdfkit internals used here. */
interface Internal {
  _pageBuffer: Page[];
  _pageBufferStart: number;
  _root: { data: { Pages: { data: { Kids: object[] } } } };
  flushPages(): void;
}
interface Page {
  content: { compress: boolean; buffer: Buffer[] };
  dictionary: { id: number };
}

export interface StreamedDocument {
  doc: Doc;
  /** Writes the pages flushed so far to the file. */
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
  flushLightly(doc);
  // Appending: a device (--out /dev/stdout >> log) keeps what it had; a staged file is new.
  const fd = openToAppend(path);
  let failed: unknown;
  // What pdfkit made of the pages flushed so far, written at once. Written through a stream,
  // a pack's chunks waited in its queue long enough to outlive the young generation of the
  // garbage collector, and the memory of a long pack grew with them (see scripts/bench.mjs).
  // A file that fails (a full disk, /dev/full) throws here, and again at every later call.
  const write = () => {
    if (failed) throw failed;
    const data = doc.read() as Buffer | null;
    try {
      if (data) writeAll(fd, data);
    } catch (error) {
      failed = error;
      closeSync(fd);
      throw error;
    }
  };
  return {
    doc,
    drained: async () => {
      write();
      await aTurnNowAndThen();
    },
    end: async () => {
      doc.end();
      write();
      closeSync(fd);
    },
  };
}

function writeAll(fd: number, data: Buffer): void {
  let written = 0;
  while (written < data.length) written += writeSync(fd, data, written);
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
 * (pdfkit has no option for it), and a written page lets go of its content and resources.
 * The document kept each page's dictionary, and all it pointed to, for its page tree: that
 * grew with the pack.
 */
function flushLightly(doc: Doc): void {
  const internal = doc as unknown as Internal;
  const flushPages = internal.flushPages.bind(doc);
  internal.flushPages = () => {
    const pages = internal._pageBuffer;
    for (const { content } of pages) {
      if (!content.compress || content.buffer.length === 0) continue;
      const out = deflateSync(Buffer.concat(content.buffer), { level: DEFLATE_LEVEL });
      // Deflated here, the content is written as it is (its filter is already FlateDecode).
      // zlib's output is a slice of a 16 kB buffer, which it keeps alive: an envelope's page
      // deflates to a few hundred bytes, and is copied out.
      content.buffer = [out.length < out.buffer.byteLength / 2 ? Buffer.from(out) : out];
      content.compress = false;
    }
    const first = internal._pageBufferStart;
    flushPages();
    // The page tree needs each written page's number and nothing else ("12 0 R"): its entry
    // becomes a reference that holds only that.
    const kids = internal._root.data.Pages.data.Kids;
    for (const [i, { dictionary }] of pages.entries())
      kids[first + i] = Object.assign(Object.create(Object.getPrototypeOf(dictionary)), { id: dictionary.id, gen: 0 });
    countFlush(doc);
  };
}
