import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import type { Translate } from '../core/i18n.js';
import type { RowOrProblem } from '../core/signers.js';
import { dataError } from '../errors.js';
import { readInput } from './read-input.js';
import { csvRows, type Sheet } from './sheet-csv.js';
import { errorCode, systemError } from './system-errors.js';
import { decodeText, detectEncoding, NotUtf8Error, type TextEncoding } from './text-encoding.js';

export type { Sheet } from './sheet-csv.js';

/** YAML and JSON sheets are read whole; a CSV is streamed, whatever its size. */
const MAX_WHOLE_FILE = 20 * 1024 * 1024;
const HEAD_BYTES = 4096;

/**
 * The rows of a sign-up sheet, one at a time: CSV (a header row; Excel's UTF-8 BOM, `;`, `,`
 * or tab separators, CRLF; UTF-16 with its mark, as Excel's "Unicode text"), or a YAML/JSON
 * list of the answers' fields.
 */
export async function* readSignerRows(t: Translate, path: string, shown: string, sheet: Sheet): AsyncGenerator<RowOrProblem> {
  const encoding = detectEncoding(sheet.head);
  if (!encoding) throw dataError(t('sheet.notText', { sheet: shown }), t('sheet.notTextHint'));
  const kind = extname(path).toLowerCase();
  if (kind === '.yaml' || kind === '.yml' || kind === '.json') yield* structuredRows(t, sheet.whole(), shown, encoding);
  else yield* csvRows(t, sheet, shown, encoding);
}

/**
 * A file is streamed (a sheet may have many thousand rows); a pipe (`--signers <(…)`) or a
 * device is read once, up to a limit. A folder or a missing file is said plainly. Opened before
 * anything else of a run: waiting for a pipe's writer, Ctrl-C ends ua at once, leaving nothing.
 */
export function openSheet(t: Translate, path: string, shown: string): Sheet {
  const what = `--signers ${shown}`;
  let regular: boolean;
  let head: Buffer;
  try {
    regular = statSync(path).isFile();
    head = regular ? readHead(path) : Buffer.alloc(0);
  } catch (error) {
    throw inputError(t, error, what);
  }
  // Small reads: a 64 KB chunk is a thousand rows parsed at once, waiting while their letters are
  // written: long enough for the garbage collector to move them all to the old generation.
  if (regular) return { head, bytes: () => createReadStream(path, { highWaterMark: 4096 }), whole: () => readInput(t, path, MAX_WHOLE_FILE, what) };
  const all = readInput(t, path, MAX_WHOLE_FILE, what);
  return { head: all.subarray(0, HEAD_BYTES), bytes: () => Readable.from([all]), whole: () => all };
}

/**
 * The sheet read once, whole, then served from memory: a batch that sends goes through it twice
 * (to check it, then to send), and must send what it checked, whatever happens to the file
 * meanwhile (saved again while the summary waits for a yes). Served in small reads, as a file is.
 */
export function heldSheet(sheet: Sheet): Sheet {
  const all = sheet.whole();
  return { head: sheet.head, bytes: () => Readable.from(slices(all)), whole: () => all };
}

function* slices(all: Buffer): Generator<Buffer> {
  for (let start = 0; start < all.length; start += 4096) yield all.subarray(start, start + 4096);
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

function inputError(t: Translate, error: unknown, what: string) {
  const code = errorCode(error);
  return systemError(t, error, what, undefined, code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 'data' : 'failure');
}

async function* structuredRows(t: Translate, bytes: Buffer, shown: string, encoding: TextEncoding): AsyncGenerator<RowOrProblem> {
  let text: string;
  try {
    text = decodeText(bytes, encoding).replace(/^\uFEFF/, '');
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    yield { problem: { row: `${shown}:${error.line}`, field: 'encoding', message: t('sheet.notUtf8') } };
    return;
  }
  const { parseYamlSource } = await import('../core/yaml-source.js');
  const source = parseYamlSource(t, text, shown);
  for (const problem of source.problems) yield { problem: { row: `${shown}:${problem.line}`, field: 'yaml', message: problem.message } };
  if (source.problems.length > 0) return;
  const data = source.data as unknown;
  const rows = Array.isArray(data) ? data : (data as { signers?: unknown })?.signers;
  if (!Array.isArray(rows)) {
    yield { problem: { row: `${shown}:1`, field: 'signers', message: t('sheet.notList') } };
    return;
  }
  for (const [index, cells] of rows.entries()) {
    const path = Array.isArray(data) ? [index] : ['signers', index];
    const row = `${shown}:${source.locate(path).line}`;
    if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) yield { problem: { row, field: 'row', message: t('sheet.notMapping') } };
    else yield { raw: { row, cells: cells as Record<string, unknown> } };
  }
}

/** About how many rows a sheet has (its lines but the header), counted without parsing; 0 when unknown. */
export function countRows(path: string): number {
  try {
    if (!statSync(path).isFile()) return 0;
    const fd = openSync(path, 'r');
    try {
      let lines = 0;
      const buffer = Buffer.alloc(1024 * 1024);
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
        for (let i = buffer.indexOf(10); i >= 0 && i < read; i = buffer.indexOf(10, i + 1)) lines++;
      }
      return Math.max(0, lines - 1);
    } finally {
      closeSync(fd);
    }
  } catch {
    return 0;
  }
}
