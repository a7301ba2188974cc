import type { Translate } from '../core/i18n.js';
import { dataError, failure } from '../errors.js';
import type { InStream } from '../world.js';
import { inflatesTooFar, MAX_INFLATED_BYTES } from './pdf-streams.js';
import { readInput, readStreamInput } from './read-input.js';
import { decodeText, detectEncoding, NotUtf8Error } from './text-encoding.js';

/** Urgent Action documents are a few pages; a file this big is not one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * The text of a document: plain text as it is, a PDF's text layer, or a web page's text
 * (headings, list items and line breaks kept). A document may be a file, stdin, or an
 * http(s) address, fetched with the same limits as a feed.
 */
export async function documentText(t: Translate, path: string, stdin: InStream, timeoutMs = 20_000): Promise<string> {
  const { bytes, html, charset } = await documentBytes(t, path, stdin, timeoutMs);
  if (bytes.length === 0) throw dataError(t('import.empty', { file: path }));
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return pdfText(t, bytes, path);
  const page = html || startsLikeHtml(bytes);
  const text = documentCharacters(t, bytes, charset ?? (page ? metaCharset(bytes) : undefined), path);
  if (text.trim() === '') throw dataError(t('import.empty', { file: path }));
  return page ? htmlText(t, text, path) : text;
}

async function documentBytes(t: Translate, path: string, stdin: InStream, timeoutMs: number): Promise<{ bytes: Buffer; html: boolean; charset?: string }> {
  if (path === '-') return { bytes: await readStreamInput(t, stdin, MAX_DOCUMENT_BYTES, '<stdin>'), html: false };
  if (/^https?:\/\//i.test(path)) {
    const { httpGet } = await import('./http-get.js');
    const page = await httpGet(t, path, { maxBytes: MAX_DOCUMENT_BYTES, timeoutMs });
    return { bytes: page.body, html: /html/i.test(page.contentType ?? ''), charset: declaredCharset(page.contentType) };
  }
  return { bytes: readInput(t, path, MAX_DOCUMENT_BYTES, path), html: /\.html?$/i.test(path) };
}

/**
 * The document's characters. A byte order mark says which Unicode it is; else a charset the
 * server or the page declares (iso-8859-1, windows-1252…) is used; else it must be UTF-8: a
 * Latin-1 text file cannot be told from another code page by rule, so it is refused with the
 * place it breaks, as every text file ua reads (io/text-encoding.ts), never read as U+FFFD.
 */
function documentCharacters(t: Translate, bytes: Buffer, declared: string | undefined, path: string): string {
  const marked = /^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/.test(bytes.subarray(0, 3).toString('latin1'));
  // A page that says UTF-16 without a mark is read as UTF-8, as browsers do: its bytes were ASCII enough to say so.
  if (declared && !marked && !/^utf-?(8|16(be|le)?)$/i.test(declared)) {
    let decoder: { decode(bytes: Buffer): string };
    try {
      decoder = new TextDecoder(declared, { fatal: true });
    } catch {
      throw dataError(t('import.charset', { file: path, charset: declared }));
    }
    try {
      return decoder.decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw dataError(t('import.notCharset', { file: path, charset: declared }));
    }
  }
  // A NUL byte outside UTF-16: an image, an archive, a word processor file…
  const encoding = detectEncoding(bytes);
  if (!encoding) throw dataError(t('import.notText', { file: path }), t('import.notTextHint'));
  try {
    return decodeText(bytes, encoding).replace(/^\uFEFF/, '');
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    throw dataError(t('import.notUtf8', { file: path, line: error.line, col: error.col }), t('import.notUtf8Hint'));
  }
}

/** A page saved from a browser, whatever its name: its first characters say so (after a UTF-8 mark). */
function startsLikeHtml(bytes: Buffer): boolean {
  return /^(\u00ef\u00bb\u00bf)?\s*(<!doctype html|<html)/i.test(bytes.subarray(0, 1024).toString('latin1'));
}

