import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Translate } from '../core/i18n.js';
import { usageError } from '../errors.js';
import { isRunning, startedAt } from './pids.js';
import { errorCode, systemError } from './system-errors.js';

/** Who holds the journal: written into the lock file, shown to the run that has to wait. */
export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface LockOptions {
  /** Seconds to wait for another run to finish; 0 stops at once. */
  waitSeconds: number;
  say: (text: string) => void;
  /** This process (tests pass another to play a second run). */
  self?: { pid: number; host: string };
}

export interface HeldLock {
  release(): void;
}

const POLL_MS = 100;
/** A lock file still empty this long after it was made was left by a run that died making it. */
const EMPTY_GRACE_MS = 2000;
/** A takeover takes microseconds; a breaker this old was left by a run that died during one. */
const BREAKER_GRACE_MS = 10_000;

/**
 * One writer at a time: a lock file beside the journal, created exclusively (O_EXCL), holding
 * the pid and host of the run. A lock whose process is gone (on this host; a pid now used by a
 * younger process counts as gone) is taken over with a note; a live one makes this run wait up
 * to `waitSeconds`, then stop with exit 2.
 */
export async function lockJournal(t: Translate, journal: string, options: LockOptions): Promise<HeldLock> {
  const file = `${journal}.lock`;
  const self = options.self ?? { pid: process.pid, host: hostname() };
  const deadline = Date.now() + options.waitSeconds * 1000;
  let told = false;
  for (;;) {
    // The machine's own clock, not the run's: it is compared with when processes started.
    if (tryCreate(t, file, { ...self, since: new Date().toISOString() })) return { release: () => removeIfOurs(t, file, self.pid) };
    const found = readLock(t, file);
    if (!found) continue;
    const stale = staleness(t, found, self);
    if (stale) {
      // Another run may be taking it over at this moment: then it is its turn.
      if (!takeOver(t, file, found.text, stale, options.say)) await new Promise((resolve) => setTimeout(resolve, POLL_MS / 10));
      continue;
    }
    if (found.owner) {
      if (Date.now() >= deadline) throw busy(t, file, found.owner, options.waitSeconds);
      if (!told) options.say(t('lock.waiting', { owner: describeOwner(t, found.owner) }));
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function tryCreate(t: Translate, file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw systemError(t, error, t('lock.cannotLock', { file }), t('journal.moveHint'));
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
    fsyncSync(fd);
  } catch (error) {
    // A disk too full for a few bytes: no half-made lock is left for the next run.
    closeSync(fd);
    unlinkSync(file);
    throw systemError(t, error, t('lock.cannotLock', { file }), t('journal.spaceHint'));
  }
  closeSync(fd);
  return true;
}

interface FoundLock {
  owner?: LockOwner;
  text: string;
  modified: number;
}

/** The lock as found (its owner when its text names one); undefined when it is gone. */
function readLock(t: Translate, file: string): FoundLock | undefined {
  let text: string;
  let modified: number;
  try {
    modified = statSync(file).mtimeMs;
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw systemError(t, error, t('lock.cannotRead', { file }));
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (Number.isInteger(owner?.pid) && typeof owner.host === 'string') return { owner, text, modified };
  } catch {
    // Created but not yet written, or written by something else.
  }
  return { text, modified };
}

/** Why a lock is left over (and may be taken over), or undefined while its run may be alive. */
function staleness(t: Translate, { owner, modified }: FoundLock, self: { pid: number; host: string }): string | undefined {
  if (!owner) return Date.now() - modified > EMPTY_GRACE_MS ? t('lock.empty') : undefined;
  if (owner.host !== self.host) return undefined;
  // A pid reused: this very process (a container's pid 1), or one younger than the lock.
  if (owner.pid === self.pid) return t('lock.leftOurs', { pid: owner.pid });
  if (!isRunning(owner.pid)) return t('lock.leftDead', { pid: owner.pid });
  const started = startedAt(owner.pid);
  const since = Date.parse(owner.since);
  if (started !== undefined && Number.isFinite(since) && started > since + 1000) return t('lock.leftReused', { pid: owner.pid });
  return undefined;
}

/**
 * Removes a left-over lock so that a fresh one can be made. Takeovers are one at a time (a
 * breaker file, made exclusively), and the lock is removed only if it is still the very one
 * judged left over: a live run's lock is never removed.
 */
function takeOver(t: Translate, file: string, judged: string, why: string, say: (text: string) => void): boolean {
  const breaker = `${file}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw systemError(t, error, t('lock.cannotLock', { file: breaker }));
    return removeIf(t, breaker, (found) => Date.now() - found.modified > BREAKER_GRACE_MS);
  }
  closeSync(fd);
  try {
    if (removeIf(t, file, (found) => found.text === judged)) say(t('lock.tookOver', { what: why }));
    return true;
  } finally {
    removeIf(t, breaker, () => true);
  }
}

function removeIf(t: Translate, file: string, test: (found: FoundLock) => boolean): boolean {
  const found = readLock(t, file);
  if (!found || !test(found)) return false;
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}

function removeIfOurs(t: Translate, file: string, pid: number): void {
  if (readLock(t, file)?.owner?.pid === pid) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function describeOwner(t: Translate, owner: LockOwner): string {
  return owner.host === hostname() ? `pid ${owner.pid}` : t('lock.onHost', { pid: owner.pid, host: owner.host });
}

function busy(t: Translate, file: string, owner: LockOwner, waited: number) {
  const journal = file.replace(/\.lock$/, '');
  return usageError(
    waited > 0
      ? t('lock.busyWaited', { owner: describeOwner(t, owner), journal, seconds: waited })
      : t('lock.busy', { owner: describeOwner(t, owner), journal }),
    owner.host === hostname() ? t('lock.busyHint', { file }) : t('lock.busyOtherHost', { file }),
  );
}
