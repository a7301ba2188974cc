import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatesTooFar } from '../../src/io/pdf-streams.js';

const pdf = (dictionary: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`%PDF-1.4\n4 0 obj << ${dictionary} >> stream\n`, 'latin1'), data, Buffer.from('\nendstream endobj\n')]);
const zeros = (bytes: number) => deflateSync(Buffer.alloc(bytes));

describe('a PDF that inflates past the bound is caught before pdf.js inflates it', () => {
  it.each([
    ['a content stream within the bound', '/Filter /FlateDecode', zeros(1000), 4096, false],
    ['a content stream past it', '/Filter /FlateDecode', zeros(10_000), 4096, true],
    ['the abbreviation /Fl', '/Filter /Fl', zeros(10_000), 4096, true],
    ['two layers, the second past it', '/Filter [/FlateDecode /FlateDecode]', deflateSync(zeros(10_000)), 4096, true],
    ['an image (never decoded for text)', '/Subtype /Image /Filter /FlateDecode', zeros(10_000), 4096, false],
    ['a stream that is not zlib (pdf.js reports it)', '/Filter /FlateDecode', Buffer.from('not zlib'), 4096, false],
  ])('%s', (_name, dictionary, data, bound, caught) => {
    expect(inflatesTooFar(pdf(dictionary, data), bound) !== undefined).toBe(caught);
  });

  it('counts every stream towards one bound', () => {
    const two = Buffer.concat([pdf('/Filter /FlateDecode', zeros(3000)), pdf('/Filter /FlateDecode', zeros(3000))]);
    expect(inflatesTooFar(two, 4096)).toBeDefined();
    expect(inflatesTooFar(two, 8192)).toBeUndefined();
  });
});
