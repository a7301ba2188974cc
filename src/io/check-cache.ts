import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { FINGERPRINT } from '../generated/fingerprint.js';
import type { Env } from '../world.js';
import { writeFileAtomically } from './staging.js';

/**
 * Remembers the result of checking a file (a UA file, the config file) with the text it was
 * checked from and the rules it was checked against. Parsing YAML and checking a UA costs more
 * than the rest of a `ua compose`; a file that has not changed is not checked twice. Only good
 * results are kept, and a cache that cannot be read or written is simply not used.
 */
export interface CheckCache {
  get<T>(kind: string, text: string): T | undefined;
  put(kind: string, text: string, value: unknown): void;
}

/** One entry a kind (the config, the UA file of that name): what it was checked from, and the result. */
interface Entry {
  rules: string;
  kind: string;
  text: string;
  value: unknown;
}

export function checkCache(t: Translate, env: Env): CheckCache {
  const dir = env.UA_CACHE_DIR || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'ua', 'checked');
  // A slot per version of the rules as well: two versions of ua on one machine (npm's and the
  // single file) would otherwise take turns, each checking the file again for the other.
  const fileFor = (kind: string) => join(dir, `${slot(`${FINGERPRINT}\u0000${kind}`)}.json`);
  return {
    get<T>(kind: string, text: string): T | undefined {
      try {
        // The whole text compared, not a digest of it: exact, and no hashing at start-up.
        const entry = JSON.parse(readFileSync(fileFor(kind), 'utf8')) as Entry;
        return entry.rules === FINGERPRINT && entry.kind === kind && entry.text === text ? (entry.value as T) : undefined;
      } catch {
        return undefined;
      }
    },
    put(kind, text, value) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileAtomically(t, { path: fileFor(kind), force: true, mode: 0o600 }, JSON.stringify({ rules: FINGERPRINT, kind, text, value } satisfies Entry));
      } catch {
        // A cache is an optimisation: a read-only home must not stop anyone writing a letter.
      }
    },
  };
}

/** A short file name for a kind (FNV-1a): an entry says what it holds, so two kinds that share a name only take turns. */
function slot(kind: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < kind.length; i++) hash = Math.imul(hash ^ kind.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** For tests and tools that must always check afresh. */
export const noCache: CheckCache = { get: () => undefined, put: () => undefined };
