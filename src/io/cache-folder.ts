import type { Env } from '../world.js';
import { homedir } from './config-file.js';

// Not an ES module import of path: this is on every start's way (see paths.ts).
const { isAbsolute, join } = process.getBuiltinModule('node:path');

/**
 * ua's own cache (the single executable's unpacked files, the code of each command compiled by V8): `$XDG_CACHE_HOME/ua-letters` (a relative value is
 * ignored, as the XDG specification says), else `%LOCALAPPDATA%\ua-letters` on Windows, else
 * `~/.cache/ua-letters`.
 */
export function cacheFolder(env: Env, platform: NodeJS.Platform): string {
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'ua-letters');
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'ua-letters');
  return join(env.HOME || homedir(), '.cache', 'ua-letters');
}
