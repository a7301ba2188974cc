import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../world.js';

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

/** XDG base directories, each overridable by its own UA_* variable. */
export function configFile(env: Env): string {
  if (env.UA_CONFIG) return resolve(env.UA_CONFIG);
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'ua', 'config.yaml');
}

export function journalFile(env: Env): string {
  if (env.UA_JOURNAL) return resolve(env.UA_JOURNAL);
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'ua', 'journal.jsonl');
}

/** The start of the config file, for the few settings needed before anything else (ui_lang); undefined if there is none. */
export function configHead(env: Env): string | undefined {
  try {
    const fd = openSync(configFile(env), 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
