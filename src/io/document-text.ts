import type { Translate } from '../core/i18n.js';
import { dataError, failure } from '../errors.js';
import type { InStream } from '../world.js';
import { inflatesTooFar, MAX_INFLATED_BYTES } from './pdf-streams.js';
import { readInput, readStreamInput } from './read-input.js';

/** Urgent Action documents are a few pages; a file this big is not one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * The text of a document: plain text (UTF-8) as it is, a PDF's text layer, or a web page's
 * text (headings, list items and line breaks kept). A document may be a file, stdin, or an
 * http(s) address, fetched with the same limits as a feed.
 */
export async function documentText(t: Translate, path: string, stdin: InStream, timeoutMs = 20_000): Promise<string> {
  const { bytes, html } = await documentBytes(t, path, stdin, timeoutMs);
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') throw dataError(t('import.empty', { file: path }));
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return pdfText(t, bytes, path);
  if (
    html ||
    /^\s*(<!doctype html|<html)/i.test(
      bytes
        .subarray(0, 1024)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    )
  )
    return htmlText(t, bytes, path);
  const text = bytes.toString('utf8');
  // A NUL byte or many undecodable bytes: an image, an archive, a word processor file…
  const broken = (text.match(/\uFFFD/g) ?? []).length;
  if (bytes.includes(0) || broken > text.length / 100) throw dataError(t('import.notText', { file: path }), t('import.notTextHint'));
  return text.replace(/^\uFEFF/, '');
}

async function documentBytes(t: Translate, path: string, stdin: InStream, timeoutMs: number): Promise<{ bytes: Buffer; html: boolean }> {
  if (path === '-') return { bytes: await readStreamInput(t, stdin, MAX_DOCUMENT_BYTES, '<stdin>'), html: false };
  if (/^https?:\/\//i.test(path)) {
    const { httpGet } = await import('./http-get.js');
    const page = await httpGet(t, path, { maxBytes: MAX_DOCUMENT_BYTES, timeoutMs });
    return { bytes: asUtf8(t, page.body, page.contentType, path), html: /html/i.test(page.contentType ?? '') };
  }
  return { bytes: readInput(t, path, MAX_DOCUMENT_BYTES, path), html: /\.html?$/i.test(path) };
}

/** A page in another character set (charset=iso-8859-1…) as UTF-8; one ua cannot read is refused. */
function asUtf8(t: Translate, body: Buffer, contentType: string | undefined, path: string): Buffer {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8') return body;
  try {
    return Buffer.from(new TextDecoder(charset, { fatal: true }).decode(body), 'utf8');
  } catch {
    throw dataError(t('import.charset', { file: path, charset }));
  }
}

/** A web page's words, as a reader sees them: no links' addresses, no images, headings as written. */
async function htmlText(t: Translate, bytes: Buffer, path: string): Promise<string> {
  const { convert } = await import('html-to-text');
  const keepCase = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));
  try {
    return convert(bytes.toString('utf8'), {
      wordwrap: false,
      // Nesting past this depth is dropped, not recursed into: a page of 5,000 unclosed tags is not a UA.
      limits: { maxDepth: 200, maxInputLength: MAX_DOCUMENT_BYTES, ellipsis: '' },
      selectors: [{ selector: 'a', options: { ignoreHref: true } }, { selector: 'img', format: 'skip' }, ...keepCase],
    });
  } catch (error) {
    if (error instanceof RangeError) throw dataError(t('import.tooDeep', { file: path }));
    throw error;
  }
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
