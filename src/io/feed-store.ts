import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { sha256Hex } from '../core/digest.js';
import type { Reported } from '../core/feed-totals.js';
import { type FeedConfig, type FeedIndex, type FeedReport, parseIndex } from '../core/feeds.js';
import type { Translate } from '../core/i18n.js';
import { UaError } from '../errors.js';
import type { Env } from '../world.js';
import { crypto } from './crypto.js';
import { syncFolder } from './durable.js';
import { verifyIndex } from './feed-keys.js';
import { takeLock } from './lock-file.js';
import { dataDir } from './paths.js';

/**
 * A feed's local copy, $XDG_DATA_HOME/ua/feeds/<name>/: `current` is a link to one complete
 * version folder, so a reader sees the old version or the new, never half of each. A version
 * holds the UA files, the signed indexes they were checked against (indexes/<sha256>.json and
 * .sig), and a manifest naming, for each file, its hash and its index. Every time a UA is
 * read, the file's hash, the index's entry and the index's signature under the pinned key are
 * checked again: an edited or swapped file never decides who receives a letter.
 */
export interface Manifest {
  feed: string;
  url: string;
  /** When `ua update` last checked the feed against its server (ISO). */
  verified_at: string;
  /** The sha256 of the newest signed index. */
  index: string;
  files: Record<string, { sha256: string; index: string }>;
}

/** What `ua update` keeps between runs to ask the server "anything new?" (conditional GET). */
export interface FeedState {
  etag?: string;
  last_modified?: string;
  /** The last time the server answered (ISO), even with "nothing new". */
  checked_at?: string;
}

export function feedsRoot(env: Env): string {
  return join(dataDir(env), 'feeds');
}

export function feedDir(env: Env, name: string): string {
  return join(feedsRoot(env), name);
}

/** The version folder `current` leads to, or undefined before the first update. */
export function currentVersion(dir: string): string | undefined {
  try {
    return resolve(dir, readlinkSync(join(dir, 'current')));
  } catch {
    return undefined;
  }
}

