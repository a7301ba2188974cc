import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Letter } from '../core/compose.js';
import { fileNameFor } from '../core/render.js';
import { dataError, usageError } from '../errors.js';
import { letterPdf, type Paper } from './pdf.js';
import { isFolderTarget } from './sinks.js';

/**
 * `ua compose --format pdf --out …`: one PDF with every letter, or a folder with one PDF per
 * letter. Written beside the target under a temporary name and renamed into place: all or none.
 */
export async function writePdfLetters(
  letters: readonly Letter[],
  options: { out?: string; force: boolean; paper: Paper; cwd: string; title: string },
): Promise<string[]> {
  if (!options.out) throw usageError('--format pdf writes a file: add --out letters.pdf (or --out a-folder/ for one PDF per letter)');
  const target = resolve(options.cwd, options.out);
  const files = isFolderTarget(options.out, options.cwd)
    ? letters.map((letter) => ({ path: join(target, fileNameFor(letter, 'pdf')), letters: [letter] }))
    : [{ path: target, letters }];
  const existing = files.filter((file) => existsSync(file.path)).map((file) => file.path);
  if (existing.length > 0 && !options.force)
    throw dataError(
      `${existing.map((path) => basename(path)).join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written`,
      'Use --force to overwrite, or choose another --out.',
    );
  const temporaries = files.map((file) => join(dirname(file.path), `.${randomBytes(6).toString('hex')}.ua-tmp.pdf`));
  try {
    for (const [index, file] of files.entries()) {
      mkdirSync(dirname(file.path), { recursive: true });
      const pdf = await letterPdf(temporaries[index] as string, options.paper, options.title);
      for (const letter of file.letters) await pdf.add(letter);
      await pdf.end();
    }
    files.forEach((file, index) => {
      renameSync(temporaries[index] as string, file.path);
    });
  } finally {
    for (const temporary of temporaries) rmSync(temporary, { force: true });
  }
  return files.map((file) => file.path);
}
