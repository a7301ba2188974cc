import { describe, expect, it } from 'vitest';
import { separatorForLocale, toCsv, unguarded } from '../../src/core/csv.js';

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