/** charset=… of a Content-Type, in lower case. */
function declaredCharset(contentType: string | undefined): string | undefined {
  return /charset=["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/** <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">, in the page's first kilobyte, as browsers look for it. */
function metaCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  return /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
}

// The page's own chrome: menus, banners, footers, cookie notices, scripts. None of it is the case.
const CHROME = [
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[aria-hidden="true"]',
  '[class*="cookie"]',
  '[id*="cookie"]',
  '[class*="consent"]',
  '[id*="consent"]',
  '[class*="newsletter"]',
  '[class*="share"]',
  '[class*="breadcrumb"]',
];
// Where the case is: the page's main content, as pages mark it, else its body.
const MAIN = ['main', 'article', '[role="main"]', '#main-content', '#content', '.content', 'body'];

/**
 * A web page's words, as a reader of the case sees them: its main content only (<main>,
 * <article>, else the body), without menus, footers, cookie banners or scripts, so that no
 * extractor reads "Home | Donate" as a title or a footer's address as a target's. Headings
 * keep their case; links and images are left out. A page whose main content has no <h1> but
 * whose og:title names the case gets that title as its first line.
 */
async function htmlText(t: Translate, page: string, path: string): Promise<string> {
  const { convert } = await import('html-to-text');
  const keepCase = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));
  try {
    const text = convert(page, {
      wordwrap: false,
      // Nesting past this depth is dropped, not recursed into: a page of 5,000 unclosed tags is not a UA.
      limits: { maxDepth: 200, maxInputLength: MAX_DOCUMENT_BYTES, ellipsis: '', maxBaseElements: 1 },
      baseElements: { selectors: MAIN, orderBy: 'selectors', returnDomByDefault: true },
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
        ...CHROME.map((selector) => ({ selector, format: 'skip' })),
        ...keepCase,
      ],
    });
    const title = ogTitle(page, convert);
    return title && !text.includes(title) ? `${title}\n\n${text}` : text;
  } catch (error) {
    if (error instanceof RangeError) throw dataError(t('import.tooDeep', { file: path }));
    throw error;
  }
}

/** <meta property="og:title" content="…">, its entities decoded; never a title that is a menu ("Home | Donate"). */
function ogTitle(page: string, convert: typeof import('html-to-text').convert): string | undefined {
  const head = page.slice(0, 64 * 1024);
  const meta = [...head.matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0]).find((tag) => /\bproperty\s*=\s*["']og:title["']/i.test(tag));
  const content = meta ? /\bcontent\s*=\s*("([^"]*)"|'([^']*)')/i.exec(meta) : null;
  const title = convert(content?.[2] ?? content?.[3] ?? '', { wordwrap: false }).trim();
  return title && !/\s\|\s/.test(title) ? title : undefined;
}

/** The PDF's text with pdf.js (loaded only for PDFs), lines rebuilt, paragraphs by the gaps between them. */
async function pdfText(t: Translate, bytes: Buffer, path: string): Promise<string> {
  if (inflatesTooFar(bytes)) throw dataError(t('import.pdfBomb', { file: path, limit: MAX_INFLATED_BYTES / 1024 / 1024 }));
  const { getDocument } = await pdfReader(t);
  let doc: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    doc = await getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      maxImageSize: 4096 * 4096,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw dataError(t('import.badPdf', { file: path, reason: (error as Error).message }));
  }
  const lines: string[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const content = await (await doc.getPage(number)).getTextContent();
    lines.push(...pageLines(content.items as TextItem[]), '');
  }
  const text = lines.join('\n');
  if (text.trim() === '') throw dataError(t('import.noTextLayer', { file: path }), t('import.noTextLayerHint'));
  return text;
}

/** pdf.js is an optional companion (37 MB with its canvas, for a feature few need): missing, it is named with how to add it. */
async function pdfReader(t: Translate): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  try {
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('pdfjs-dist'))
      throw failure(t('import.noPdfReader'), t('import.noPdfReaderHint'));
    throw error;
  }
}

interface TextItem {
  str?: string;
  hasEOL?: boolean;
  height?: number;
  transform?: number[];
}

/** One page's lines; a gap of more than a line and a half before a line is a new paragraph. */
function pageLines(items: readonly TextItem[]): string[] {
  const lines: string[] = [];
  let line = '';
  let lineY: number | undefined;
  let previousLineY: number | undefined;
  let height = 12;
  for (const item of items) {
    if (item.str) {
      const y = item.transform?.[5] ?? 0;
      if (line === '') {
        if (previousLineY !== undefined && previousLineY - y > height * 1.6) lines.push('');
        lineY = y;
      }
      line += item.str;
      height = item.height || height;
    }
    if (item.hasEOL) {
      lines.push(line);
      line = '';
      previousLineY = lineY;
    }
  }
  if (line) lines.push(line);
  return lines;
}
