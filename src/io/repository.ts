import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Action, LoadedAction } from '../core/action.js';
import { closestIds, normalizeId } from '../core/ids.js';
import { MAX_SOURCE_BYTES } from '../core/limits.js';
import { checkLocale, type Locale } from '../core/locale.js';
import type { Problem } from '../core/problems.js';
import { formatProblem } from '../core/problems.js';
import { quoted } from '../core/shown.js';
import { dataError, UaError } from '../errors.js';
import locales from '../generated/locales.json' with { type: 'json' };
import { t } from '../i18n.js';
import type { Env } from '../world.js';
import { type CheckCache, checkCache } from './check-cache.js';
import { BUNDLED_ACTIONS } from './paths.js';
import { readInput } from './read-input.js';
import { systemError } from './system-errors.js';

export interface Catalogue {
  actions: LoadedAction[];
  /** Files that could not be used, with why (list shows them as warnings). */
  broken: { file: string; problems: Problem[] }[];
}

/** The UA files ua can see: the user's folder first (it may override), then the bundled one. */
export class Repository {
  constructor(
    readonly dirs: readonly string[],
    private readonly cache: CheckCache,
  ) {}

  static open(cwd: string, env: Env, actionsDir?: string): Repository {
    const own = actionsDir ?? env.UA_ACTIONS_DIR;
    return new Repository(own ? [resolve(cwd, own), BUNDLED_ACTIONS] : [BUNDLED_ACTIONS], checkCache(env));
  }

  files(): string[] {
    return this.dirs.flatMap(actionFilesIn);
  }

  /** Reads and checks one UA file; `problems` is empty when `action` is usable. */
  async read(file: string, shownAs = file): Promise<{ action?: Action; problems: Problem[] }> {
    const fail = (message: string) => ({ problems: [{ file: shownAs, line: 1, col: 1, path: '', message }] });
    let text: string;
    try {
      // A FIFO named like a UA file would wait for a writer for ever: plain files only.
      if (isSpecial(file)) return fail(t('repository.notPlainFile'));
      // Read up to the limit only: an oversized file (or a device) is refused unread.
      text = readInput(file, MAX_SOURCE_BYTES, t('repository.cannotRead')).toString('utf8');
    } catch (error) {
      if (!(error instanceof UaError)) throw error;
      return fail(error.message);
    }
    // The file's name is part of what is checked (it must be the UA's id), so part of the key.
    const fileId = basename(file, extname(file));
    const kind = `action\u0000${fileId}`;
    const cached = this.cache.get<Action>(kind, text);
    if (cached) return { action: cached, problems: [] };
    // YAML, the schema and the template parser load only when a file must really be checked.
    const { checkActionText } = await import('../core/validate-action.js');
    const checked = checkActionText(text, shownAs, localeCodes(), fileId);
    if (checked.action) this.cache.put(kind, text, checked.action);
    return checked;
  }

  async load(file: string): Promise<LoadedAction> {
    const { action, problems } = await this.read(file);
    if (!action) {
      throw dataError(t('repository.invalid', { file, count: problems.length }), t('repository.invalidHint'), problems.map(formatProblem));
    }
    return { action, file };
  }

  /** Every UA ua can see; for one id, the first folder wins. */
  async catalogue(): Promise<Catalogue> {
    const seen = new Set<string>();
    const catalogue: Catalogue = { actions: [], broken: [] };
    for (const file of this.files()) {
      const { action, problems } = await this.read(file);
      if (!action) catalogue.broken.push({ file, problems });
      else if (!seen.has(action.id)) {
        seen.add(action.id);
        catalogue.actions.push({ action, file });
      }
    }
    return catalogue;
  }

  /** Finds a UA by id as people type it; an unknown id names the closest known ones. */
  async find(typed: string): Promise<LoadedAction> {
    const id = normalizeId(typed);
    // Fast path: files are named by id, so most lookups read one file.
    for (const dir of this.dirs) {
      const file = actionFilesIn(dir).find((path) => normalizeId(basename(path, extname(path))) === id);
      if (file) {
        const loaded = await this.load(file);
        if (loaded.action.id === id) return loaded;
      }
    }
    const { actions } = await this.catalogue();
    const match = actions.find((loaded) => loaded.action.id === id);
    if (match) return match;
    const near = closestIds(
      typed,
      actions.map((loaded) => loaded.action.id),
    );
    throw dataError(
      t('repository.unknownId', { id: quoted(typed) }),
      `${near.length > 0 ? `${t('repository.didYouMean', { ids: near.join(', ') })} ` : ''}${t('repository.runList')}`,
    );
  }
}

function isSpecial(file: string): boolean {
  try {
    const stat = statSync(file);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

export function actionFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw systemError(error, t('repository.cannotReadFolder', { folder: dir }), t('repository.cannotReadFolderHint'), 'data');
  }
  return names
    .filter((name) => ['.yaml', '.yml'].includes(extname(name)))
    .sort()
    .map((name) => join(dir, name));
}

const LOCALES: Readonly<Record<string, unknown>> = locales;

/** Languages the letter engine can write (one templates/locales/<code>.yaml each, built in). */
export function localeCodes(): string[] {
  return Object.keys(LOCALES).sort();
}

export function loadLocale(lang: string): Locale {
  const data = LOCALES[lang];
  if (!data) throw dataError(t('repository.noLayout', { lang }), t('repository.layouts', { languages: localeCodes().join(', ') }));
  const problems = checkLocale(data);
  if (problems.length > 0) throw new Error(`templates/locales/${lang}.yaml: ${problems.join('; ')}`);
  return { ...(data as Omit<Locale, 'code'>), code: lang };
}
