import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UaError } from '../../src/errors.js';
import { lockFeed } from '../../src/io/feed-store.js';
import { tempFolders } from '../helpers/folders.js';
import { t } from '../helpers/words.js';

const newFolder = tempFolders('feed');
/** A feed's folder, not made yet: the lock makes it. */
const feedIn = () => join(newFolder(), 'feeds', 'amnesty');
/** A pid that is certainly not running: a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;
/** pid 1 runs, and started long before now: a live owner other than this run. */
const live = () => JSON.stringify({ pid: 1, host: hostname(), since: new Date().toISOString() });
const busy = (dir: string) =>
  expect.objectContaining({
    message: 'another "ua update" (pid 1) is updating this feed',
    hint: `If no other ua update is running, delete ${join(dir, '.update.lock')}.`,
    exitCode: 1,
  });

describe('lockFeed: one `ua update` of a feed at a time', () => {
  it('takes .update.lock in the feed’s folder, naming this run; releasing removes it', async () => {
    const dir = feedIn();
    const release = await lockFeed(t, dir);
    expect(JSON.parse(readFileSync(join(dir, '.update.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(join(dir, '.update.lock'))).toBe(false);
  });

  it('a live update’s lock stops this one at once, with what to do', async () => {
    const dir = feedIn();
    await lockFeed(t, dir);
    writeFileSync(join(dir, '.update.lock'), live());
    const error = await lockFeed(t, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UaError);
    expect(error).toEqual(busy(dir));
  });

  it.each([
    ['its owner', (pid: number) => JSON.stringify({ pid, host: hostname(), since: '2026-11-28T10:00:00Z' })],
    ['only its pid, as before', String],
  ])('a lock naming %s, an update that has ended, is taken over without a word', async (_, text) => {
    const dir = feedIn();
    (await lockFeed(t, dir))();
    writeFileSync(join(dir, '.update.lock'), text(deadPid()));
    const release = await lockFeed(t, dir);
    expect(JSON.parse(readFileSync(join(dir, '.update.lock'), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('a lock holding only the pid of a live update (as before) stops this one', async () => {
    const dir = feedIn();
    (await lockFeed(t, dir))();
    writeFileSync(join(dir, '.update.lock'), '1');
    await expect(lockFeed(t, dir)).rejects.toEqual(busy(dir));
  });

  it('an empty lock is an update being born: its owner is awaited, not removed', async () => {
    const dir = feedIn();
    (await lockFeed(t, dir))();
    writeFileSync(join(dir, '.update.lock'), '');
    setTimeout(() => writeFileSync(join(dir, '.update.lock'), live()), 300);
    await expect(lockFeed(t, dir)).rejects.toEqual(busy(dir));
  });
});
