import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempHome } from './spawn.js';

/**
 * A small disk of its own, for tests of a disk that fills up: a tmpfs, which only root can
 * mount. Elsewhere those tests are skipped (describe.skipIf(!canMountTmpfs)).
 */
export const canMountTmpfs = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = join(tempHome().dir, 'probe');
  mkdirSync(probe);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (mounted) spawnSync('umount', [probe]);
  rmSync(join(probe, '..'), { recursive: true, force: true });
  return mounted;
})();

/** Mounts a tmpfs of `size` (e.g. "256k") on `dir`, runs `work`, and always unmounts it. */
export async function withTmpfs<T>(dir: string, size: string, work: () => T | Promise<T>): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  if (mounted.status !== 0) throw new Error(`cannot mount a tmpfs on ${dir}: ${mounted.stderr}`);
  try {
    return await work();
  } finally {
    // A file a failed test left open keeps the disk busy: then it goes once that file is closed.
    if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
  }
}
