import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { isRunning, startedAt } from './pids.js';
import { errorCode } from './system-errors.js';

/**
 * A lock file, as git's lockfile.c keeps one: taken by creating the file exclusively (O_EXCL)
 * with its owner written and flushed; judged left over or live; a left-over one taken over one
 * run at a time; released only while it is still ours. It says nothing itself: its users (the
 * journal, `ua update`'s feeds) word what happens through the callbacks.
 */

/** Who holds a lock: written into the lock file, shown to the run that has to wait. */
export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** This process, as a lock names it (tests pass another to play a second run). */
export type Self = Pick<LockOwner, 'pid' | 'host'>;

/** A lock file as found: its owner when its text names one, and when it was last written. */
export interface FoundLock {
  owner?: LockOwner;
  text: string;
  modified: number;
}

/** Why a lock is left over by a run that is gone. */
export type Stale = { why: 'empty' } | { why: 'ours' | 'dead' | 'reused'; pid: number };

/** The step a system error stopped: the lock's creation, its owner's writing, a read, the takeover's breaker. */
export type LockStep = 'create' | 'write' | 'read' | 'break';

export interface TakeOptions {
  /** Seconds to wait for a live owner to let go; 0 stops at once. */
  waitSeconds: number;
  self?: Self;
  /** Once, when this run starts waiting for a live owner. */
  waiting?: (owner: LockOwner) => void;
  /** A left-over lock was removed, so that this run could take it. */
  tookOver?: (stale: Stale) => void;
  /** What to throw when a live owner still holds the lock after the wait. */
  busy: (owner: LockOwner) => Error;
  /** What to throw for a system error at a step (the error itself unless told). */
  failed?: (error: unknown, step: LockStep, file: string) => unknown;
  /** Reads a lock holding only a pid, as `ua update` wrote before this module, as this host's. */
  barePid?: boolean;
}

export interface HeldLock {
  release(): void;
}

/** What the lock asks of the system, passed in by the tests of its rules. */
export interface System {
  now(): number;
  isRunning(pid: number): boolean;
  startedAt(pid: number): number | undefined;
}

const THIS_SYSTEM: System = Object.freeze({ now: () => Date.now(), isRunning, startedAt });
const POLL_MS = 100;
/** A lock file still empty this long after it was made was left by a run that died making it. */
const EMPTY_GRACE_MS = 2000;
/** A takeover takes microseconds; a breaker this old was left by a run that died during one. */
const BREAKER_GRACE_MS = 10_000;
/** /proc counts from a boot time in whole seconds, which moves when the clock is set: a margin before a pid counts as reused. */
const START_MARGIN_MS = 1000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lock `file`. One left by a run that is gone (on this host; a pid now used by a
 * younger process counts as gone) is taken over; a live one makes this run wait up to
 * `waitSeconds`, then throw `busy`.
 */
export async function takeLock(file: string, options: TakeOptions): Promise<HeldLock> {
  const lock = new LockFile(file, options.self ?? { pid: process.pid, host: hostname() }, options);
  const deadline = Date.now() + options.waitSeconds * 1000;
  let told = false;
  for (;;) {
    if (lock.create()) return { release: () => lock.removeIfOurs() };
    const found = lock.read(file);
    if (!found) continue;
    const stale = judge(found, lock.self);
    if (stale) {
      // Another run may be taking it over at this moment: then it is its turn.
      if (!lock.takeOver(found.text, stale)) await pause(POLL_MS / 10);
      continue;
    }
    if (found.owner) {
      if (Date.now() >= deadline) throw options.busy(found.owner);
      if (!told) options.waiting?.(found.owner);
      told = true;
    }
    await pause(POLL_MS);
  }
}

/** Why a lock is left over (and may be taken over), or undefined while its run may be alive. */
export function judge({ owner, modified }: FoundLock, self: Self, system: System = THIS_SYSTEM): Stale | undefined {
  if (!owner) return system.now() - modified > EMPTY_GRACE_MS ? { why: 'empty' } : undefined;
  // Only this host's processes can be asked about.
  if (owner.host !== self.host) return undefined;
  // A pid reused: this very process (a container's pid 1), or one younger than the lock.
  if (owner.pid === self.pid) return { why: 'ours', pid: owner.pid };
  if (!system.isRunning(owner.pid)) return { why: 'dead', pid: owner.pid };
  const started = system.startedAt(owner.pid);
  const since = Date.parse(owner.since);
  if (started !== undefined && Number.isFinite(since) && started > since + START_MARGIN_MS) return { why: 'reused', pid: owner.pid };
  return undefined;
}

