import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { sha256Hex } from '../../core/digest.js';
import {
  type FeedChanges,
  type FeedConfig,
  type FeedEntry,
  feedChanges,
  feedFileUrl,
  MAX_FEED_FILE_BYTES,
  MAX_INDEX_BYTES,
  parseIndex,
} from '../../core/feeds.js';
import type { Translate } from '../../core/i18n.js';
import { forTerminal } from '../../core/shown.js';
import { ExitCode, UaError } from '../../errors.js';
import { readConfig } from '../../io/config.js';
import { verifyIndex } from '../../io/feed-keys.js';
import {
  currentVersion,
  FeedTrust,
  feedDir,
  lockFeed,
  type Manifest,
  type NewVersion,
  readManifest,
  readState,
  readVersionIndex,
  switchVersion,
  writeState,
} from '../../io/feed-store.js';
import { httpGet } from '../../io/http-get.js';
import { localeCodes } from '../../io/repository.js';
import { systemError } from '../../io/system-errors.js';
import { utf8Source } from '../../io/text-encoding.js';
import type { World } from '../../world.js';
import type { Context } from '../context.js';

/**
 * `ua update`: every subscribed feed, one after another. The index and its signature first
 * (a conditional GET: an unchanged feed costs one request), the signature checked against the
 * pinned key, then only the UA files whose hash changed, each checked against the index and
 * validated, and the feed's copy switched at once. A feed that fails keeps its last good copy.
 * Exit 0: all current; 3: some feeds or files failed; 1: none could be updated.
 */
type Outcome = { kind: 'unchanged' } | { kind: 'updated'; changes: FeedChanges; failed: string[] } | { kind: 'failed'; reason: string };

export async function update(ctx: Context): Promise<number> {
  const { world, t, note: say } = ctx;
  const style = ctx.style(world.stderr);
  const config = await readConfig(t, world.env);
  const feeds = Object.entries(config.feeds);
  if (feeds.length === 0) {
    say(t('feed.none'));
    say(`  ${t('feed.noneHint')}`);
    return ExitCode.ok;
  }
  const seconds = Number(world.env.UA_HTTP_TIMEOUT ?? 20);
  const timeoutMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 20) * 1000;
  const outcomes: Outcome[] = [];
  const trust = new FeedTrust(t, config.feeds);
  for (const [name, feed] of feeds) {
    if (world.stderr.isTTY) world.stderr.write(`${t('update.checking', { name })}\r`);
    const outcome = await updateFeed(t, name, feed, world, timeoutMs, trust).catch((error: unknown): Outcome => {
      // A full disk or a read-only data folder fails this feed, in one line; the others go on.
      const failure = error instanceof UaError ? error : systemError(t, error, t('update.cannotWrite', { folder: feedDir(world.env, name) }));
      return { kind: 'failed', reason: failure.message };
    });
    if (world.stderr.isTTY) world.stderr.write('\u001b[2K');
    outcomes.push(outcome);
    report(t, name, outcome, say, style.warn);
  }
  const failed = outcomes.filter((o) => o.kind === 'failed').length;
  const partial = outcomes.some((o) => o.kind === 'updated' && o.failed.length > 0);
  if (failed === outcomes.length) return ExitCode.failure;
  return failed > 0 || partial ? ExitCode.partial : ExitCode.ok;
}

function report(t: Translate, name: string, outcome: Outcome, say: (text: string) => void, warn: (text: string) => string): void {
  if (outcome.kind === 'failed') {
    // The reason may quote a server's words or a file's: shown safely, as every line below.
    say(warn(forTerminal(t('update.failed', { name, reason: outcome.reason }))));
    return;
  }
  if (outcome.kind === 'unchanged') {
    say(t('update.unchanged', { name }));
    return;
  }
  const { added, updated, withdrawn } = outcome.changes;
  if (added.length + updated.length + withdrawn.length === 0 && outcome.failed.length === 0) {
    say(t('update.unchanged', { name }));
    return;
  }
  say(t('update.updated', { name, added: added.length, updated: updated.length, withdrawn: withdrawn.length }));
  // An index, however well signed, is the feed's words: its titles reach the terminal escaped.
  for (const [mark, entries] of [
    ['+', added],
    ['~', updated],
    ['-', withdrawn],
  ] as const)
    for (const entry of entries) say(forTerminal(`  ${mark} ${entry.id}  ${entry.title}`));
  for (const problem of outcome.failed) say(warn(forTerminal(`  ${problem}`)));
}

