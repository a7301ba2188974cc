import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Letter } from '../core/compose.js';
import { extensionOf } from '../core/formats.js';
import type { Translate } from '../core/i18n.js';
import { type Format, fileNameFor, renderDocument, renderSingle } from '../core/render.js';
import type { World } from '../world.js';
import { isDevice } from './durable.js';
import { Stage, writeFileAtomically } from './staging.js';

/** `--out letters/` (or an existing folder) means one file per letter; otherwise one file. */
export function isFolderTarget(out: string, cwd: string): boolean {
  const path = resolve(cwd, out);
  if (out.endsWith('/') || out.endsWith(sep)) return true;
  if (isDevice(path)) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The letters to stdout, or to files (all or nothing, never overwriting without force). */
export function deliverLetters(t: Translate, letters: readonly Letter[], format: Format, target: { out?: string; force: boolean }, world: World): string[] {
  if (!target.out) {
    world.stdout.write(renderDocument(letters, format));
    return [];
  }
  const path = resolve(world.cwd, target.out);
  if (!isFolderTarget(target.out, world.cwd)) {
    writeFileAtomically(t, { path, force: target.force, shown: target.out }, renderDocument(letters, format));
    return [path];
  }
  const stage = Stage.open(t, { path, kind: 'files', force: target.force, shown: target.out });
  try {
    for (const letter of letters) stage.write(fileNameFor(letter, extensionOf(format)), renderSingle(letter, format));
    return stage.commit();
  } catch (error) {
    throw stage.failed(error);
  }
}
