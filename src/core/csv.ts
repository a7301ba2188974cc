/** What separates a CSV's cells: the comma, or the semicolon where numbers have a decimal comma. */
export type CsvSeparator = ',' | ';';

/** failed.csv's columns: the sheet ua writes to be fed back with --signers. */
export const FAILED_SHEET_COLUMNS = ['name', 'city', 'country', 'email', 'address', 'about', 'note', 'lang', 'targets', 'outcome', 'reason'] as const;

/**
 * Whether a CSV's first line is a failed.csv's header, as ua wrote it or as a spreadsheet saved
 * it again (the byte order mark, either separator, quotes around each name).
 */
export function isFailedSheetHeader(line: string): boolean {
  const names = line
    .replace(/^\uFEFF/, '')
    .split(/[,;\t]/)
    .map((name) => name.trim().replace(/^"(.*)"$/, '$1'));
  return names.join() === FAILED_SHEET_COLUMNS.join();
}

/**
 * CSV as spreadsheets open it: UTF-8 with a byte order mark (without one Excel reads Latin-1),
 * the separator the reader's spreadsheet expects (Excel in Spanish, French or German splits
 * on ";"), RFC 4180 quotes. A cell starting with =, +, - or @ gets a leading ' so a spreadsheet
 * shows it rather than running it; unguarded() takes it off again when ua reads its own file.
 */
export function toCsv(rows: readonly (readonly string[])[], separator: CsvSeparator = ','): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
    return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(separator)).join('\r\n')}\r\n`;
}

/** A cell of a CSV ua wrote, as it was before the formula guard. */
export function unguarded(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

/**
 * The separator a spreadsheet in this locale ("es_ES.UTF-8", "de-DE") expects: Excel uses ";"
 * wherever the decimal separator is a comma. No locale, or one Intl does not know: ",".
 */
export function separatorForLocale(locale: string | undefined): CsvSeparator {
  const tag = locale?.split(/[.@]/)[0]?.replace(/_/g, '-');
  if (!tag || tag === 'C' || tag === 'POSIX') return ',';
  try {
    const decimal = new Intl.NumberFormat(tag).formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
    return decimal === ',' ? ';' : ',';
  } catch {
    return ',';
  }
}
