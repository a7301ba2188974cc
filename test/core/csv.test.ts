import { describe, expect, it } from 'vitest';
import { FAILED_SHEET_COLUMNS, isFailedSheetHeader, separatorForLocale, toCsv, unguarded } from '../../src/core/csv.js';

describe('CSV for spreadsheets', () => {
  it('starts with a BOM, quotes what needs it, guards formulas', () => {
    expect(
      toCsv([
        ['name', 'note'],
        ['=Ana', 'a, b'],
        ['Zoë "Z"', '-1'],
      ]),
    ).toBe('\uFEFFname,note\r\n\'=Ana,"a, b"\r\n"Zoë ""Z""",\'-1\r\n');
    expect(toCsv([['a;b', 'c,d']], ';')).toBe('\uFEFF"a;b";c,d\r\n');
  });

  it('unguarded() takes off only the guard ua adds', () => {
    expect(['=Ana', '+1', '-Leeds', '@x'].map((value) => unguarded(toCsv([[value]]).slice(1, -2)))).toEqual(['=Ana', '+1', '-Leeds', '@x']);
    expect(unguarded("O'Brien")).toBe("O'Brien");
    expect(unguarded("'Ana")).toBe("'Ana");
  });

  it('knows a failed.csv by its header, as ua wrote it or as a spreadsheet saved it again', () => {
    for (const separator of [',', ';'] as const) expect(isFailedSheetHeader(toCsv([[...FAILED_SHEET_COLUMNS]], separator).split('\r\n')[0] ?? '')).toBe(true);
    expect(isFailedSheetHeader(FAILED_SHEET_COLUMNS.map((name) => `"${name}"`).join(';'))).toBe(true);
    expect(isFailedSheetHeader('name,city,country,email,lang,targets')).toBe(false);
    expect(isFailedSheetHeader('my own notes')).toBe(false);
  });

  it.each([
    ['es_ES.UTF-8', ';'],
    ['fr_FR.UTF-8', ';'],
    ['de_DE', ';'],
    ['pt-BR', ';'],
    ['en_US.UTF-8', ','],
    ['en_GB.UTF-8@euro', ','],
    ['C.UTF-8', ','],
    ['POSIX', ','],
    [undefined, ','],
    ['not a locale!', ','],
  ])('the separator for %s is "%s"', (locale, separator) => {
    expect(separatorForLocale(locale)).toBe(separator);
  });
});
