import { closeSync, fsync, fsyncSync, lstatSync, openSync, realpathSync, rmdirSync, statfsSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// The file system's part of all-or-nothing writing (staging.ts): what a path is, and making
// what was written durable before it replaces anything.

/**
 * /dev/null, a FIFO, a terminal, this process's own stdout: written to, never replaced. Only
 * what the path is counts, not where it is (a file in /dev/shm is a file); a disk is not a
 * place for letters (see commit.ts).
 */
export function isDevice(path: string): boolean {
  if (/^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/self\/fd\/\d+)$/.test(path)) return true;
  const stat = statOrUndefined(path);
  return stat !== undefined && (stat.isFIFO() || stat.isCharacterDevice() || stat.isSocket());
}

export function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

export function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Folders this stage created (from `home` up to `createdAbove`), removed again when nothing was committed. */
export function removeEmpty(createdAbove: string | undefined, home: string | undefined): void {
  if (!createdAbove || !home) return;
  for (let dir = home; dir.length >= createdAbove.length; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/** statfs(2)'s f_type of the file systems that keep files in memory only: tmpfs, ramfs. */
const IN_MEMORY = new Set([0x01021994, 0x858458f6]);

/**
 * Whether `folder` is on a file system that keeps its files in memory only (/dev/shm, a /tmp
 * on tmpfs): there fsync(2) has nothing to flush, and returns at once, without an error.
 */
export function inMemoryOnly(folder: string): boolean {
  try {
    return IN_MEMORY.has(statfsSync(folder).type);
  } catch {
    return false;
  }
}

/** Makes a file's content durable (a PDF written by a stream) before it replaces anything. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a folder's entries (a new or renamed file) durable. */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot sync a folder; each file was synced already.
  }
}

/** All of `content` into an open file (a write may take less than it is given). */
export function writeAll(fd: number, content: string | Buffer): void {
  let bytes: Buffer;
  if (typeof content !== 'string') bytes = content;
  else {
    // A text is handed over as it is: Node encodes it without a Buffer for the collector (a
    // batch writes 20,000 letters), and a file takes it whole unless its disk is full.
    const written = writeSync(fd, content);
    if (written === Buffer.byteLength(content)) return;
    bytes = Buffer.from(content).subarray(written);
  }
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

/**
 * Files flushed to disk and closed in the background, at most `limit` at once: the flush is
 * what waits on the disk. The first failure is kept, and thrown by the next check or settled().
 */
export class BackgroundFlushes {
  private readonly inFlight = new Set<Promise<void>>();
  private error: unknown;

  constructor(private readonly limit: number) {}

  /** Throws the first failure so far, if any. */
  check(): void {
    if (this.error !== undefined) throw this.error;
  }

  fail(error: unknown): void {
    this.error ??= error;
  }

  /**
   * Flushes and closes `fd`; resolves once another may start. The file is closed as soon as it
   * is flushed (a close after fsync waits on nothing): one trip to Node's I/O threads a file,
   * not two. A full window waits until half of it is free, not for each flush in turn: each
   * wait is this thread put to sleep and woken again.
   */
  async add(fd: number): Promise<void> {
    const flushed = new Promise<void>((resolve) => {
      fsync(fd, (error) => {
        if (error) this.fail(error);
        try {
          closeSync(fd);
        } catch (closing) {
          this.fail(closing);
        }
        resolve();
      });
    }).finally(() => this.inFlight.delete(flushed));
    this.inFlight.add(flushed);
    if (this.inFlight.size < this.limit) return;
    while (this.inFlight.size > this.limit / 2) await Promise.race(this.inFlight);
  }

  /** Every flush done; throws the first failure. */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
    this.check();
  }
}

/** The file a path leads to, links followed (the file itself may not exist yet). */
export function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      return join(realpathSync(dirname(file)), basename(file));
    } catch {
      return file;
    }
  }
}
