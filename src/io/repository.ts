import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Action, LoadedAction } from '../core/action.js';
import { closestIds, normalizeId } from '../core/ids.js';
import { checkLocale, type Locale } from '../core/locale.js';
import type { Problem } from '../core/problems.js';
import { formatProblem } from '../core/problems.js';
import type { Layouts } from '../core/render.js';
import { validateAction } from '../core/validate-action.js';
import { MAX_SOURCE_BYTES, parseYamlSource } from '../core/yaml-source.js';
import { dataError } from '../errors.js';
import type { Env } from '../world.js';
import { BUNDLED_ACTIONS, TEMPLATES } from './paths.js';

/** Where UA files are looked for: the user's folder first (it may override), then the bundled one. */
export function actionDirs(cwd: string, env: Env, flag?: string): string[] {
  const own = flag ?? env.UA_ACTIONS_DIR;
  return own ? [resolve(cwd, own), BUNDLED_ACTIONS] : [BUNDLED_ACTIONS];
}

export function actionFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw dataError(`cannot read the UA folder ${dir}: ${(error as NodeJS.ErrnoException).code}`, 'Check --actions-dir or UA_ACTIONS_DIR.');
  }
  return names
    .filter((name) => ['.yaml', '.yml'].includes(extname(name)))
    .sort()
    .map((name) => join(dir, name));
}

/** Reads and checks one UA file; `problems` is empty when `action` is usable. */
export function readActionFile(file: string, shownAs = file): { action?: Action; problems: Problem[] } {
  const fail = (message: string) => ({ problems: [{ file: shownAs, line: 1, col: 1, path: '', message }] });
  let text: string;
  try {
    // The size is checked before reading: an oversized file is refused unread.
    const size = statSync(file).size;
    if (size > MAX_SOURCE_BYTES) return fail(`file too large (${size} bytes; the limit is ${MAX_SOURCE_BYTES})`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const source = parseYamlSource(text, shownAs);
  const problems = validateAction(source, shownAs, localeCodes());
  return problems.length > 0 ? { problems } : { action: source.data as Action, problems };
}

export function loadActionFile(file: string): LoadedAction {
  const { action, problems } = readActionFile(file);
  if (!action) throw invalidFile(file, problems);
  return { action, file };
}

function invalidFile(file: string, problems: readonly Problem[]) {
  return dataError(
    `${file} is not a valid UA file (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
    'Fix the lines above; "ua validate" checks again.',
    problems.map(formatProblem),
  );
}

export interface Catalogue {
  actions: LoadedAction[];
  /** Files that could not be used, with why (list shows them as warnings). */
  broken: { file: string; problems: Problem[] }[];
}

/** Every UA the tool can see; for one id, the first folder wins. */
export function loadCatalogue(dirs: readonly string[]): Catalogue {
  const seen = new Set<string>();
  const catalogue: Catalogue = { actions: [], broken: [] };
  for (const file of dirs.flatMap(actionFilesIn)) {
    const { action, problems } = readActionFile(file);
    if (!action) catalogue.broken.push({ file, problems });
    else if (!seen.has(action.id)) {
      seen.add(action.id);
      catalogue.actions.push({ action, file });
    }
  }
  return catalogue;
}

/** Finds a UA by id as people type it; an unknown id names the closest known ones. */
export function findAction(typed: string, dirs: readonly string[]): LoadedAction {
  const id = normalizeId(typed);
  // Fast path: files are named by id, so most lookups read one file.
  for (const dir of dirs) {
    const file = actionFilesIn(dir).find((path) => basename(path, extname(path)) === id);
    if (file) {
      const loaded = loadActionFile(file);
      if (loaded.action.id === id) return loaded;
    }
  }
  const catalogue = loadCatalogue(dirs);
  const match = catalogue.actions.find((loaded) => loaded.action.id === id);
  if (match) return match;
  const near = closestIds(
    typed,
    catalogue.actions.map((loaded) => loaded.action.id),
  );
  throw dataError(`Unknown UA id "${typed}"`, `${near.length > 0 ? `Did you mean ${near.join(', ')}? ` : ''}Run "ua list" to see UA ids.`);
}

export function loadLayouts(): Layouts {
  const read = (name: string) => readFileSync(join(TEMPLATES, name), 'utf8');
  return { text: read('letter.txt.hbs'), markdown: read('letter.md.hbs'), html: read('letters.html.hbs') };
}

/** Languages the letter engine can write (one templates/locales/<code>.yaml each). */
export function localeCodes(): string[] {
  return readdirSync(join(TEMPLATES, 'locales'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => basename(name, '.yaml'))
    .sort();
}

export function loadLocale(lang: string): Locale {
  const file = join(TEMPLATES, 'locales', `${lang}.yaml`);
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch {
    throw dataError(`ua cannot write letters in "${lang}" yet (no ${file})`, `Languages with a layout: ${localeCodes().join(', ')}.`);
  }
  const problems = checkLocale(data);
  if (problems.length > 0) throw dataError(`${file}: ${problems.join('; ')}`);
  return { ...(data as Omit<Locale, 'code'>), code: lang };
}
