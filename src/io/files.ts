import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataError, failure } from '../errors.js';

export interface PlannedFile {
  path: string;
  content: string;
  /** Permissions for a new file; the config file is private (0600). */
  mode?: number;
}

/**
 * Writes every file or none: all are checked first (never overwrite without `force`), then
 * written to temporary names beside their targets and renamed into place, so an interrupted
 * run leaves no half-written letter.
 */
export function writeFilesAtomically(files: readonly PlannedFile[], force: boolean): void {
  // 1. Refuse before touching anything.
  const existing = files.filter((file) => existsSync(file.path));
  const folders = existing.filter((file) => statSync(file.path).isDirectory());
  if (folders.length > 0) throw dataError(`${folders[0]?.path} is a folder, not a file`);
  if (existing.length > 0 && !force) {
    const names = existing.map((file) => file.path);
    throw dataError(
      `${names.length === 1 ? `${names[0]} already exists` : `${names.length} files already exist (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`}; nothing was written`,
      'Use --force to overwrite, or choose another --out.',
    );
  }
  // 2. Write temporaries, flushed to disk.
  const temporaries: string[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const temporary = join(dirname(file.path), `.${randomBytes(6).toString('hex')}.ua-tmp`);
      temporaries.push(temporary);
      const fd = openSync(temporary, 'wx', file.mode ?? 0o644);
      try {
        writeSync(fd, file.content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    // 3. Rename into place: each rename is atomic.
    files.forEach((file, index) => {
      renameSync(temporaries[index] as string, file.path);
    });
  } catch (error) {
    for (const temporary of temporaries) rmSync(temporary, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw failure(`cannot write ${files.length === 1 ? files[0]?.path : 'the letters'}: ${reason}`, 'Check the folder exists and is writable.');
  }
}
