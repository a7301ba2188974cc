import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Opening a FIFO without waiting for ever. A plain open() of a named pipe waits until the other
 * end is opened: `--signers fifo` that nothing writes to, or `--out fifo` that nothing reads,
 * hung ua with no word. So a pipe is first opened with O_NONBLOCK, which never waits, and asked
 * whether the other end is there; no timer, so a slow writer (`--signers <(slow-query)`) is
 * waited for as long as it runs, and a pipe with nobody at the other end is said at once.
 *
 * Reading: a first non-blocking read says it. Bytes: a writer wrote them. EAGAIN: a writer
 * holds the pipe and has not written yet. End of file: nothing writes to it (a writer that came
 * and left without a byte looks the same, and is as empty). Writing: O_NONBLOCK|O_WRONLY fails
 * with ENXIO when nothing reads.
 *
 * The rest is then read or written through a blocking descriptor, opened while ua itself holds
 * the other end: an open() waits only while that end is missing, so even a writer (or reader)
 * that leaves in between cannot make it wait. `<(…)` is an anonymous pipe, whose open never
 * waits; it goes the same way.
 */

/** The bytes a FIFO had at once, and a blocking descriptor for the rest; undefined when nothing writes to it. */
export function openToRead(path: string): { fd: number; head: Buffer } | undefined {
  const probe = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  let kind: 'file' | 'fifo' | 'other';
  try {
    const stat = fstatSync(probe);
    kind = stat.isFile() ? 'file' : stat.isFIFO() ? 'fifo' : 'other';
  } catch (error) {
    closeSync(probe);
    throw error;
  }
  // A file reads the same either way; a device (a terminal, /dev/zero) is read as it always was.
  if (kind === 'file') return { fd: probe, head: Buffer.alloc(0) };
  if (kind === 'other') {
    closeSync(probe);
    return { fd: openSync(path, 'r'), head: Buffer.alloc(0) };
  }
  try {
    const head = firstBytes(probe);
    if (head === 'end') return undefined;
    const hold = openOrUndefined(path, constants.O_WRONLY | constants.O_NONBLOCK);
    try {
      return { fd: openSync(path, 'r'), head: head === 'pending' ? Buffer.alloc(0) : head };
    } finally {
      if (hold !== undefined) closeSync(hold);
    }
  } finally {
    closeSync(probe);
  }
}

/**
 * Opens an output to append to (a device, a FIFO, a staged file). A FIFO that nothing reads
 * throws ENXIO at once ("no reader on the other end"), rather than waiting for a reader.
 */
export function openToAppend(path: string, mode?: number): number {
  if (!isFifo(path)) return openSync(path, 'a', mode);
  const probe = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  try {
    const hold = openOrUndefined(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      return openSync(path, 'a');
    } finally {
      if (hold !== undefined) closeSync(hold);
    }
  } finally {
    closeSync(probe);
  }
}

export function isFifo(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false;
  }
}

function firstBytes(fd: number): Buffer | 'end' | 'pending' {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  try {
    const read = readSync(fd, buffer, 0, buffer.length, null);
    return read === 0 ? 'end' : Buffer.from(buffer.subarray(0, read));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return 'pending';
    throw error;
  }
}

function openOrUndefined(path: string, flags: number): number | undefined {
  try {
    return openSync(path, flags);
  } catch {
    return undefined;
  }
}
