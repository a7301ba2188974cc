import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isRunning, startedAt } from '../../src/io/pids.js';

/** A pid that is certainly not running: a process that has ended. */
const ended = spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('isRunning: whether a pid names a running process', () => {
  it.each([
    ['this process', process.pid, true],
    ['pid 1, which always runs (EPERM when it is not ours)', 1, true],
    ['a process that has ended', ended, false],
    ['0, which would ask about our process group', 0, false],
    ['-1, which would ask about every process', -1, false],
    ['a fraction', 1.5, false],
    ['NaN, a lock that names no number', Number.NaN, false],
  ])('%s → %s', (_, pid, expected) => {
    expect(isRunning(pid)).toBe(expected);
  });
});

describe('startedAt: when a process started, where the system says', () => {
  it.runIf(process.platform === 'linux')('this process: when it started, to the second', () => {
    // btime is whole seconds and the wall clock may have been set since boot: a few seconds' slack.
    expect(Math.abs((startedAt(process.pid) as number) - (Date.now() - process.uptime() * 1000))).toBeLessThan(5000);
  });

  it('a process that has ended: unknown', () => {
    expect(startedAt(ended)).toBeUndefined();
  });
});
