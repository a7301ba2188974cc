import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { FIELDS } from '../core/fields.js';
import { canonicalColumn, REPORT_COLUMNS, type RowProblem } from '../core/signers.js';
import { dataError } from '../errors.js';

export interface RawRow {
  /** "signups.csv:14" */
  row: string;
  cells: Record<string, unknown>;
}

export type RowOrProblem = { raw: RawRow } | { problem: RowProblem };

const KNOWN_COLUMNS = new Set<string>([...FIELDS.map((field) => field.key), ...REPORT_COLUMNS]);
/** YAML and JSON sheets are read whole; a CSV is streamed, whatever its size. */
const MAX_WHOLE_FILE = 20 * 1024 * 1024;

/**
 * The rows of a sign-up sheet, one at a time: CSV (a header row; Excel's UTF-8 BOM, `;` or
 * `,` separators, CRLF), or a YAML/JSON list of the answers' fields.
 */
export async function* readSignerRows(path: string, shown: string): AsyncGenerator<RowOrProblem> {
  try {
    statSync(path);
  } catch {
    throw dataError(`--signers ${shown}: no such file`);
  }
  const kind = extname(path).toLowerCase();
  if (kind === '.yaml' || kind === '.yml' || kind === '.json') yield* structuredRows(path, shown);
  else yield* csvRows(path, shown);
}

async function* csvRows(path: string, shown: string): AsyncGenerator<RowOrProblem> {
  const { parse } = await import('csv-parse');
  const delimiter = sniffDelimiter(path);
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      delimiter,
      columns: (header: string[]) => header.map(canonicalColumn),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }),
  );
  let checkedHeader = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checkedHeader) {
        checkedHeader = true;
        for (const column of Object.keys(record).filter((c) => !KNOWN_COLUMNS.has(c))) {
          yield { problem: { row: `${shown}:1`, field: column, message: `unknown column (expected some of: ${[...KNOWN_COLUMNS].join(', ')})` } };
        }
      }
      yield { raw: { row: `${shown}:${info.lines}`, cells: record } };
    }
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    yield { problem: { row: `${shown}:${line ?? '?'}`, field: 'csv', message: (error as Error).message.replace(/^Invalid /, 'invalid ') } };
  }
}

/** Excel writes `;` where the decimal separator is a comma; the header line tells which. */
function sniffDelimiter(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const header = buffer.subarray(0, read).toString('utf8').split(/\r?\n/)[0] ?? '';
    const count = (char: string) => header.split(char).length - 1;
    return count(';') > count(',') ? ';' : ',';
  } finally {
    closeSync(fd);
  }
}

async function* structuredRows(path: string, shown: string): AsyncGenerator<RowOrProblem> {
  const size = statSync(path).size;
  if (size > MAX_WHOLE_FILE) throw dataError(`--signers ${shown}: too large for YAML or JSON (${size} bytes); use CSV for big sheets`);
  const { parseYamlSource } = await import('../core/yaml-source.js');
  const source = parseYamlSource(readFileSync(path, 'utf8'), shown);
  for (const problem of source.problems) yield { problem: { row: `${shown}:${problem.line}`, field: 'yaml', message: problem.message } };
  if (source.problems.length > 0) return;
  const data = source.data as unknown;
  const rows = Array.isArray(data) ? data : (data as { signers?: unknown })?.signers;
  if (!Array.isArray(rows)) {
    yield { problem: { row: `${shown}:1`, field: 'signers', message: 'must be a list of signers (name, city, country, …)' } };
    return;
  }
  for (const [index, cells] of rows.entries()) {
    const path = Array.isArray(data) ? [index] : ['signers', index];
    const row = `${shown}:${source.locate(path).line}`;
    if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) yield { problem: { row, field: 'row', message: 'must be a mapping of fields' } };
    else yield { raw: { row, cells: cells as Record<string, unknown> } };
  }
}
