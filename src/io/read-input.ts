import { closeSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Translate } from '../core/i18n.js';
import { type ErrorKind, UaError } from '../errors.js';
import { openToRead } from './pipes.js';
import { describeSystemError, errorCode } from './system-errors.js';

/**
 * Reads a file the user pointed at, whole, but never more than `max` bytes: the limit is
 * checked while reading, so a device (/dev/zero), a FIFO or stdin cannot make ua read for ever;
 * a named pipe that nothing writes to is said at once rather than waited on.
 * `what` names it in messages: `--answers me.yaml`.
 */
export function readInput(t: Translate, path: string, max: number, what: string): Buffer {
  let opened: ReturnType<typeof openToRead>;
  try {
    opened = openToRead(path);
  } catch (error) {
    throw unreadable(t, error, what);
  }
  // A named pipe nothing writes to would be waited on for ever (io/pipes.ts).
  if (!opened) throw new UaError('data', t('input.noWriter', { what }), { hint: t('input.noWriterHint') });
  const { fd, head } = opened;
  try {
    const chunks: Buffer[] = [head];
    let total = head.length;
    if (total > max) throw tooLarge(t, what, max);
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      total += read;
      if (total > max) throw tooLarge(t, what, max);
      chunks.push(chunk.subarray(0, read));
    }
  } catch (error) {
    throw error instanceof UaError ? error : unreadable(t, error, what);
  } finally {
    closeSync(fd);
  }
}

/** The same for a stream (stdin): stops at `max` bytes. */
export async function readStreamInput(t: Translate, stream: Readable, max: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > max) {
      stream.destroy();
      throw tooLarge(t, what, max);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(t: Translate, what: string, max: number): UaError {
  return new UaError('data', t('input.tooLarge', { what, limit: formatBytes(max) }));
}

/** A path that is not there, or not a file, is bad input (2); a disk or permission problem is a failure (1). */
function unreadable(t: Translate, error: unknown, what: string): UaError {
  if (!errorCode(error)) throw error;
  const kind: ErrorKind = ['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'ELOOP'].includes(errorCode(error) ?? '') ? 'data' : 'failure';
  return new UaError(kind, t('punct.labelled', { label: what, value: describeSystemError(t, error) }));
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`;
}
