import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { FINGERPRINT } from '../generated/fingerprint.js';
import type { Env } from '../world.js';
import { writeFileAtomically } from './staging.js';

/**
 * Remembers the result of checking a file (a UA file, the config file) by the hash of its
 * text and of the rules it was checked against. Parsing YAML and checking a UA costs more than
 * the rest of a `ua compose`; a file that has not changed is not checked twice. Only good
 * results are kept, and a cache that cannot be read or written is simply not used.
 */
export interface CheckCache {
  get<T>(kind: string, text: string): T | undefined;
  put(kind: string, text: string, value: unknown): void;
}

export function checkCache(t: Translate, env: Env): CheckCache {
  const dir = env.UA_CACHE_DIR || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'ua', 'checked');
  const fileFor = (kind: string, text: string) => join(dir, `${createHash('sha256').update(`${FINGERPRINT}\0${kind}\0${text}`).digest('hex')}.json`);
  return {
    get<T>(kind: string, text: string): T | undefined {
      try {
        return JSON.parse(readFileSync(fileFor(kind, text), 'utf8')) as T;
      } catch {
        return undefined;
      }
    },
    put(kind, text, value) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileAtomically(t, { path: fileFor(kind, text), force: true, mode: 0o600 }, JSON.stringify(value));
      } catch {
        // A cache is an optimisation: a read-only home must not stop anyone writing a letter.
      }
    },
  };
}

/** For tests and tools that must always check afresh. */
export const noCache: CheckCache = { get: () => undefined, put: () => undefined };
