import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Letter } from '../core/compose.js';
import { EXTENSIONS, type Format, fileNameFor, renderDocument, renderSingle } from '../core/render.js';
import type { World } from '../world.js';
import { type PlannedFile, writeFilesAtomically } from './files.js';

/** `--out letters/` (or an existing folder) means one file per letter; otherwise one file. */
export function isFolderTarget(out: string, cwd: string): boolean {
  const path = resolve(cwd, out);
  return out.endsWith('/') || out.endsWith(sep) || (existsSync(path) && statSync(path).isDirectory());
}

export function planFiles(letters: readonly Letter[], format: Format, out: string, cwd: string): PlannedFile[] {
  const path = resolve(cwd, out);
  if (!isFolderTarget(out, cwd)) return [{ path, content: renderDocument(letters, format) }];
  return letters.map((letter) => ({ path: join(path, fileNameFor(letter, EXTENSIONS[format])), content: renderSingle(letter, format) }));
}

/** The letters to stdout, or to files (all or nothing, never overwriting without force). */
export function deliverLetters(letters: readonly Letter[], format: Format, target: { out?: string; force: boolean }, world: World): string[] {
  if (!target.out) {
    world.stdout.write(renderDocument(letters, format));
    return [];
  }
  const files = planFiles(letters, format, target.out, world.cwd);
  writeFilesAtomically(files, target.force);
  return files.map((file) => file.path);
}
