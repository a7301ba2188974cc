import { FAILED_SHEET_COLUMNS, unguarded } from '../core/csv.js';
import { FIELDS } from '../core/fields.js';
import type { Translate } from '../core/i18n.js';
import { quoted } from '../core/shown.js';
import { canonicalColumn, REPORT_COLUMNS, type RowOrProblem, type RowProblem } from '../core/signers.js';
import { decodingStream, type Sheet, type SheetEncoding, SheetEncodingError } from './sheet-text.js';
import { errorCode, systemError } from './system-errors.js';

const KNOWN_COLUMNS = new Set<string>([...FIELDS.map((field) => field.key), ...REPORT_COLUMNS]);

/** A CSV sheet's rows, one at a time, after its header row. */
export async function* csvRows(t: Translate, sheet: Sheet, shown: string, encoding: SheetEncoding): AsyncGenerator<RowOrProblem> {
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
      // LibreOffice and Excel save an empty row as its separators alone (",,,,," or ";;;;;").
      skip_records_with_empty_values: true,
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
    if (error instanceof SheetEncodingError) {
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

const SEPARATORS = [',', ';', '\t'] as const;

/**
 * The separator the header line uses most: Excel writes `;` where the decimal separator is a
 * comma, and a tab in "Unicode text" (UTF-16) and "Text (tab-delimited)". A comma when none is there.
 */
function sniffDelimiter(head: Buffer, encoding: SheetEncoding): string {
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
