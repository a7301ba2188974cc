import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { FeedConfig } from '../core/feeds.js';
import type { Env } from '../world.js';
import { currentVersion, feedDir } from './feed-store.js';
import { BUNDLED_ACTIONS, dataDir } from './paths.js';

/**
 * Where ua finds UA files, first place first: --actions-dir (repeatable), UA_ACTIONS_DIR (a
 * path list), actions_dirs in the config file, the subscribed feeds, the user's own folder
 * ($XDG_DATA_HOME/ua/actions, when there is one), the UAs that come with ua. The same id in two
 * places: the first wins, and the others are said to be hidden.
 */
export type SourceKind = 'flag' | 'env' | 'config' | 'feed' | 'user' | 'bundled';

export interface UaSource {
  kind: SourceKind;
  dir: string;
  /** The feed's name, for a feed. */
  feed?: string;
}

export interface SourceSettings {
  /** From --actions-dir, in order. */
  flagDirs: readonly string[];
  /** actions_dirs in the config file, and the file (relative folders are relative to it). */
  configDirs: readonly string[];
  configFile: string;
  feeds: Readonly<Record<string, FeedConfig>>;
}

export function uaSources(cwd: string, env: Env, settings: SourceSettings): UaSource[] {
  const home = env.HOME ?? '';
  const expand = (path: string) => (path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path);
  // Read when it exists: reading UAs leaves nothing behind (ua list says where to make it).
  const user = userActionsDir(env);
  const feeds = Object.keys(settings.feeds).flatMap((name): UaSource[] => {
    const version = currentVersion(feedDir(env, name));
    return version ? [{ kind: 'feed', dir: version, feed: name }] : [];
  });
  return [
    ...settings.flagDirs.filter(Boolean).map((dir): UaSource => ({ kind: 'flag', dir: resolve(cwd, expand(dir)) })),
    ...(env.UA_ACTIONS_DIR ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir): UaSource => ({ kind: 'env', dir: resolve(cwd, expand(dir)) })),
    ...settings.configDirs.map((dir): UaSource => ({ kind: 'config', dir: resolve(dirname(settings.configFile), expand(dir)) })),
    ...feeds,
    ...(existsSync(user) ? [{ kind: 'user' as const, dir: user }] : []),
    { kind: 'bundled', dir: BUNDLED_ACTIONS },
  ];
}

/** The volunteer's own folder of UA files: $XDG_DATA_HOME/ua/actions. */
export function userActionsDir(env: Env): string {
  return join(dataDir(env), 'actions');
}
