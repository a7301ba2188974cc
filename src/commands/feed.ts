import { rmSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { GlobalOptions } from '../cli.js';
import { checkFeedName, checkFeedUrl, type FeedEntry, type FeedIndex, MAX_FEED_FILE_BYTES, publicKeyBytes } from '../core/feeds.js';
import { normalizeId } from '../core/ids.js';
import { formatProblem, type Problem } from '../core/problems.js';
import { displayWidth, padEnd } from '../core/screen.js';
import { dataError, UaError, usageError } from '../errors.js';
import { t } from '../i18n.js';
import { forgetFeed, readConfig, saveFeed } from '../io/config.js';
import { newKeyPair, publicKeyOf, readPrivateKey, signIndex } from '../io/feed-keys.js';
import { currentVersion, feedDir, readManifest, readState, sha256 } from '../io/feed-store.js';
import { readInput } from '../io/read-input.js';
import { actionFilesIn, localeCodes } from '../io/repository.js';
import { staged, writeFileAtomically } from '../io/staging.js';
import { note } from '../io/style.js';
import { systemError } from '../io/system-errors.js';
import type { World } from '../world.js';
import { ago } from './where-from.js';

/**
 * `ua feed`: for a section that publishes its UAs (keygen once, build each time), and for a
 * volunteer who subscribes (add, list, remove; `ua update` fetches).
 */
export interface FeedFlags {
  out?: string;
  key?: string;
  force?: boolean;
  name?: string;
  json?: boolean;
}

/** A key pair: the private key into a file only its owner reads; the public key, one line, on stdout. */
export async function feedKeygen(flags: FeedFlags, globals: GlobalOptions, world: World): Promise<number> {
  if (!flags.out) throw usageError(t('feed.keygenNeedsOut'), t('feed.keygenNeedsOutHint'));
  const { privatePem, publicLine } = newKeyPair();
  writeFileAtomically({ path: resolve(world.cwd, flags.out), force: flags.force === true, mode: 0o600, shown: flags.out }, privatePem);
  world.stdout.write(`${publicLine}\n`);
  note(world.stderr, globals, t('feed.keygenDone', { file: flags.out }));
  note(world.stderr, globals, `  ${t('feed.keygenHint')}`);
  return 0;
}

/**
 * A feed's folder, ready for any static host: every UA file of `folder` checked (one problem
 * refuses the build), copied as <id>.yaml, and index.json with its signature.
 */
export async function feedBuild(folder: string, flags: FeedFlags, globals: GlobalOptions, world: World): Promise<number> {
  if (!flags.key || !flags.out) throw usageError(t('feed.buildNeeds'), t('feed.buildNeedsHint'));
  const privateKey = readPrivateKey(resolve(world.cwd, flags.key));
  const files = (() => {
    try {
      return actionFilesIn(resolve(world.cwd, folder));
    } catch (error) {
      // Said without the hint about --actions-dir, which is not what is wrong here.
      throw error instanceof UaError ? new UaError(error.kind, error.message) : error;
    }
  })();
  if (files.length === 0) throw dataError(t('feed.buildEmpty', { folder }));

  // 1. Every file checked, every problem said at once.
  const { checkActionText } = await import('../core/validate-action.js');
  const problems: Problem[] = [];
  const entries: { entry: FeedEntry; bytes: Buffer }[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const bytes = readInput(file, MAX_FEED_FILE_BYTES, file);
    const checked = checkActionText(bytes.toString('utf8'), file, localeCodes(), basename(file, extname(file)));
    if (!checked.action) {
      problems.push(...checked.problems);
      continue;
    }
    const { action } = checked;
    const earlier = seen.get(action.id);
    if (earlier) problems.push({ file, line: 1, col: 1, path: 'id', message: t('feed.sameId', { id: action.id, other: earlier }) });
    seen.set(action.id, file);
    const entry = { id: action.id, title: action.title, country: action.country, deadline: action.deadline, file: `${normalizeId(action.id)}.yaml` };
    entries.push({ entry: { ...entry, sha256: sha256(bytes), size: bytes.length }, bytes });
  }
  if (problems.length > 0) throw dataError(t('feed.buildRefused', { count: problems.length }), t('feed.buildRefusedHint'), problems.map(formatProblem));

  // 2. The index, signed; the folder replaced whole (only one ua made, with --force).
  const out = resolve(world.cwd, flags.out);
  const index: FeedIndex = {
    feed: flags.name ?? basename(out),
    built_at: world.now().toISOString(),
    uas: entries.map(({ entry }) => entry).sort((a, b) => a.id.localeCompare(b.id)),
  };
  const json = Buffer.from(`${JSON.stringify(index, null, 2)}\n`);
  await staged({ path: out, kind: 'folder', force: flags.force === true, shown: flags.out }, undefined, (stage) => {
    for (const { entry, bytes } of entries) stage.write(entry.file, bytes);
    stage.write('index.json', json);
    stage.write('index.json.sig', signIndex(json, privateKey));
  });
  note(world.stderr, globals, t('feed.built', { count: entries.length, folder: flags.out }));
  note(world.stderr, globals, `  ${t('feed.builtHint', { key: publicKeyOf(privateKey) })}`);
  return 0;
}

/** Subscribes: the feed's address and its public key, pinned in the config file. */
export async function feedAdd(name: string, url: string, flags: FeedFlags, globals: GlobalOptions, world: World): Promise<number> {
  const problem = checkFeedName(name) ?? checkFeedUrl(url);
  if (problem) throw usageError(problem);
  if (!flags.key || !publicKeyBytes(flags.key)) throw usageError(t('feed.badKey'), t('feed.badKeyHint'));
  const config = await readConfig(world.env);
  const known = config.feeds[name] !== undefined;
  await saveFeed(config, name, { url, key: flags.key });
  note(world.stderr, globals, t(known ? 'feed.replaced' : 'feed.added', { name, file: config.file }));
  note(world.stderr, globals, `  ${t('feed.addedHint')}`);
  return 0;
}

export async function feedRemove(name: string, globals: GlobalOptions, world: World): Promise<number> {
  const config = await readConfig(world.env);
  if (!config.feeds[name]) throw dataError(t('feed.unknown', { name }), t('feed.unknownHint', { names: Object.keys(config.feeds).join(', ') || '—' }));
  // The copy first: a feed left in the config with no copy is fetched again; a copy left with
  // no feed would be UAs nobody vouches for.
  try {
    rmSync(feedDir(world.env, name), { recursive: true, force: true });
  } catch (error) {
    throw systemError(error, t('files.cannotRemove', { file: feedDir(world.env, name) }));
  }
  await forgetFeed(config, name);
  note(world.stderr, globals, t('feed.removed', { name }));
  return 0;
}

/** The subscribed feeds: where from, how many UAs, when last checked. */
export async function feedList(flags: FeedFlags, globals: GlobalOptions, world: World): Promise<number> {
  const config = await readConfig(world.env);
  const rows = Object.entries(config.feeds).map(([name, feed]) => {
    const dir = feedDir(world.env, name);
    const version = currentVersion(dir);
    const manifest = version ? readManifest(version) : undefined;
    return { name, url: feed.url, key: feed.key, uas: manifest ? Object.keys(manifest.files).length : 0, checked_at: readState(dir).checked_at ?? null };
  });
  if (flags.json) {
    world.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    note(world.stderr, globals, t('feed.none'));
    note(world.stderr, globals, `  ${t('feed.noneHint')}`);
    return 0;
  }
  const table = [
    [t('feed.column.name'), t('feed.column.url'), t('feed.column.uas'), t('feed.column.checked')],
    ...rows.map((row) => [row.name, row.url, String(row.uas), row.checked_at ? ago(row.checked_at, world.now()) : t('feed.never')]),
  ];
  const widths = table[0]?.map((_, column) => Math.max(...table.map((cells) => displayWidth(cells[column] ?? '')))) ?? [];
  world.stdout.write(
    `${table
      .map((cells) =>
        cells
          .map((cell, column) => padEnd(cell, widths[column] ?? 0))
          .join('  ')
          .trimEnd(),
      )
      .join('\n')}\n`,
  );
  return 0;
}
