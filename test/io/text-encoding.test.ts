import { Readable } from 'node:stream';
import { text as streamText } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { decodingStream, NotUtf8Error, utf8Text } from '../../src/io/text-encoding.js';

/** Where utf8Text stops: [line, column], or the text when it does not. */
function stop(bytes: Buffer): [number, number] | string {
  try {
    return utf8Text(bytes);
  } catch (error) {
    if (error instanceof NotUtf8Error) return [error.line, error.col];
    throw error;
  }
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('one rule for every text file: UTF-8, or refused where it breaks', () => {
  it.each([
    ['valid UTF-8 of every length', bytes('Łódź — 日本 🙂\nPerú\n'), 'Łódź — 日本 🙂\nPerú\n'],
    ['Latin-1 é, line 2 column 10', bytes('id: x\nname: Pér', [0xe9], 'z\n'), [2, 10]],
    ['after multibyte letters, the column counts letters', bytes('Łódź ', [0xe9]), [1, 6]],
    ['a stray continuation byte', bytes('ab', [0x80]), [1, 3]],
    ['an overlong form (C0 AF, a "/" in disguise)', bytes('a', [0xc0, 0xaf]), [1, 2]],
    ['an overlong three-byte form (E0 80 AF)', bytes('a', [0xe0, 0x80, 0xaf]), [1, 2]],
    ['a UTF-16 surrogate written as UTF-8 (ED A0 80)', bytes('\n\nab', [0xed, 0xa0, 0x80]), [3, 3]],
    ['past U+10FFFF (F4 90 80 80)', bytes([0xf4, 0x90, 0x80, 0x80]), [1, 1]],
    ['a sequence cut short at the end', bytes('ok\nend', [0xe2, 0x82]), [2, 4]],
  ])('%s', (_, input, expected) => {
    expect(stop(input)).toEqual(expected);
  });

  it('a stream cut anywhere, even inside a letter, is read the same; a bad byte is still placed right', async () => {
    const good = Buffer.from('name,city\nJosé Núñez,León\nŁukasz,Łódź\n');
    for (let cut = 1; cut < good.length; cut++) {
      const decoded = await streamText(Readable.from([good.subarray(0, cut), good.subarray(cut)]).pipe(decodingStream('utf-8')));
      expect(decoded, `cut at ${cut}`).toBe(good.toString('utf8'));
    }
    const bad = bytes('name,city\nJosé,Le', [0xf3], 'n\n');
    for (let cut = 1; cut < bad.length; cut++) {
      const failed = await streamText(Readable.from([bad.subarray(0, cut), bad.subarray(cut)]).pipe(decodingStream('utf-8'))).catch((error: unknown) => error);
      expect(failed, `cut at ${cut}`).toBeInstanceOf(NotUtf8Error);
      expect([(failed as NotUtf8Error).line, (failed as NotUtf8Error).col], `cut at ${cut}`).toEqual([2, 8]);
    }
  });
});
