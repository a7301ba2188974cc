import type { OutStream } from '../world.js';

const { fstatSync, statSync, writeSync } = process.getBuiltinModule('node:fs');

type ErrorListener = (error: NodeJS.ErrnoException) => void;

/**
 * stdout or stderr, when it is a file, a pipe, a socket or /dev/null, written with write(2)
 * straight to its descriptor; a terminal (or any other device) gets Node's own stream. Building
 * that stream loads Node's stream modules: 3 to 5 ms of a letter to stdout, about a sixth of
 * what ua adds to Node's own start. On Linux Node writes these descriptors synchronously too, so
 * what is written, and in which order, is the same.
 *
 * A descriptor that takes nothing for now (EAGAIN: a pipe its opener left non-blocking) hands
 * the rest, and every later write, to Node's stream, which waits for the reader. A write that
 * fails (EPIPE: the reader went away; ENOSPC) is told to the 'error' listeners, as the stream's
 * error would be, and nothing more is written.
 */
export function fdOut(fd: 1 | 2, stream: () => NodeJS.WriteStream, platform: NodeJS.Platform): OutStream {
  if (!writtenDirectly(fd, platform)) return stream();
  const listeners: ErrorListener[] = [];
  let failed = false;
  let handedOver: NodeJS.WriteStream | undefined;
  const handOver = (rest: Buffer) => {
    handedOver = stream();
    for (const listener of listeners) handedOver.on('error', listener);
    return handedOver.write(rest);
  };
  const out = {
    isTTY: false,
    columns: undefined,
    write(chunk: string | Uint8Array): boolean {
      if (handedOver) return handedOver.write(chunk);
      if (failed) return false;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let offset = 0; offset < bytes.length; ) {
        try {
          offset += writeSync(fd, bytes, offset, bytes.length - offset);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return handOver(Buffer.from(bytes.subarray(offset)));
          failed = true;
          for (const listener of listeners) listener(error as NodeJS.ErrnoException);
          return false;
        }
      }
      return true;
    },
    on(event: string, listener: ErrorListener) {
      if (event === 'error') listeners.push(listener);
      handedOver?.on(event, listener);
      return out;
    },
  };
  // Only what ua calls on its output (write, isTTY, columns, on('error')): see World.
  return out as unknown as OutStream;
}

/** A regular file, a pipe, a socket or /dev/null: nothing a terminal would do with the bytes. */
function writtenDirectly(fd: number, platform: NodeJS.Platform): boolean {
  // Windows writes pipes asynchronously, and has no /dev/null: Node's stream, as it was.
  if (platform === 'win32') return false;
  try {
    const stats = fstatSync(fd);
    if (stats.isFile() || stats.isFIFO() || stats.isSocket()) return true;
    return stats.isCharacterDevice() && stats.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}
