import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { cancelled, UaError } from '../errors.js';
import { commitFile, commitFiles, commitFolder, type Output, refuseConflicts, stagingFolder } from './commit.js';
import { BackgroundFlushes, inMemoryOnly, isDevice, removeEmpty, syncFile, syncFolder, writeAll } from './durable.js';
import { isFifo, openToAppend } from './pipes.js';
import { errorCode, systemError } from './system-errors.js';

/**
 * Every output of more than a moment's work is written the same way (git's lockfile model):
 * into a staging folder beside the target, each file flushed to disk, then committed by
 * rename. An error or an interrupt removes the staging folder, so a failed run leaves nothing
 * behind and the previous output untouched; a device or FIFO is written to, never replaced.
 */

/** Ctrl-C, SIGTERM, SIGHUP: while a stage is open they remove it, and the run ends as cancelled. */
export interface Interrupts {
  onInterrupt: (handler: () => void) => () => void;
}

/** Files flushing at once (writeSoon): a flush waits on the disk; Node's four I/O threads take them side by side. */
const PARALLEL_WRITES = 8;

export class Stage {
  private readonly written = new Set<string>();
  /** Writes flushing in the background (writeSoon). */
  private readonly flushes = new BackgroundFlushes(PARALLEL_WRITES);
  /** Files written by a stream (PDFs): flushed to disk at the commit. */
  private readonly streamed = new Set<string>();
  private interrupted = false;
  private open = true;
  private readonly stopListening: () => void;

  /** The staging folder; undefined when the target is a device or FIFO, written in place. */
  private dir: string | undefined;
  /** In memory only (tmpfs), it has nothing to flush (see writeSoon). */
  private inMemory = false;
  /** A FIFO's write end, held from the start: its reader sees one stream, ended at the commit. */
  private pipe: number | undefined;
  /** The first folder this stage had to create above the target (removed if nothing is committed). */
  private createdAbove: string | undefined;
  /** The folder the staging folder is in. */
  private home: string | undefined;

  private constructor(
    private readonly t: Translate,
    private readonly output: Output & { shown: string },
    interrupts: Interrupts | undefined,
  ) {
    this.stopListening = interrupts?.onInterrupt(() => this.interrupt()) ?? (() => undefined);
  }

  /** Checks the target (nothing is overwritten without force), then makes the staging folder beside it. */
  static open(t: Translate, output: Output, interrupts?: Interrupts): Stage {
    const target = { ...output, shown: output.shown ?? output.path };
    // Listening first: an interrupt from the moment the staging folder exists removes it.
    const stage = new Stage(t, target, interrupts);
    try {
      if (target.kind === 'file' && isDevice(target.path)) stage.openPipe(target);
      else stage.makeFolder(target);
    } catch (error) {
      stage.stopListening();
      throw error;
    }
    return stage;
  }

  /** A FIFO nothing reads from is said at once (io/pipes.ts), not waited on for ever. */
  private openPipe(target: Output & { shown: string }): void {
    if (!isFifo(target.path)) return;
    try {
      this.pipe = openToAppend(target.path, target.mode);
    } catch (error) {
      const kind = errorCode(error) === 'ENXIO' ? 'data' : 'failure';
      throw systemError(this.t, error, this.t('files.cannotWrite', { file: target.shown }), this.t('files.noReaderHint'), kind);
    }
  }

  private makeFolder(target: Output & { shown: string }): void {
    refuseConflicts(this.t, target);
    Object.assign(this, stagingFolder(this.t, target));
    this.inMemory = this.dir !== undefined && inMemoryOnly(this.dir);
  }

  /** Where to write `name` (a stream, such as a PDF); it is committed with the rest. */
  file(name: string): string {
    this.streamed.add(name);
    return this.pathOf(name);
  }

  private pathOf(name: string): string {
    this.checkpoint();
    this.written.add(name);
    // A plain name (a batch's 20,000 letters) needs no normalising.
    return !this.dir ? this.output.path : /[\\/]|^\./.test(name) ? join(this.dir, name) : `${this.dir}${sep}${name}`;
  }

  /** Writes `name` whole and flushes it to disk. */
  write(name: string, content: string | Buffer): void {
    const path = this.pathOf(name);
    try {
      // A device or FIFO is appended to: `--out /dev/stdout >> log` keeps what log had.
      const fd = this.pipe ?? openSync(path, this.dir ? 'wx' : 'a', this.output.mode ?? 0o644);
      try {
        writeAll(fd, content);
        if (this.dir) fsyncSync(fd);
      } finally {
        if (fd !== this.pipe) closeSync(fd);
      }
    } catch (error) {
      throw this.failed(error);
    }
  }

