import { type Dirent, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Action, LoadedAction } from '../core/action.js';
import type { Translate } from '../core/i18n.js';
import { closestIds, normalizeId } from '../core/ids.js';
import { MAX_SOURCE_BYTES } from '../core/limits.js';
import { checkLocale, type Locale } from '../core/locale.js';
import type { Problem } from '../core/problems.js';
import { formatProblem } from '../core/problems.js';
import { quoted } from '../core/shown.js';
import { dataError, UaError } from '../errors.js';
import locales from '../generated/locales.json' with { type: 'json' };
import type { World } from '../world.js';
import { type CheckCache, checkCache } from './check-cache.js';
import { readConfig } from './config.js';
import { realPath } from './durable.js';
import { FeedTrust } from './feed-store.js';
import { readInput } from './read-input.js';
import { type UaSource, uaSources } from './sources.js';
import { systemError } from './system-errors.js';
import { utf8Source } from './text-encoding.js';

export interface Catalogue {
  actions: LoadedAction[];
  /** Files that could not be used, with why (list shows them as warnings). */
  broken: { file: string; problems: Problem[]; changedSince?: string }[];
}

/**
 * One UA file read and checked: `problems` is empty when `action` is usable. `changedSince`: the
 * feed whose signed copy this file no longer is (edited here): not the user's file to fix, but
 * one for "ua update" to fetch again.
 */
export interface Read {
  action?: Action;
  problems: Problem[];
  changedSince?: string;
}

export interface Found {
  file: string;
  source?: UaSource;
}

/** The UA files ua can see, in its sources' order (see io/sources.ts): the first of an id wins. */
export class Repository {
  constructor(
    private readonly t: Translate,
    readonly sources: readonly UaSource[],
    private readonly cache: CheckCache,
    /** Whether a feed's file is as its feed signed it, and the section's totals it signed. */
    readonly trust: FeedTrust = new FeedTrust(t, {}),
  ) {}

  /** The sources of a run: the flags', the environment's, the config file's, the feeds', the user's, the bundled. */
  static async open(t: Translate, world: Pick<World, 'cwd' | 'env'>, flagDirs: readonly string[] = []): Promise<Repository> {
    const config = await readConfig(t, world.env);
    const sources = uaSources(world.cwd, world.env, { flagDirs, configDirs: config.actionsDirs, configFile: config.file, feeds: config.feeds });
    return new Repository(t, sources, checkCache(t, world.env), new FeedTrust(t, config.feeds));
  }

  /**
   * Every UA file of every source, in order, each file once (folders may overlap). A folder
   * named on the command line must be there; one from UA_ACTIONS_DIR, the config file or a feed
   * that cannot be read (a USB stick not plugged in) is passed over, and said (`unreadable`).
   */
  found(): Found[] {
    const { t } = this;
    const seen = new Set<string>();
    this.unreadable = [];
    return this.sources.flatMap((source) => {
      let files: string[];
      try {
        files = actionFilesIn(t, source.dir, source.kind !== 'feed');
      } catch (error) {
        if (source.kind === 'flag' || !(error instanceof UaError)) throw error;
        this.unreadable.push({ source, message: error.message });
        return [];
      }
      return files.flatMap((file) => {
        const real = realPath(file);
        if (seen.has(real)) return [];
        seen.add(real);
        return [{ file, source }];
      });
    });
  }

  /** The sources `found` had to pass over, and why. */
  unreadable: { source: UaSource; message: string }[] = [];

  /** The same sources and trust, with another cache (validate checks afresh). */
  withCache(cache: CheckCache): Repository {
    return new Repository(this.t, this.sources, cache, this.trust);
  }

