import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { dataError } from '../errors.js';
import { crypto } from './crypto.js';
import { lstatOrUndefined, removeEmpty, statOrUndefined, syncFolder } from './durable.js';
import { errorCode, systemError } from './system-errors.js';

// The two ends of a stage (staging.ts): before it opens, what it may replace and the folder it
// writes into; at its commit, the renames that put its files in place, all or nothing.

/** Written into every folder `ua batch` makes: `--force` replaces only folders that hold it. */
export const OUTPUT_MARKER = '.ua-output';

/** What a stage writes to its target. */
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

/** Refused before anything is written: a disk, a folder where a file goes, anything there without --force, a folder ua did not make. */
export function refuseConflicts(t: Translate, output: Output & { shown: string }): void {
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

/**
 * The staging folder for a target, beside it: `createdAbove` is the first folder of the path
 * this made (removed again if nothing is committed), `home` the folder it is in.
 */
export function stagingFolder(t: Translate, target: Output & { shown: string }): { dir: string; createdAbove: string | undefined; home: string } {
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
  const dir = join(home, `.${target.kind === 'files' ? '' : basename(target.path).slice(0, 40)}.ua-${crypto().randomBytes(4).toString('hex')}`);
  try {
    // A batch's folder becomes the output itself: it gets a folder's usual permissions.
    mkdirSync(dir, { mode: target.kind === 'folder' ? 0o777 : 0o700 });
  } catch (error) {
    removeEmpty(createdAbove, home);
    throw cannot(error);
  }
  return { dir, createdAbove, home };
}

/** The names a marker lists: the files of the batch that wrote it (lines after the first). */
function markerNames(marker: string): string[] {
  try {
    return readFileSync(marker, 'utf8').split('\n').slice(1).filter(Boolean);
  } catch {
    return [];
  }
}

export function commitFile(dir: string, output: Output): string[] {
  renameSync(join(dir, basename(output.path)), output.path);
  syncFolder(dirname(output.path));
  return [output.path];
}

/**
 * Files into a folder that may hold others: every conflict is found before anything moves;
 * the files they replace are set aside first, and put back if a move fails half-way.
 */
export function commitFiles(t: Translate, dir: string, names: string[], output: Output & { shown: string }): string[] {
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
export function commitFolder(t: Translate, dir: string, names: string[], output: Output): string[] {
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
