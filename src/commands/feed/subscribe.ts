import { rmSync } from 'node:fs';
import { checkFeedName, checkFeedUrl, publicKeyBytes } from '../../core/feeds.js';
import { tableLines } from '../../core/screen.js';
import { forTerminal } from '../../core/shown.js';
import { dataError, usageError } from '../../errors.js';
import { forgetFeed, readConfig, saveFeed } from '../../io/config.js';
import { currentVersion, feedDir, readManifest, readState } from '../../io/feed-store.js';
import { systemError } from '../../io/system-errors.js';
import { ago } from '../common/where-from.js';
import type { Context } from '../context.js';

export interface AddOptions {
  /** The feed's public key, `ed25519:…`. */
  key?: string;
}

export interface FeedListOptions {
  json: boolean;
}

// `ua feed add`, `list` and `remove`: for a volunteer who subscribes (`ua update` fetches).

/** Subscribes: the feed's address and its public key, pinned in the config file. */
export async function feedAdd(name: string, url: string, flags: AddOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  const problem = checkFeedName(t, name) ?? checkFeedUrl(t, url);
  if (problem) throw usageError(problem);
  if (!flags.key || !publicKeyBytes(flags.key)) throw usageError(t('feed.badKey'), t('feed.badKeyHint'));
  const config = await readConfig(t, world.env);
  const known = config.feeds[name] !== undefined;
  await saveFeed(t, config, name, { url, key: flags.key });
  ctx.note(t(known ? 'feed.replaced' : 'feed.added', { name, file: forTerminal(config.file) }));
  ctx.note(`  ${t('feed.addedHint')}`);
  return 0;
}

export async function feedRemove(name: string, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  const config = await readConfig(t, world.env);
  if (!config.feeds[name]) throw dataError(t('feed.unknown', { name }), t('feed.unknownHint', { names: Object.keys(config.feeds).join(', ') || '—' }));
  // The copy first: a feed left in the config with no copy is fetched again; a copy left with
  // no feed would be UAs nobody vouches for.
  try {
    rmSync(feedDir(world.env, name), { recursive: true, force: true });
  } catch (error) {
    throw systemError(t, error, t('files.cannotRemove', { file: feedDir(world.env, name) }));
  }
  await forgetFeed(t, config, name);
  ctx.note(t('feed.removed', { name }));
  return 0;
}

/** The subscribed feeds: where from, how many UAs, when last checked. */
export async function feedList(flags: FeedListOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  const config = await readConfig(t, world.env);
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
    ctx.note(t('feed.none'));
    ctx.note(`  ${t('feed.noneHint')}`);
    return 0;
  }
  const table = [
    [t('feed.column.name'), t('feed.column.url'), t('feed.column.uas'), t('feed.column.checked')],
    // The address as the config file holds it, which may be edited by hand.
    ...rows.map((row) => [row.name, forTerminal(row.url), String(row.uas), row.checked_at ? ago(t, row.checked_at, world.now()) : t('feed.never')]),
  ];
  world.stdout.write(
    `${tableLines(table)
      .map((line) => line.trimEnd())
      .join('\n')}\n`,
  );
  return 0;
}