async function updateFeed(t: Translate, name: string, feed: FeedConfig, world: World, timeoutMs: number, trust: FeedTrust): Promise<Outcome> {
  const dir = feedDir(world.env, name);
  const release = await lockFeed(t, dir);
  try {
    const state = readState(dir);
    const version = currentVersion(dir);
    const manifest = version ? readManifest(version) : undefined;
    const previous = version && manifest ? readVersionIndex(t, version, manifest) : undefined;
    const now = world.now().toISOString();
    // One deadline for the feed, not only for each request: many stalled files cannot add up.
    const deadline = Date.now() + 3 * timeoutMs;
    const left = () => Math.max(1, Math.min(timeoutMs, deadline - Date.now()));

    // 1. The index, and its signature under the pinned key. "Anything new?" is asked only of a
    // copy that is whole: a damaged or partial one is fetched again.
    const whole = version !== undefined && trust.whole(version, name);
    const get = { etag: whole ? state.etag : undefined, lastModified: whole ? state.last_modified : undefined };
    const fetched = await httpGet(t, feedFileUrl(feed.url, 'index.json'), { ...get, timeoutMs: left(), maxBytes: MAX_INDEX_BYTES });
    if (fetched.status === 304) {
      if (!whole) return { kind: 'failed', reason: t('update.unexpected304') };
      writeState(dir, { ...state, checked_at: now });
      return { kind: 'unchanged' };
    }
    const signature = await httpGet(t, feedFileUrl(feed.url, 'index.json.sig'), { timeoutMs: left(), maxBytes: 1024 });
    if (!verifyIndex(fetched.body, signature.body.toString('utf8'), feed.key)) return { kind: 'failed', reason: t('update.badSignature') };
    const parsed = parseIndex(t, fetched.body.toString('utf8'));
    if ('problem' in parsed) return { kind: 'failed', reason: parsed.problem };
    const index = parsed.index;
    // An older index, however well signed, would bring back what the section has corrected.
    if (previous && index.built_at < previous.built_at)
      return { kind: 'failed', reason: t('update.older', { built: index.built_at, held: previous.built_at }) };
    const indexSha = sha256Hex(fetched.body);

    // 2. The UA files: unchanged ones from the copy, the others fetched and checked.
    const next: NewVersion = {
      files: new Map(),
      indexes: new Map([[indexSha, { json: fetched.body, signature: signature.body.toString('utf8') }]]),
      manifest: { feed: name, url: feed.url, verified_at: now, index: indexSha, files: {} },
    };
    const failed: string[] = [];
    for (const entry of index.uas) {
      const problem = await takeFile(t, entry, indexSha, feed, version, manifest, next, left());
      if (problem) failed.push(keepPrevious(entry.file, version, manifest, next) ? t('update.keptPrevious', { problem }) : problem);
    }

    // 3. The switch, all at once; the next run asks "anything new since this?".
    switchVersion(dir, next);
    writeState(dir, { etag: fetched.etag, last_modified: fetched.lastModified, checked_at: now });
    // What changed on this machine: the files taken, not the index's promises.
    const took = (entries: readonly FeedEntry[] | undefined, files: Manifest['files'] | undefined) =>
      (entries ?? []).filter((entry) => files?.[entry.file]).map((entry) => ({ ...entry, sha256: files?.[entry.file]?.sha256 ?? '' }));
    return { kind: 'updated', changes: feedChanges(took(previous?.uas, manifest?.files), took(index.uas, next.manifest.files)), failed };
  } finally {
    release();
  }
}

/** One UA file into the new version; the reason it could not be, otherwise. */
async function takeFile(
  t: Translate,
  entry: FeedEntry,
  indexSha: string,
  feed: FeedConfig,
  version: string | undefined,
  manifest: Manifest | undefined,
  next: NewVersion,
  timeoutMs: number,
): Promise<string | undefined> {
  let bytes = version && manifest?.files[entry.file]?.sha256 === entry.sha256 ? readKept(join(version, entry.file)) : undefined;
  if (!bytes || sha256Hex(bytes) !== entry.sha256) {
    try {
      bytes = (await httpGet(t, feedFileUrl(feed.url, entry.file), { timeoutMs, maxBytes: MAX_FEED_FILE_BYTES })).body;
    } catch (error) {
      if (error instanceof UaError) return error.message;
      throw error;
    }
  }
  if (sha256Hex(bytes) !== entry.sha256) return t('update.hashMismatch', { file: entry.file });
  const { checkActionText } = await import('../../core/validate-action.js');
  const decoded = utf8Source(t, bytes, entry.file);
  const checked =
    'problem' in decoded
      ? { action: undefined, problems: [decoded.problem] }
      : checkActionText(t, decoded.text, entry.file, localeCodes(), basename(entry.file, extname(entry.file)));
  if (!checked.action || checked.action.id !== entry.id) return t('update.invalidFile', { file: entry.file, count: Math.max(1, checked.problems.length) });
  (next.files as Map<string, Buffer>).set(entry.file, bytes);
  next.manifest.files[entry.file] = { sha256: entry.sha256, index: indexSha };
  return undefined;
}

/** A file the update could not take keeps its last good copy, with the index it was checked against; whether there was one. */
function keepPrevious(file: string, version: string | undefined, manifest: Manifest | undefined, next: NewVersion): boolean {
  const kept = manifest?.files[file];
  const bytes = version && kept ? readKept(join(version, file)) : undefined;
  if (!version || !kept || !bytes || sha256Hex(bytes) !== kept.sha256) return false;
  try {
    const json = readFileSync(join(version, 'indexes', `${kept.index}.json`));
    const signature = readFileSync(join(version, 'indexes', `${kept.index}.json.sig`), 'utf8');
    (next.indexes as Map<string, { json: Buffer; signature: string }>).set(kept.index, { json, signature });
  } catch {
    return false;
  }
  (next.files as Map<string, Buffer>).set(file, bytes);
  next.manifest.files[file] = kept;
  return true;
}

function readKept(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
