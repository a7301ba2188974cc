import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FoundLock, judge, type LockOwner, ownerIn, type Stale, type System, takeLock } from '../../src/io/lock-file.js';
import { tempFolders } from '../helpers/folders.js';

// The rules of a lock file as tables: when a lock is left over (judge) and what names its owner
// (ownerIn); then taking, waiting, taking over and releasing, on real files.

const NOW = Date.parse('2026-11-28T12:00:00Z');
const SINCE = '2026-11-28T11:00:00.000Z';
const SELF = { pid: 100, host: 'here' };
/** A system where `running` run, each started at its time (undefined: the system does not say). */
const system = (running: Record<number, number | undefined> = {}): System => ({
  now: () => NOW,
  isRunning: (pid) => pid in running,
  startedAt: (pid) => running[pid],
});
const owned = (owner: Partial<LockOwner>): FoundLock => ({ owner: { pid: 7, host: 'here', since: SINCE, ...owner }, text: '…', modified: NOW - 60_000 });
const unowned = (age: number): FoundLock => ({ text: '', modified: NOW - age });
const started = (offset: number) => Date.parse(SINCE) + offset;

describe('judge: is a lock left over by a run that is gone?', () => {
  it.each<[string, FoundLock, System, Stale | undefined]>([
    ['no owner yet, made 1 s ago: a run being born', unowned(1000), system(), undefined],
    ['no owner, made 3 s ago: empty or damaged', unowned(3000), system(), { why: 'empty' }],
    ['another host’s, its pid not running here: cannot be asked, so live', owned({ host: 'laptop' }), system(), undefined],
    ['our own pid (a container’s pid 1 again)', owned({ pid: SELF.pid }), system({ [SELF.pid]: NOW }), { why: 'ours', pid: SELF.pid }],
    ['its process has ended', owned({}), system(), { why: 'dead', pid: 7 }],
    ['its process runs, started before the lock', owned({}), system({ 7: started(-5000) }), undefined],
    ['its process runs, started 0.5 s after the lock (the clock’s margin)', owned({}), system({ 7: started(500) }), undefined],
    ['its pid runs a process started 2 s after the lock: reused', owned({}), system({ 7: started(2000) }), { why: 'reused', pid: 7 }],
    ['its process runs, and the system does not say since when', owned({}), system({ 7: undefined }), undefined],
    ['its process runs, and the lock’s time cannot be read', owned({ since: 'soon' }), system({ 7: started(2000) }), undefined],
  ])('%s', (_, found, sys, expected) => {
    expect(judge(found, SELF, sys)).toEqual(expected);
  });
});

describe('ownerIn: the owner a lock’s text names', () => {
  it.each<[string, LockOwner | undefined]>([
    [`${JSON.stringify({ pid: 7, host: 'here', since: SINCE })}\n`, { pid: 7, host: 'here', since: SINCE }],
    ['', undefined],
    ['garbage', undefined],
    ['null', undefined],
    ['7', undefined],
    ['{"pid":7}', undefined],
    ['{"pid":"7","host":"here"}', undefined],
    ['{"pid":0,"host":"here"}', undefined],
    ['{"pid":-1,"host":"here"}', undefined],
    ['{"pid":1.5,"host":"here"}', undefined],
  ])('%j → %j', (text, expected) => {
    expect(ownerIn(text)).toEqual(expected);
  });

  // A lock of `ua update` before lock-file.ts held only its pid.
  it.each<[string, LockOwner | undefined]>([
    ['7', { pid: 7, host: 'here', since: new Date(NOW).toISOString() }],
    ['0', undefined],
    ['7 8', undefined],
    [`${JSON.stringify({ pid: 7, host: 'laptop', since: SINCE })}\n`, { pid: 7, host: 'laptop', since: SINCE }],
  ])('with barePid: %j → %j', (text, expected) => {
    expect(ownerIn(text, { host: 'here', modified: NOW })).toEqual(expected);
  });
});

const newFolder = tempFolders('lock');
const lockIn = () => join(newFolder(), 'x.lock');
/** A pid that is certainly not running: a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;
const another = { pid: process.pid + 1, host: hostname() };
const busy = (owner: LockOwner) => new Error(`busy: ${owner.pid}`);
const ago = (file: string, seconds: number) => utimesSync(file, new Date(Date.now() - seconds * 1000), new Date(Date.now() - seconds * 1000));

describe('takeLock', () => {
  it('takes: the file holds its owner, only its owner may read or write it, and release removes it', async () => {
    const file = lockIn();
    const held = await takeLock(file, { waitSeconds: 0, busy });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pid: process.pid, host: hostname(), since: expect.any(String) });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    held.release();
    expect(existsSync(file)).toBe(false);
  });

  it('a live owner: busy at once without waiting; with a wait, told once, then busy', async () => {
    const file = lockIn();
    const held = await takeLock(file, { waitSeconds: 0, busy });
    const waited: number[] = [];
    await expect(takeLock(file, { waitSeconds: 0, self: another, busy, waiting: (o) => waited.push(o.pid) })).rejects.toThrow(`busy: ${process.pid}`);
    expect(waited).toEqual([]);
    await expect(takeLock(file, { waitSeconds: 0.4, self: another, busy, waiting: (o) => waited.push(o.pid) })).rejects.toThrow(`busy: ${process.pid}`);
    expect(waited).toEqual([process.pid]);
    held.release();
  });

  it('a left-over lock is taken over, said once, and the breaker is gone after', async () => {
    const file = lockIn();
    const dead = deadPid();
    writeFileSync(file, JSON.stringify({ pid: dead, host: hostname(), since: SINCE }));
    const said: Stale[] = [];
    const held = await takeLock(file, { waitSeconds: 0, busy, tookOver: (stale) => said.push(stale) });
    expect(said).toEqual([{ why: 'dead', pid: dead }]);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    expect(existsSync(`${file}.break`)).toBe(false);
    held.release();
  });

  it('while another run takes a lock over (its breaker), this one waits; a breaker left 10 s is removed', async () => {
    const file = lockIn();
    writeFileSync(file, JSON.stringify({ pid: deadPid(), host: hostname(), since: SINCE }));
    writeFileSync(`${file}.break`, '');
    let taken = false;
    const taking = takeLock(file, { waitSeconds: 0, busy }).then((held) => {
      taken = true;
      return held;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(taken).toBe(false);
    ago(`${file}.break`, 11);
    (await taking).release();
    expect(existsSync(`${file}.break`)).toBe(false);
  });

  it('release removes only our own lock', async () => {
    const file = lockIn();
    const held = await takeLock(file, { waitSeconds: 0, busy });
    writeFileSync(file, JSON.stringify({ pid: process.pid + 7, host: hostname(), since: SINCE }));
    held.release();
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid + 7);
  });

  it('a system error: what `failed` makes of it, naming the step; else the error itself', async () => {
    const file = join(lockIn(), '..', 'missing', 'x.lock');
    const failed = (error: unknown, step: string, path: string) => new Error(`${step} ${path}: ${(error as NodeJS.ErrnoException).code}`);
    await expect(takeLock(file, { waitSeconds: 0, busy, failed })).rejects.toThrow(`create ${file}: ENOENT`);
    await expect(takeLock(file, { waitSeconds: 0, busy })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