  /** Reads and checks one UA file. */
  async read(file: string, shownAs = file, source?: UaSource): Promise<Read> {
    const { t } = this;
    const fail = (message: string) => ({ problems: [{ file: shownAs, line: 1, col: 1, path: '', message }] });
    let bytes: Buffer;
    try {
      // A FIFO named like a UA file would wait for a writer for ever: plain files only.
      if (isSpecial(file)) return fail(t('repository.notPlainFile'));
      // Read up to the limit only: an oversized file (or a device) is refused unread.
      bytes = readInput(t, file, MAX_SOURCE_BYTES, t('repository.cannotRead'));
    } catch (error) {
      if (!(error instanceof UaError)) throw error;
      return fail(error.message);
    }
    // A feed's file is used only as its feed signed it.
    const untrusted = source?.feed !== undefined ? this.trust.problem(file, source.feed, bytes) : undefined;
    if (untrusted) return { ...fail(untrusted), changedSince: source?.feed };
    // A Latin-1 file read as UTF-8 would show "Pe�ru" and sign "P�rez": refused where it breaks.
    const decoded = utf8Source(t, bytes, shownAs);
    if ('problem' in decoded) return { problems: [decoded.problem] };
    const { text } = decoded;
    // The file's name is part of what is checked (it must be the UA's id), so part of the key.
    const fileId = basename(file, extname(file));
    const kind = `action\u0000${fileId}`;
    const cached = this.cache.get<Action>(kind, text);
    if (cached) return { action: cached, problems: [] };
    // YAML, the schema and the template parser load only when a file must really be checked.
    const { checkActionText } = await import('../core/validate-action.js');
    const checked = checkActionText(t, text, shownAs, localeCodes(), fileId);
    if (checked.action) this.cache.put(kind, text, checked.action);
    return checked;
  }

  private async load({ file, source }: Found, hides: string[]): Promise<LoadedAction> {
    const { t } = this;
    const { action, problems, changedSince } = await this.read(file, file, source);
    if (changedSince) throw dataError(t('feed.changedFile', { file, feed: changedSince }), t('feed.changedHint'));
    if (!action) {
      throw dataError(t('repository.invalid', { file, count: problems.length }), t('repository.invalidHint'), problems.map(formatProblem));
    }
    return { action, file, source, hides };
  }

  /** Every UA ua can see; for one id, the first source wins and the others are named as hidden. */
  async catalogue(): Promise<Catalogue> {
    const byId = new Map<string, LoadedAction>();
    const catalogue: Catalogue = { actions: [], broken: [] };
    for (const found of this.found()) {
      const { action, problems, changedSince } = await this.read(found.file, found.file, found.source);
      if (!action) catalogue.broken.push({ file: found.file, problems, changedSince });
      else {
        const first = byId.get(action.id);
        if (first) first.hides = [...(first.hides ?? []), found.file];
        else {
          const loaded: LoadedAction = { action, file: found.file, source: found.source, hides: [] };
          byId.set(action.id, loaded);
          catalogue.actions.push(loaded);
        }
      }
    }
    return catalogue;
  }

  /** Finds a UA by id as people type it; an unknown id names the closest known ones. */
  async find(typed: string): Promise<LoadedAction> {
    const { t } = this;
    const id = normalizeId(typed);
    // Fast path: files are named by id (validation sees to it), so most lookups read one file.
    const named = this.found().filter(({ file }) => normalizeId(basename(file, extname(file))) === id);
    const [first, ...others] = named;
    if (first) {
      const loaded = await this.load(
        first,
        others.map(({ file }) => file),
      );
      if (loaded.action.id === id) return loaded;
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

/**
 * The UA files of a folder, its subfolders' too: not hidden ones (a staging folder, .git), and
 * never through a link to a folder (a link back up would walk for ever).
 */
export function actionFilesIn(t: Translate, dir: string, recursive = true, depth = 0): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw systemError(t, error, t('repository.cannotReadFolder', { folder: dir }), t('repository.cannotReadFolderHint'), 'data');
  }
  return (
    entries
      .filter((entry) => !entry.name.startsWith('.'))
      // By code point, as before: localeCompare would load ICU's collator, milliseconds of every start-up.
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return recursive && depth < 16 ? actionFilesIn(t, path, true, depth + 1) : [];
        return ['.yaml', '.yml'].includes(extname(entry.name)) ? [path] : [];
      })
  );
}

const LOCALES: Readonly<Record<string, unknown>> = locales;

/** Languages the letter engine can write (one templates/locales/<code>.yaml each, built in). */
export function localeCodes(): string[] {
  return Object.keys(LOCALES).sort();
}

export function loadLocale(t: Translate, lang: string): Locale {
  const data = LOCALES[lang];
  if (!data) throw dataError(t('repository.noLayout', { lang }), t('repository.layouts', { languages: localeCodes().join(', ') }));
  const problems = checkLocale(t, data);
  if (problems.length > 0) throw new Error(`templates/locales/${lang}.yaml: ${problems.join('; ')}`);
  return { ...(data as Omit<Locale, 'code'>), code: lang };
}
