import { randomBytes } from 'node:crypto';
import {
  close,
  closeSync,
  existsSync,
  fsync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { cancelled, dataError, UaError } from '../errors.js';
import { errorCode, systemError } from './system-errors.js';

/**
 * Every output of more than a moment's work is written the same way (git's lockfile model):
 * into a staging folder beside the target, each file flushed to disk, then committed by
 * rename. An error or an interrupt removes the staging folder, so a failed run leaves nothing
 * behind and the previous output untouched; a device or FIFO is written to, never replaced.
 */
export type OutputKind =
  /** One file. */
  | 'file'
  /** Files added to a folder (one per letter); same-named files are replaced only with force. */
  | 'files'
  /** A folder that is the output (a batch): with force, one ua made is replaced whole, never merged. */
  | 'folder';

export interface Output {
  path: string;
  kind: OutputKind;
  force: boolean;
  /** The path as the user wrote it, for messages. */
  shown?: string;
  /** Permissions of new files (the config file is private: 0600). */
  mode?: number;
}

/** Ctrl-C, SIGTERM, SIGHUP: while a stage is open they remove it, and the run ends as cancelled. */
export interface Interrupts {
  onInterrupt: (handler: () => void) => () => void;
}

/** Written into every folder `ua batch` makes: `--force` replaces only folders that hold it. */
export const OUTPUT_MARKER = '.ua-output';

/**
 * Files written at once by writeSoon: creating a file is most of a text batch's time, and it
 * waits on the file system, not on ua; Node's four I/O threads take them side by side.
 */
const PARALLEL_WRITES = 8;

export class Stage {
  private readonly written = new Set<string>();
  /** Writes in flight (writeSoon), and the first of them that failed. */
  private readonly inFlight = new Set<Promise<void>>();
  private writeError: unknown;
  /** Files written by a stream (PDFs): flushed to disk at the commit. */
  private readonly streamed = new Set<string>();
  private interrupted = false;
  private open = true;
  private readonly stopListening: () => void;

  /** The staging folder; undefined when the target is a device or FIFO, written in place. */
  private dir: string | undefined;
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
    if (target.kind === 'file' && isDevice(target.path)) return stage;
    try {
      stage.makeFolder(target);
    } catch (error) {
      stage.stopListening();
      throw error;
    }
    return stage;
  }

  private makeFolder(target: Output & { shown: string }): void {
    const { t } = this;
    refuseConflicts(t, target);
    const cannot = (error: unknown) => systemError(t, error, t('files.cannotWrite', { file: target.shown }));
    // Files for a folder are staged inside it: on its disk (a USB stick is a mount point), and
    // where the user can write (--out ~/ must not need a staging folder in /home).
    const home = target.kind === 'files' ? target.path : dirname(target.path);
    let createdAbove: string | undefined;
    try {
      createdAbove = mkdirSync(home, { recursive: true });
    } catch (error) {
      // mkdir says EEXIST when a file stands where a folder of the path should be.
      throw cannot(errorCode(error) === 'EEXIST' ? Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }) : error);
    }
    // A short name: a target's own name may already be as long as the file system allows.
    const dir = join(home, `.${target.kind === 'files' ? '' : basename(target.path).slice(0, 40)}.ua-${randomBytes(4).toString('hex')}`);
    try {
      // A batch's folder becomes the output itself: it gets a folder's usual permissions.
      mkdirSync(dir, { mode: target.kind === 'folder' ? 0o777 : 0o700 });
    } catch (error) {
      removeEmpty(createdAbove, home);
      throw cannot(error);
    }
    this.dir = dir;
    this.createdAbove = createdAbove;
    this.home = home;
  }

  /** Where to write `name` (a stream, such as a PDF); it is committed with the rest. */
  file(name: string): string {
    this.streamed.add(name);
    return this.pathOf(name);
  }

  private pathOf(name: string): string {
    this.checkpoint();
    this.written.add(name);
    return this.dir ? join(this.dir, name) : this.output.path;
  }

  /** Writes `name` whole and flushes it to disk. */
  write(name: string, content: string | Buffer): void {
    const path = this.pathOf(name);
    try {
      // A device or FIFO is appended to: `--out /dev/stdout >> log` keeps what log had.
      const fd = openSync(path, this.dir ? 'wx' : 'a', this.output.mode ?? 0o644);
      try {
        const bytes = typeof content === 'string' ? Buffer.from(content) : content;
        for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
        if (this.dir) fsyncSync(fd);
      } finally {
        closeSync(fd);
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
    if (this.writeError !== undefined) throw this.writeError;
    // A device takes its writes in order, one at a time.
    if (!this.dir) return this.write(name, content);
    // Written at once (quick: the data goes to the page cache), flushed in the background: the
    // flush is what waits on the disk.
    let fd: number;
    try {
      fd = openSync(this.pathOf(name), 'wx', this.output.mode ?? 0o644);
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      this.writeError ??= error;
      throw error;
    }
    const flushed = new Promise<void>((resolve) => {
      fsync(fd, (error) => {
        if (error) this.writeError ??= error;
        close(fd, () => resolve());
      });
    }).finally(() => this.inFlight.delete(flushed));
    this.inFlight.add(flushed);
    if (this.inFlight.size >= PARALLEL_WRITES) await Promise.race(this.inFlight);
  }

  /** Waits for every write in flight; throws the first failure (staged() makes it the user's error). */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.writeError !== undefined) throw this.writeError;
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

/**
 * /dev/null, a FIFO, a terminal, this process's own stdout: written to, never replaced. Only
 * what the path is counts, not where it is (a file in /dev/shm is a file); a disk is not a
 * place for letters (see refuseConflicts).
 */
export function isDevice(path: string): boolean {
  if (/^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/self\/fd\/\d+)$/.test(path)) return true;
  const stat = statOrUndefined(path);
  return stat !== undefined && (stat.isFIFO() || stat.isCharacterDevice() || stat.isSocket());
}

