import type { Env } from '../world.js';
import { homedir } from './config-file.js';

// Node's modules taken as they are, not imported as ES modules: each such import builds a
// facade of all the module's exports (fs loads its streams for it), about a millisecond of
// every start-up in all.
const { existsSync, statSync } = process.getBuiltinModule('node:fs');
const { dirname, join, resolve } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');

export { configFile, configHead } from './config-file.js';

/** The installed package: where bundled actions/ and templates/ live (from dist/ or src/io/). */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'templates', 'locales'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ua's templates/ above ${start}`);
    dir = parent;
  }
  return dir;
}

export const BUNDLED_ACTIONS = join(PACKAGE_ROOT, 'actions');

/** XDG base directories, each overridable by its own UA_* variable (the config file's: config-file.ts). */
export function journalFile(env: Env): string {
  if (env.UA_JOURNAL) return resolve(env.UA_JOURNAL);
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'ua', 'journal.jsonl');
}

/** Where ua keeps data of its own: the user's UA folder and the feeds' copies ($XDG_DATA_HOME/ua). */
export function dataDir(env: Env): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'ua');
}

/** What ua remembers between runs that is neither data nor settings (which UAs a list has shown). */
export function stateDir(env: Env): string {
  return join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'ua');
}

/** What a file is now (its inode, size and time), to tell after a run whether it changed; undefined when there is none. */
export function fileStamp(path: string): string | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : undefined;
}
