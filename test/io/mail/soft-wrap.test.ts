import { encode, wrap } from 'nodemailer/lib/qp';
import { describe, expect, it } from 'vitest';
import { softWrapped } from '../../../src/io/mail/soft-wrap.js';

/** nodemailer's soft wrapping, then LF made CRLF: how a message body was written before. */
const theirs = (text: string) => wrap(text, 76).replace(/\r?\n/g, '\r\n');

/** A repeatable stream of numbers below n. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

/** Text built from pieces, the way letters are: words, spaces, punctuation, accents, line breaks, long runs. */
function texts(seed: number, pieces: string[], count: number, longest: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: next(longest) }, () => pieces[next(pieces.length)]).join(''));
}

const never = () => {
  throw new Error('nodemailer’s wrap was used');
};

describe('soft line breaks, as nodemailer places them, and CRLF line ends', () => {
  it.each([
    ['nothing', ''],
    ['76 characters', 'x'.repeat(76)],
    ['77 characters', 'x'.repeat(77)],
    ['an escape across the 76th character', `${'x'.repeat(74)}=C3=B1${'y'.repeat(10)}`],
    ['a UTF-8 character’s escapes across it', `${'x'.repeat(70)}=E2=82=AC=E2=82=AC${'y'.repeat(10)}`],
    ['only escapes', '=C3=B1'.repeat(30)],
    ['a short line, then a long one', `Dear Minister,\n\n${'word '.repeat(40)}`],
    ['a line ending in =', `${'x'.repeat(75)}=\n${'y'.repeat(80)}`],
    ['spaces and punctuation at the edges', `${'a.b,c!d?e\tf '.repeat(30)}`],
  ])('%s', (_, text) => {
    expect(softWrapped(text, never)).toBe(theirs(text));
  });

  it('20,000 random texts of words, escapes, breaks and long runs: the same lines', () => {
    const pieces = [
      'a',
      'word ',
      ' ',
      '\t',
      '.',
      ',',
      '!',
      '?',
      '=',
      '=C3',
      '=B1',
      '=3D',
      '=20',
      '=09',
      '=E2=82=AC',
      '\n',
      '\n\n',
      'x'.repeat(60),
      'y'.repeat(75),
      'z'.repeat(77),
    ];
    for (const text of texts(21, pieces, 20_000, 60)) expect(softWrapped(text, never), JSON.stringify(text)).toBe(theirs(text));
  });

  it('2,000 random letters in many scripts, encoded as a message body is: the same lines', () => {
    const pieces = ['Señora ', 'Ministra', ' ', '.', ',', 'ñ', 'é', '«', '»', '🌻', 'Ł', '東京', 'الرباط', '=', '\t', ' \n', '\n', '\n\n', 'word '.repeat(12)];
    for (const text of texts(2026, pieces, 2000, 120)) {
      const encoded = encode(Buffer.from(text, 'utf8'));
      expect(softWrapped(encoded, never), JSON.stringify(text)).toBe(theirs(encoded));
    }
  });

  it('a text with a CR is left to nodemailer', () => {
    expect(softWrapped('a\r\nb\n', (text) => `nodemailer: ${text}`)).toBe('nodemailer: a\r\nb\r\n');
  });
});
