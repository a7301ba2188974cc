import { spawnSync } from 'node:child_process';
import { fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackgroundFlushes, inMemoryOnly } from '../../src/io/durable.js';
import { tempFolders } from '../helpers/folders.js';
import { canMountTmpfs, withTmpfs } from '../helpers/tmpfs.js';

const newFolder = tempFolders('durable');
const isOpen = (fd: number): boolean => {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
};

describe('BackgroundFlushes: files flushed and closed behind the writing', () => {
  it('forty files through a window of eight: each written, flushed and closed once all are settled', async () => {
    const folder = newFolder();
    const flushes = new BackgroundFlushes(8);
    const fds: number[] = [];
    for (let i = 0; i < 40; i++) {
      const fd = openSync(join(folder, `${i}.txt`), 'wx');
      writeSync(fd, `letter ${i}\n`);
      fds.push(fd);
      await flushes.add(fd);
    }
    await flushes.settled();
    expect(fds.filter(isOpen)).toEqual([]);
    expect(readFileSync(join(folder, '39.txt'), 'utf8')).toBe('letter 39\n');
  });

  it('a flush that fails is thrown by settled(), and its file is closed all the same', async () => {
    const fifo = join(newFolder(), 'pipe');
    spawnSync('mkfifo', [fifo]);
    // fsync(2) refuses a pipe (EINVAL); opened for reading and writing, it does not wait for a peer.
    const fd = openSync(fifo, 'r+');
    const flushes = new BackgroundFlushes(8);
    await flushes.add(fd);
    await expect(flushes.settled()).rejects.toMatchObject({ code: 'EINVAL' });
    expect(isOpen(fd)).toBe(false);
  });
});

describe('inMemoryOnly: a file system with nothing to flush', () => {
  it('no for /proc and for a folder that is not there', () => {
    expect(inMemoryOnly('/proc')).toBe(false);
    expect(inMemoryOnly(join(newFolder(), 'gone'))).toBe(false);
  });

  it.skipIf(!canMountTmpfs)('yes for a tmpfs (needs root to mount one)', async () => {
    const disk = join(newFolder(), 'disk');
    await withTmpfs(disk, '64k', () => expect(inMemoryOnly(disk)).toBe(true));
  });
});
