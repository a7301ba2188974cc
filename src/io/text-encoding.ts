import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import type { Translate } from '../core/i18n.js';
import type { Problem } from '../core/problems.js';

/**
 * Files people give ua as text — a UA file, the config file, a sign-up sheet, a document to
 * import — are UTF-8. A legacy code page (Latin-1, Windows-1252: what "CSV (Windows)" or an
 * old editor saves) cannot be told apart from UTF-8 by rule, and read as UTF-8 it turns every
 * accented letter into U+FFFD ("P�rez"). So one rule for all of them: anything that is not
 * valid UTF-8 is refused with its line and column, never guessed. Spreadsheets also save
 * UTF-16 (Excel's "Unicode text"), always with a byte order mark: a sheet is read by its mark.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Where the text stops being valid: the reader names the place (sheet.notUtf8, text.notUtf8). */
export class NotUtf8Error extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
  ) {
    super();
  }
}

/** The encoding by the first bytes; undefined when they are not text at all (NUL bytes without a UTF-16 mark). */
export function detectEncoding(head: Buffer): TextEncoding | undefined {
  // UTF-32 (FF FE 00 00) is not a spreadsheet's: not text, as far as a sheet goes.
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return undefined;
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return head.includes(0) ? undefined : 'utf-8';
}

/** A whole file's text (a UA file, the config file): throws NotUtf8Error at the first byte that is not UTF-8. */
export function utf8Text(bytes: Buffer): string {
  return decodeText(bytes, 'utf-8');
}

/** A UA file's or the config file's text, or where it stops being UTF-8, as a problem of the file. */
export function utf8Source(t: Translate, bytes: Buffer, file: string): { text: string } | { problem: Problem } {
  try {
    return { text: utf8Text(bytes) };
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    return { problem: { file, line: error.line, col: error.col, path: '', message: t('input.notUtf8') } };
  }
}

/** Decodes a whole file (YAML, JSON): throws NotUtf8Error at the first place that is not valid. */
export function decodeText(bytes: Buffer, encoding: TextEncoding): string {
  const decoder = textDecoder(encoding);
  return decoder.push(bytes) + decoder.end();
}

/** The same, as a stream of text for the CSV parser. */
export function decodingStream(encoding: TextEncoding): Transform {
  const decoder = textDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      try {
        done(null, decoder.push(chunk));
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        done(null, decoder.end());
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

function textDecoder(encoding: TextEncoding) {
  const decoder = new TextDecoder(encoding, { fatal: true });
  // Where the next chunk starts: its line, and the characters already on that line.
  let line = 1;
  let column = 0;
  let carry = Buffer.alloc(0);
  /** The line and column of `offset` in `bytes`, which starts where the last chunk ended. */
  const place = (bytes: Buffer, offset: number): NotUtf8Error => {
    const before = bytes.subarray(0, offset);
    const newline = before.lastIndexOf(10);
    const start = newline < 0 ? column : 0;
    return new NotUtf8Error(line + countNewlines(before), start + countCharacters(before.subarray(newline + 1)) + 1);
  };
  return {
    push(chunk: Buffer): string {
      if (encoding !== 'utf-8') return decode(chunk);
      // An incomplete sequence at the end of a chunk waits for the next one.
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const complete = bytes.subarray(0, bytes.length - incompleteTail(bytes));
      carry = Buffer.from(bytes.subarray(complete.length));
      // Node's own check first (native, and most text is valid); the place only when it is not.
      const invalid = isUtf8(complete) ? -1 : firstInvalidUtf8(complete);
      if (invalid >= 0) throw place(complete, invalid);
      const text = decode(complete);
      const newline = complete.lastIndexOf(10);
      column = (newline < 0 ? column : 0) + countCharacters(complete.subarray(newline + 1));
      line += countNewlines(complete);
      return text;
    },
    end(): string {
      if (carry.length > 0) throw new NotUtf8Error(line, column + 1);
      return decode(undefined);
    },
  };
  /** UTF-16 has no quick check: a lone surrogate is named by the line the chunk starts on. */
  function decode(bytes: Buffer | undefined): string {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8Error(line, column + 1);
    }
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

/** Characters in valid UTF-8: every byte that does not continue a sequence starts one. */
function countCharacters(bytes: Buffer): number {
  let count = 0;
  for (const byte of bytes) if ((byte & 0xc0) !== 0x80) count++;
  return count;
}

/** How many bytes at the end start a UTF-8 sequence the chunk does not finish. */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) !== 0x80) return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The range the second byte must be in (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence; -1 if none. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] as number;
    const length = sequenceLength(lead);
    if (length === 0) return i;
    if (length > 1) {
      const [low, high] = secondByteRange(lead);
      const second = bytes[i + 1] ?? 0;
      if (second < low || second > high) return i;
    }
    for (let k = 2; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}
