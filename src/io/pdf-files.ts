import { basename, resolve } from 'node:path';
import type { Letter } from '../core/compose.js';
import type { FaxCover } from '../core/fax.js';
import type { Translate } from '../core/i18n.js';
import { fileNameFor } from '../core/render.js';
import { usageError } from '../errors.js';
import { letterPdf, type Paper } from './pdf.js';
import { faxPdf } from './pdf-fax.js';
import { isFolderTarget } from './sinks.js';
import { type Interrupts, staged } from './staging.js';

/**
 * `ua compose --format pdf --out …`: one PDF with every letter, or a folder with one PDF per
 * letter; all or none (see staging.ts). With `fax`, each letter laid out as a fax behind its cover.
 */
export async function writePdfLetters(
  t: Translate,
  letters: readonly Letter[],
  options: { out?: string; force: boolean; paper: Paper; cwd: string; title: string; fax?: (letter: Letter) => FaxCover },
  interrupts: Interrupts,
): Promise<string[]> {
  if (!options.out) throw usageError(t(options.fax ? 'fax.needsOut' : 'compose.pdfNeedsOut'));
  const target = resolve(options.cwd, options.out);
  const folder = isFolderTarget(options.out, options.cwd);
  const files = folder ? letters.map((letter) => ({ name: fileNameFor(letter, 'pdf'), letters: [letter] })) : [{ name: basename(target), letters }];
  const output = { path: target, kind: folder ? ('files' as const) : ('file' as const), force: options.force, shown: options.out };
  const { paths } = await staged(t, output, interrupts, async (stage) => {
    for (const file of files) {
      const path = stage.file(file.name);
      const pdf = options.fax ? await faxPdf(path, options.paper, options.title, options.fax) : await letterPdf(path, options.paper, options.title);
      try {
        for (const letter of file.letters) {
          stage.checkpoint();
          await pdf.add(letter);
        }
      } catch (error) {
        await pdf.end().catch(() => undefined);
        throw error;
      }
      await pdf.end();
    }
  });
  return paths;
}
