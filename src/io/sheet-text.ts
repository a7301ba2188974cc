import { type Readable, Transform } from 'node:stream';

/** A sign-up sheet as it is read: its first bytes, then all of them as a stream, or whole. */
export interface Sheet {
  /** The first bytes: the encoding and the separator are told from them. */
  head: Buffer;
  bytes(): Readable;
  whole(): Buffer;
}

/**
 * A sign-up sheet's bytes as text. Spreadsheets save CSV as UTF-8 (with or without a byte
 * order mark), UTF-16 (Excel's "Unicode text", always with a mark), or a legacy code page
 * (Latin-1, Windows-1252) that cannot be told apart from UTF-8 by rule: read as UTF-8 it
 * mangles every accented name. So: UTF-8 or UTF-16 by their marks, and anything that is not
 * valid UTF-8 is refused with its line, never guessed.
 */
export type SheetEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** A line of the sheet that is not valid UTF-8: the reader names it (sheet.notUtf8). */
export class SheetEncodingError extends Error {
  constructor(readonly line: number) {
    super();
  }
}

/** The encoding by the first bytes; undefined when they are not text at all (NUL bytes without a UTF-16 mark). */
export function detectEncoding(head: Buffer): SheetEncoding | undefined {
  // UTF-32 (FF FE 00 00) is not a spreadsheet's: not text, as far as a sheet goes.
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return undefined;
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return head.includes(0) ? undefined : 'utf-8';
}

/** Decodes a whole sheet (YAML, JSON): throws SheetEncodingError at the first line that is not valid. */
export function decodeSheet(bytes: Buffer, encoding: SheetEncoding): string {
  const decoder = sheetDecoder(encoding);
  return decoder.push(bytes) + decoder.end();
}

/** The same, as a stream of text for the CSV parser. */
export function decodingStream(encoding: SheetEncoding): Transform {
  const decoder = sheetDecoder(encoding);
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

function sheetDecoder(encoding: SheetEncoding) {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let line = 1;
  let carry = Buffer.alloc(0);
  return {
    push(chunk: Buffer): string {
      if (encoding !== 'utf-8') return decode(chunk);
      // An incomplete sequence at the end of a chunk waits for the next one.
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const complete = bytes.length - incompleteTail(bytes);
      carry = Buffer.from(bytes.subarray(complete));
      const invalid = firstInvalidUtf8(bytes.subarray(0, complete));
      if (invalid >= 0) throw new SheetEncodingError(line + countNewlines(bytes.subarray(0, invalid)));
      const text = decode(bytes.subarray(0, complete));
      line += countNewlines(bytes.subarray(0, complete));
      return text;
    },
    end(): string {
      if (carry.length > 0) throw new SheetEncodingError(line);
      return decode(undefined);
    },
  };
  /** What the quick check lets through (an overlong form, a lone surrogate), the decoder catches. */
  function decode(bytes: Buffer | undefined): string {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new SheetEncodingError(line);
    }
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
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

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence; -1 if none. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes[i] as number);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}