export function readManifest(version: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(join(version, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The newest signed index of a version (for the list of what changed, and `ua feed list`). */
export function readVersionIndex(t: Translate, version: string, manifest: Manifest): FeedIndex | undefined {
  try {
    const parsed = parseIndex(t, readFileSync(join(version, 'indexes', `${manifest.index}.json`), 'utf8'));
    return 'index' in parsed ? parsed.index : undefined;
  } catch {
    return undefined;
  }
}

export function readState(dir: string): FeedState {
  try {
    return JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as FeedState;
  } catch {
    return {};
  }
}

export function writeState(dir: string, state: FeedState): void {
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.state.${crypto().randomBytes(4).toString('hex')}`);
  writeDurably(temporary, JSON.stringify(state));
  renameSync(temporary, join(dir, 'state.json'));
}

/**
 * Checks one UA file of a feed's copy as it is now: undefined when it is exactly what the
 * feed signed, else why not. Indexes already verified in this run are not verified again.
 */
export class FeedTrust {
  private readonly verified = new Map<string, FeedIndex | undefined>();

  constructor(
    private readonly t: Translate,
    private readonly feeds: Readonly<Record<string, FeedConfig>>,
  ) {}

  problem(file: string, feed: string, bytes: Buffer): string | undefined {
    const changed = this.t('feed.changed', { feed });
    const config = this.feeds[feed];
    const version = dirname(file);
    const manifest = readManifest(version);
    const entry = manifest?.files[basename(file)];
    if (!config || !manifest || !entry || sha256Hex(bytes) !== entry.sha256) return changed;
    const index = this.index(version, entry.index, config.key);
    const listed = index?.uas.find((ua) => ua.file === basename(file));
    return listed && listed.sha256 === entry.sha256 ? undefined : changed;
  }

  /** The section's total for a UA file of a feed's copy, from its newest index, signature checked; undefined when it has none. */
  reported(file: string, feed: string): Reported | undefined {
    const config = this.feeds[feed];
    const version = dirname(file);
    const manifest = readManifest(version);
    if (!config || !manifest) return undefined;
    return this.index(version, manifest.index, config.key)?.uas.find((ua) => ua.file === basename(file))?.reported;
  }

  /** Where the feed asks its volunteers to report, from its newest index, signature checked; undefined when it names nowhere. */
  report(file: string, feed: string): FeedReport | undefined {
    const config = this.feeds[feed];
    const manifest = readManifest(dirname(file));
    if (!config || !manifest) return undefined;
    return this.index(dirname(file), manifest.index, config.key)?.report;
  }

  /**
   * Whether a version is all its newest signed index says, file for file: only then may an
   * update that hears "nothing new" keep it. A copy damaged or edited here, or left partial
   * by an update that failed, is fetched again.
   */
  whole(version: string, feed: string): boolean {
    const config = this.feeds[feed];
    const manifest = readManifest(version);
    if (!config || !manifest) return false;
    const index = this.index(version, manifest.index, config.key);
    if (!index) return false;
    return index.uas.every((entry) => {
      const kept = manifest.files[entry.file];
      if (!kept || kept.sha256 !== entry.sha256) return false;
      try {
        return sha256Hex(readFileSync(join(version, entry.file))) === entry.sha256;
      } catch {
        return false;
      }
    });
  }

  private index(version: string, sha: string, key: string): FeedIndex | undefined {
    const cacheKey = `${version}\u0000${sha}`;
    if (!this.verified.has(cacheKey)) {
      let index: FeedIndex | undefined;
      try {
        const bytes = readFileSync(join(version, 'indexes', `${sha}.json`));
        const signature = readFileSync(join(version, 'indexes', `${sha}.json.sig`), 'utf8');
        if (sha256Hex(bytes) === sha && verifyIndex(bytes, signature, key)) {
          const parsed = parseIndex(this.t, bytes.toString('utf8'));
          index = 'index' in parsed ? parsed.index : undefined;
        }
      } catch {
        index = undefined;
      }
      this.verified.set(cacheKey, index);
    }
    return this.verified.get(cacheKey);
  }
}

export interface NewVersion {
  files: ReadonlyMap<string, Buffer>;
  indexes: ReadonlyMap<string, { json: Buffer; signature: string }>;
  manifest: Manifest;
}

/**
 * Writes a complete version beside the current one, every file flushed, then points
 * `current` at it in one rename, and removes the versions nothing points at any more.
 */
export function switchVersion(dir: string, version: NewVersion): void {
  mkdirSync(dir, { recursive: true });
  const before = currentVersion(dir);
  const name = `v-${Date.now().toString(36)}-${crypto().randomBytes(4).toString('hex')}`;
  const folder = join(dir, name);
  mkdirSync(join(folder, 'indexes'), { recursive: true });
  try {
    for (const [file, bytes] of version.files) writeDurably(join(folder, file), bytes);
    for (const [sha, { json, signature }] of version.indexes) {
      writeDurably(join(folder, 'indexes', `${sha}.json`), json);
      writeDurably(join(folder, 'indexes', `${sha}.json.sig`), signature);
    }
    writeDurably(join(folder, 'manifest.json'), JSON.stringify(version.manifest, null, 2));
    syncFolder(join(folder, 'indexes'));
    syncFolder(folder);
    const link = join(dir, `.current.${crypto().randomBytes(4).toString('hex')}`);
    symlinkSync(name, link);
    renameSync(link, join(dir, 'current'));
    syncFolder(dir);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  // The version just replaced stays until the next switch: a reader in the middle of it (a
  // `ua list` running meanwhile) still finds its files.
  const previous = before ? basename(before) : undefined;
  for (const entry of readdirSync(dir))
    if (entry.startsWith('v-') && entry !== name && entry !== previous) rmSync(join(dir, entry), { recursive: true, force: true });
}

function writeDurably(path: string, content: Buffer | string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * One `ua update` of a feed at a time: a second one would remove the version the first is
 * writing. The lock (lock-file.ts) names its process; one whose process has ended is taken
 * over; a live one stops this update of the feed at once.
 */
export async function lockFeed(t: Translate, dir: string): Promise<() => void> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '.update.lock');
  const lock = await takeLock(file, {
    waitSeconds: 0,
    busy: (owner) => new UaError('failure', t('update.busy', { pid: owner.pid }), { hint: t('update.busyHint', { file }) }),
    barePid: true,
  });
  return () => lock.release();
}
