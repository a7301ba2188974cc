import type { Readable } from 'node:stream';
import { FAILED_SHEET_COLUMNS, unguarded } from '../core/csv.js';
import { FIELDS } from '../core/fields.js';
import type { Translate } from '../core/i18n.js';
import { quoted } from '../core/shown.js';
import { canonicalColumn, REPORT_COLUMNS, type RowOrProblem, type RowProblem } from '../core/signers.js';
import { errorCode, systemError } from './system-errors.js';
import { decodingStream, NotUtf8Error, type TextEncoding } from './text-encoding.js';

/** A sign-up sheet as it is read: its first bytes, then all of them as a stream, or whole. */
export interface Sheet {
  /** The first bytes: the encoding and the separator are told from them. */
  head: Buffer;
  bytes(): Readable;
  whole(): Buffer;
}

const KNOWN_COLUMNS = new Set<string>([...FIELDS.map((field) => field.key), ...REPORT_COLUMNS]);

/** The header row, read: the field of each position ('' for a column without a heading). */
interface Header {
  columns: string[];
  /**
   * A failed.csv ua wrote (known by its header) has its formula guard taken off: "'=Ana" was
   * written for the spreadsheet, and the letter is to "=Ana". Other sheets are as people typed.
   */
  writtenByUa: boolean;
}

/**
 * A CSV sheet's rows, one at a time: the first row that is not empty is the header, the others
 * are signers. Cells are matched to the header by position, so a row with more cells than the
 * header (an unquoted separator in a cell shifts every cell after it) is refused with its line,
 * never cut to fit.
 */
export async function* csvRows(t: Translate, sheet: Sheet, shown: string, encoding: TextEncoding): AsyncGenerator<RowOrProblem> {
  const { parse } = await import('csv-parse');
  // Errors do not travel along .pipe(): a byte that is not UTF-8, or a read that fails, must
  // still end the parse.
  const bytes = sheet.bytes();
  const decoded = bytes.pipe(decodingStream(encoding));
  bytes.on('error', (error) => decoded.destroy(error));
  const options = { delimiter: sniffDelimiter(sheet.head, encoding), skip_empty_lines: true, relax_column_count: true, trim: true, info: true };
  const parser = decoded.pipe(parse(options));
  decoded.on('error', (error) => parser.destroy(error));
  let header: Header | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // LibreOffice and Excel save an empty row as its separators alone (",,,,," or ";;;;;").
      if (record.every((cell) => cell === '')) continue;
      const row = `${shown}:${info.lines}`;
      if (header) yield rowOf(t, header, record, row);
      else {
        const columns = record.map(canonicalColumn);
        header = { columns, writtenByUa: columns.join() === FAILED_SHEET_COLUMNS.join() };
        for (const problem of columnProblems(t, record, row)) yield { problem };
      }
    }
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

/** A signer's cells, named by the header; a row whose cells do not fit under it is refused whole. */
function rowOf(t: Translate, header: Header, record: readonly string[], row: string): RowOrProblem {
  const { columns } = header;
  if (record.length > columns.length)
    return { refused: { row, field: 'columns', message: t('sheet.moreCells', { count: record.length, columns: columns.length }) } };
  const cells: Record<string, string> = {};
  for (const [index, value] of record.entries()) {
    const column = columns[index] ?? '';
    // A spreadsheet pads the header with empty cells when some row reaches further right.
    if (column === '' && value !== '')
      return { refused: { row, field: 'columns', message: t('sheet.noHeading', { value: quoted(value), column: index + 1 }) } };
    if (column !== '') cells[column] = header.writtenByUa ? unguarded(value) : value;
  }
  return { raw: { row, cells } };
}

/** Unknown columns, and two columns that mean one field (`email` and `E-mail`, or a header twice). */
function columnProblems(t: Translate, header: readonly string[], row: string): RowProblem[] {
  const problems: RowProblem[] = [];
  const seen = new Map<string, string>();
  for (const column of header) {
    const field = canonicalColumn(column);
    if (field === '') continue;
    if (!KNOWN_COLUMNS.has(field)) problems.push({ row, field: column, message: t('sheet.unknownColumn', { columns: [...KNOWN_COLUMNS].join(', ') }) });
    const earlier = seen.get(field);
    if (earlier !== undefined) problems.push({ row, field: column, message: t('sheet.secondColumn', { field, first: quoted(earlier) }) });
    else seen.set(field, column);
  }
  return problems;
}

const SEPARATORS = [',', ';', '\t'] as const;

/**
 * The separator the header line uses most: Excel writes `;` where the decimal separator is a
 * comma, and a tab in "Unicode text" (UTF-16) and "Text (tab-delimited)". A comma when none is there.
 */
function sniffDelimiter(head: Buffer, encoding: TextEncoding): string {
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(head);
  } catch {
    return ',';
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const count = (char: string) => header.split(char).length - 1;
  return SEPARATORS.reduce((best, char) => (count(char) > count(best) ? char : best));
}

/** The CSV parser's complaint in plain words; the rare others in its own (English). */
function csvProblem(t: Translate, error: Error & { code?: string }): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return t('sheet.quoteNotClosed');
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return t('sheet.closingQuote');
  return error.message.replace(/^Invalid /, 'invalid ');
}