function refuseConflicts(t: Translate, output: Output & { shown: string }): void {
  const stat = statOrUndefined(output.path);
  if (!stat) {
    // A link to nowhere is still something there: replaced only with --force, like a file.
    if (lstatOrUndefined(output.path) && !output.force) throw dataError(t('files.exists', { file: output.shown }), t('files.againHint'));
    return;
  }
  if (stat.isBlockDevice()) throw dataError(t('files.disk', { file: output.shown }));
  if (output.kind === 'file') {
    if (stat.isDirectory()) throw dataError(t('files.isFolder', { file: output.shown }), t('files.isFolderHint'));
    if (!output.force) throw dataError(t('files.exists', { file: output.shown }), t('files.againHint'));
    return;
  }
  if (!stat.isDirectory()) throw dataError(t(output.kind === 'folder' ? 'files.isFileBatch' : 'files.isFile', { file: output.shown }));
  if (output.kind === 'files') return;
  const entries = readdirSync(output.path);
  if (entries.length === 0) return;
  if (!output.force) throw dataError(t('files.folderNotEmpty', { file: output.shown }), t('files.folderNotEmptyHint'));
  // Only what ua wrote may go: a sheet or notes someone put in the folder since stay theirs.
  const ours = new Set(markerNames(join(output.path, OUTPUT_MARKER)));
  const theirs = entries.filter((name) => name !== OUTPUT_MARKER && !ours.has(name));
  if (!entries.includes(OUTPUT_MARKER)) throw dataError(t('files.notOurs', { file: output.shown }), t('files.notOursHint'));
  if (theirs.length > 0)
    throw dataError(
      t('files.notOursNamed', { file: output.shown, names: theirs.slice(0, 3).join(', ') + (theirs.length > 3 ? ', …' : '') }),
      t('files.notOursHint'),
    );
}

/** The names a marker lists: the files of the batch that wrote it (lines after the first). */
function markerNames(marker: string): string[] {
  try {
    return readFileSync(marker, 'utf8').split('\n').slice(1).filter(Boolean);
  } catch {
    return [];
  }
}

function commitFile(dir: string, output: Output): string[] {
  renameSync(join(dir, basename(output.path)), output.path);
  syncFolder(dirname(output.path));
  return [output.path];
}

/**
 * Files into a folder that may hold others: every conflict is found before anything moves;
 * the files they replace are set aside first, and put back if a move fails half-way.
 */
function commitFiles(t: Translate, dir: string, names: string[], output: Output & { shown: string }): string[] {
  const targets = names.map((name) => join(output.path, name));
  const folders = targets.filter((path) => statOrUndefined(path)?.isDirectory());
  if (folders.length > 0) throw dataError(t('files.isFolderNothing', { file: join(output.shown, basename(folders[0] as string)) }));
  const existing = targets.filter((path) => existsSync(path));
  if (existing.length > 0 && !output.force) {
    const list = existing.map((path) => basename(path));
    const files = `${list.slice(0, 3).join(', ')}${list.length > 3 ? ', …' : ''}`;
    throw dataError(t('files.existsIn', { count: list.length, files, folder: output.shown }), t('files.againHint'));
  }
  mkdirSync(output.path, { recursive: true });
  const aside = join(dir, '.replaced');
  mkdirSync(aside);
  const moved: string[] = [];
  const setAside: string[] = [];
  try {
    for (const path of existing) {
      renameSync(path, join(aside, basename(path)));
      setAside.push(path);
    }
    for (const [index, name] of names.entries()) {
      renameSync(join(dir, name), targets[index] as string);
      moved.push(name);
    }
  } catch (error) {
    for (const name of moved) renameSync(join(output.path, name), join(dir, name));
    for (const path of setAside) renameSync(join(aside, basename(path)), path);
    throw error;
  }
  syncFolder(output.path);
  return targets;
}

/** The whole folder at once: the previous one (which ua made) is set aside, then removed. Returns the folder. */
function commitFolder(t: Translate, dir: string, names: string[], output: Output): string[] {
  const marker = join(dir, OUTPUT_MARKER);
  const fd = openSync(marker, 'wx', 0o644);
  writeSync(fd, `${[t('files.marker'), ...names].join('\n')}\n`);
  closeSync(fd);
  const previous = existsSync(output.path) ? `${dir}.previous` : undefined;
  if (previous) renameSync(output.path, previous);
  try {
    renameSync(dir, output.path);
  } catch (error) {
    if (previous) renameSync(previous, output.path);
    throw error;
  }
  if (previous) rmSync(previous, { recursive: true, force: true });
  syncFolder(dirname(output.path));
  // Not a path per file: a batch's thousands of names would be memory for nothing.
  return [output.path];
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Folders this stage created (from `home` up to `createdAbove`), removed again when nothing was committed. */
function removeEmpty(createdAbove: string | undefined, home: string | undefined): void {
  if (!createdAbove || !home) return;
  for (let dir = home; dir.length >= createdAbove.length; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/** Makes a file's content durable (a PDF written by a stream) before it replaces anything. */
function syncFile(path: string): void {
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
