import type { Env } from '../world.js';

// Node's modules taken as they are, not imported as ES modules (see paths.ts). This module
// computes nothing when it loads: the single executable's start (src/sea/) reads the config's
// head through it before ua's own files are on disk.
const { closeSync, constants, openSync, readSync } = process.getBuiltinModule('node:fs');
const { join, resolve } = process.getBuiltinModule('node:path');

/** The user's home, asked of the system only when HOME is not set (os is not loaded otherwise). */
export const homedir = () => process.getBuiltinModule('node:os').homedir();

export function configFile(env: Env): string {
  if (env.UA_CONFIG) return resolve(env.UA_CONFIG);
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'ua', 'config.yaml');
}

/** The start of the config file, for the few settings needed before anything else (ui_lang); undefined if there is none. */
export function configHead(env: Env): string | undefined {
  try {
    // Never waiting: a config file that is a pipe nothing writes to is said by readConfig (io/pipes.ts), not hung on here.
    const fd = openSync(configFile(env), constants.O_RDONLY | constants.O_NONBLOCK);
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
