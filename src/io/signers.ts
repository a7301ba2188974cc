import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { FAILED_SHEET_COLUMNS, unguarded } from '../core/csv.js';
import { FIELDS } from '../core/fields.js';
import type { Translate } from '../core/i18n.js';
import { quoted } from '../core/shown.js';
import { canonicalColumn, REPORT_COLUMNS, type RowProblem } from '../core/signers.js';
import { dataError } from '../errors.js';
import { readInput } from './read-input.js';
import { errorCode, systemError } from './system-errors.js';
import { decodeText, decodingStream, detectEncoding, NotUtf8Error, type TextEncoding } from './text-encoding.js';

export interface RawRow {
  /** "signups.csv:14" */
  row: string;
  cells: Record<string, unknown>;
}

export type RowOrProblem = { raw: RawRow } | { problem: RowProblem };

const KNOWN_COLUMNS = new Set<string>([...FIELDS.map((field) => field.key), ...REPORT_COLUMNS]);
/** YAML and JSON sheets are read whole; a CSV is streamed, whatever its size. */
const MAX_WHOLE_FILE = 20 * 1024 * 1024;
const HEAD_BYTES = 4096;

/**
 * The rows of a sign-up sheet, one at a time: CSV (a header row; Excel's UTF-8 BOM, `;` or
 * `,` separators, CRLF; UTF-16 with its mark), or a YAML/JSON list of the answers' fields.
 */
export async function* readSignerRows(t: Translate, path: string, shown: string, sheet: Sheet): AsyncGenerator<RowOrProblem> {
  const encoding = detectEncoding(sheet.head);
  if (!encoding) throw dataError(t('sheet.notText', { sheet: shown }), t('sheet.notTextHint'));
  const kind = extname(path).toLowerCase();
  if (kind === '.yaml' || kind === '.yml' || kind === '.json') yield* structuredRows(t, sheet.whole(), shown, encoding);
  else yield* csvRows(t, sheet, shown, encoding);
}

export interface Sheet {
  /** The first bytes: the encoding and the separator are told from them. */
  head: Buffer;
  bytes(): Readable;
  whole(): Buffer;
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

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

async function* csvRows(t: Translate, sheet: Sheet, shown: string, encoding: TextEncoding): AsyncGenerator<RowOrProblem> {
  const { parse } = await import('csv-parse');
  const headerProblems: RowProblem[] = [];
  // A failed.csv ua wrote (known by its header) has its formula guard taken off: "'=Ana" was
  // written for the spreadsheet, and the letter is to "=Ana". Other sheets are as people typed.
  let writtenByUa = false;
  // Errors do not travel along .pipe(): a byte that is not UTF-8, or a read that fails, must
  // still end the parse.
  const bytes = sheet.bytes();
  const decoded = bytes.pipe(decodingStream(encoding));
  bytes.on('error', (error) => decoded.destroy(error));
  const parser = decoded.pipe(
    parse({
      delimiter: sniffDelimiter(sheet.head, encoding),
      columns: (header: string[]) => {
        headerProblems.push(...columnProblems(t, header, shown));
        const columns = header.map(canonicalColumn);
        writtenByUa = columns.join() === FAILED_SHEET_COLUMNS.join();
        return columns;
      },
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }),
  );
  decoded.on('error', (error) => parser.destroy(error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      for (const problem of headerProblems.splice(0)) yield { problem };
      const cells = writtenByUa ? Object.fromEntries(Object.entries(record).map(([key, value]) => [key, unguarded(value)])) : record;
      yield { raw: { row: `${shown}:${info.lines}`, cells } };
    }
    for (const problem of headerProblems.splice(0)) yield { problem };
  } catch (error) {
    if (error instanceof NotUtf8Error) {
      yield { problem: { row: `${shown}:${error.line}`, field: 'encoding', message: t('sheet.notUtf8') } };
      return;
    }
    if (errorCode(error)) throw systemError(t, error, t('sheet.cannotRead', { sheet: shown }));
    const line = (error as { lines?: number }).lines;
    yield { problem: { row: `${shown}:${line ?? '?'}`, field: 'csv', message: csvProblem(t, error as Error & { code?: string }) } };
  }
}

/** Unknown columns, and two columns that mean one field (`email` and `E-mail`, or a header twice). */
function columnProblems(t: Translate, header: readonly string[], shown: string): RowProblem[] {
  const problems: RowProblem[] = [];
  const seen = new Map<string, string>();
  for (const column of header) {
    const field = canonicalColumn(column);
    if (!KNOWN_COLUMNS.has(field))
      problems.push({ row: `${shown}:1`, field: column, message: t('sheet.unknownColumn', { columns: [...KNOWN_COLUMNS].join(', ') }) });
    const earlier = seen.get(field);
    if (earlier !== undefined) problems.push({ row: `${shown}:1`, field: column, message: t('sheet.secondColumn', { field, first: quoted(earlier) }) });
    else seen.set(field, column);
  }
  return problems;
}

function inputError(t: Translate, error: unknown, what: string) {
  const code = errorCode(error);
  return systemError(t, error, what, undefined, code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 'data' : 'failure');
}

/** Excel writes `;` where the decimal separator is a comma; the header line tells which. */
function sniffDelimiter(head: Buffer, encoding: TextEncoding): string {
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(head);
  } catch {
    return ',';
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const count = (char: string) => header.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
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

/** The CSV parser's complaint in plain words; the rare others in its own (English). */
function csvProblem(t: Translate, error: Error & { code?: string }): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return t('sheet.quoteNotClosed');
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return t('sheet.closingQuote');
  return error.message.replace(/^Invalid /, 'invalid ');
}