  /**
   * Writes `name` whole and flushed, in the background; resolves once another write may start
   * (at most PARALLEL_WRITES at once). A failure is thrown by the next call, or by settled().
   */
  async writeSoon(name: string, content: string | Buffer): Promise<void> {
    this.flushes.check();
    // A device takes its writes in order, one at a time.
    if (!this.dir) return this.write(name, content);
    // Written at once (to the page cache), flushed in the background: the flush waits on the
    // disk. In memory (tmpfs), it would only wait on trips to Node's I/O threads (1.3 s of 20,000).
    let fd: number;
    try {
      fd = openSync(this.pathOf(name), 'wx', this.output.mode ?? 0o644);
      writeAll(fd, content);
      if (this.inMemory) return closeSync(fd);
    } catch (error) {
      this.flushes.fail(error);
      throw error;
    }
    await this.flushes.add(fd);
  }

  /** Waits for every write in flight; throws the first failure (staged() makes it the user's error). */
  async settled(): Promise<void> {
    await this.flushes.settled();
  }

  /** The names written so far. */
  names(): string[] {
    return [...this.written];
  }

  /** Renames a file already written (before the commit). */
  rename(from: string, to: string): void {
    if (!this.dir) return;
    try {
      renameSync(join(this.dir, from), join(this.dir, to));
    } catch (error) {
      throw this.failed(error);
    }
    this.written.delete(from);
    this.written.add(to);
    if (this.streamed.delete(from)) this.streamed.add(to);
  }

  /** Throws the cancellation once an interrupt came: writers call it between letters. */
  checkpoint(): void {
    const { t } = this;
    if (this.interrupted) throw cancelled(t('errors.cancelledWriting'));
  }

  /** Moves everything into place, all or nothing; returns the paths written. */
  commit(): string[] {
    const { t } = this;
    this.checkpoint();
    const dir = this.dir;
    if (!dir) return this.finish([this.output.path]);
    try {
      for (const name of this.streamed) syncFile(join(dir, name));
      syncFolder(dir);
      if (this.output.kind === 'file') return this.finish(commitFile(dir, this.output));
      if (this.output.kind === 'files') return this.finish(commitFiles(t, dir, [...this.written], this.output));
      return this.finish(commitFolder(t, dir, [...this.written], this.output));
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Removes the staging folder (after an error); the target is as it was. */
  discard(): void {
    if (!this.open) return;
    this.open = false;
    this.stopListening();
    if (this.pipe !== undefined) closeSync(this.pipe);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    removeEmpty(this.createdAbove, this.home);
  }

  /** An error while staging, as the user should see it: the stage is gone, the cause named. */
  failed(error: unknown): UaError {
    const { t } = this;
    this.discard();
    if (this.interrupted) return cancelled(t('errors.cancelledWriting'));
    if (error instanceof UaError) return error;
    return systemError(t, error, t('files.cannotWrite', { file: this.output.shown }), t('files.untouched'));
  }

  private interrupt(): void {
    this.interrupted = true;
    // Removed now, not at the next checkpoint: a second Ctrl-C ends the process at once. A
    // write in flight may add a file meanwhile: then it goes with the discard, after the writes.
    try {
      if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    } catch {}
  }

  private finish(paths: string[]): string[] {
    this.open = false;
    this.stopListening();
    if (this.pipe !== undefined) closeSync(this.pipe);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    return paths;
  }
}

/** Runs `work` with a stage, commits it, and removes it on any failure. */
export async function staged<T>(
  t: Translate,
  output: Output,
  interrupts: Interrupts | undefined,
  work: (stage: Stage) => Promise<T> | T,
): Promise<{ result: T; paths: string[] }> {
  const stage = Stage.open(t, output, interrupts);
  try {
    const result = await work(stage);
    await stage.settled();
    return { result, paths: stage.commit() };
  } catch (error) {
    // Writes still in flight would create files in a folder being removed.
    await stage.settled().catch(() => undefined);
    throw stage.failed(error);
  }
}

/** One file, all or nothing: the common case (a letter, the config file, a report). */
export function writeFileAtomically(t: Translate, output: Omit<Output, 'kind'>, content: string | Buffer): void {
  const stage = Stage.open(t, { ...output, kind: 'file' });
  try {
    stage.write(basename(output.path), content);
    stage.commit();
  } catch (error) {
    throw stage.failed(error);
  }
}