/**
 * The owner a lock's text names, or undefined: created but not yet written, or written by
 * something else. With `barePid`, a text of only a pid is an owner on `host` since `modified`.
 */
export function ownerIn(text: string, barePid?: { host: string; modified: number }): LockOwner | undefined {
  const owner: Partial<LockOwner> | undefined =
    barePid && /^\d+$/.test(text.trim()) ? { pid: Number(text), host: barePid.host, since: new Date(barePid.modified).toISOString() } : parsed(text);
  const pid = owner?.pid;
  return Number.isSafeInteger(pid) && (pid as number) > 0 && typeof owner?.host === 'string' ? (owner as LockOwner) : undefined;
}

function parsed(text: string): Partial<LockOwner> | undefined {
  try {
    return JSON.parse(text) as Partial<LockOwner> | undefined;
  } catch {
    // Not JSON: no owner.
    return undefined;
  }
}

/** One lock file and the one process that tries to take it. */
class LockFile {
  constructor(
    private readonly file: string,
    readonly self: Self,
    private readonly options: Pick<TakeOptions, 'tookOver' | 'failed' | 'barePid'>,
  ) {}

  /** Creates the lock, its owner written and flushed; false when there is one already. */
  create(): boolean {
    let fd: number;
    try {
      fd = openSync(this.file, 'wx', 0o600);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw this.failed(error, 'create', this.file);
    }
    // The machine's own clock, not the run's: it is compared with when processes started.
    const owner: LockOwner = { ...this.self, since: new Date().toISOString() };
    try {
      writeSync(fd, `${JSON.stringify(owner)}\n`);
      fsyncSync(fd);
    } catch (error) {
      // A disk too full for a few bytes: no half-made lock is left for the next run.
      closeSync(fd);
      unlinkSync(this.file);
      throw this.failed(error, 'write', this.file);
    }
    closeSync(fd);
    return true;
  }

  /** A lock file (the lock or its breaker) as it is now; undefined when it is gone. */
  read(file: string): FoundLock | undefined {
    let text: string;
    let modified: number;
    try {
      modified = statSync(file).mtimeMs;
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw this.failed(error, 'read', file);
    }
    const owner = ownerIn(text, this.options.barePid ? { host: this.self.host, modified } : undefined);
    return owner ? { owner, text, modified } : { text, modified };
  }

  /**
   * Removes a left-over lock so that a fresh one can be made; false when another run is taking
   * it over. Takeovers are one at a time (a breaker file, made exclusively), and the lock is
   * removed only if it is still the very one judged left over: a live run's lock is never removed.
   */
  takeOver(judged: string, stale: Stale): boolean {
    const breaker = `${this.file}.break`;
    let fd: number;
    try {
      fd = openSync(breaker, 'wx', 0o600);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw this.failed(error, 'break', breaker);
      return this.removeIf(breaker, (found) => Date.now() - found.modified > BREAKER_GRACE_MS);
    }
    closeSync(fd);
    try {
      if (this.removeIf(this.file, (found) => found.text === judged)) this.options.tookOver?.(stale);
      return true;
    } finally {
      this.removeIf(breaker, () => true);
    }
  }

  removeIfOurs(): void {
    if (this.read(this.file)?.owner?.pid === this.self.pid) {
      try {
        unlinkSync(this.file);
      } catch {
        // Already gone: nothing to release.
      }
    }
  }

  private removeIf(file: string, test: (found: FoundLock) => boolean): boolean {
    const found = this.read(file);
    if (!found || !test(found)) return false;
    try {
      unlinkSync(file);
      return true;
    } catch {
      return false;
    }
  }

  private failed(error: unknown, step: LockStep, file: string): unknown {
    return this.options.failed ? this.options.failed(error, step, file) : error;
  }
}
