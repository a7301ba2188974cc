import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { usageError } from '../errors.js';
import { systemError } from './system-errors.js';

/** Who holds the journal: written into the lock file, shown to the run that has to wait. */
export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface LockOptions {
  /** Seconds to wait for another run to finish; 0 stops at once. */
  waitSeconds: number;
  now: () => Date;
  say: (text: string) => void;
  /** This process (tests pass another to play a second run). */
  self?: { pid: number; host: string };
}

export interface HeldLock {
  release(): void;
}

const POLL_MS = 100;
/** A lock file still empty after this long was left by a run that died while creating it. */
const EMPTY_GRACE_MS = 2000;

/**
 * One writer at a time: a lock file beside the journal, created exclusively (O_EXCL), holding
 * the pid and host of the run. A lock whose process is gone (on this host) is taken over with a
 * note; a live one makes this run wait up to `waitSeconds`, then stop with exit 2.
 */
export async function lockJournal(journal: string, options: LockOptions): Promise<HeldLock> {
  const file = `${journal}.lock`;
  const self = options.self ?? { pid: process.pid, host: hostname() };
  const deadline = Date.now() + options.waitSeconds * 1000;
  let emptySince: number | undefined;
  let told = false;
  for (;;) {
    if (tryCreate(file, { ...self, since: options.now().toISOString() })) return { release: () => removeIfOurs(file, self.pid) };
    const holder = currentHolder(file, self.host, options.say);
    if (holder === 'retry') continue;
    if ('text' in holder) {
      // Created but not yet written: its run may be starting now, or may have died doing so.
      emptySince ??= Date.now();
      if (Date.now() - emptySince > EMPTY_GRACE_MS) takeOver(file, holder.text, options.say, 'an empty or damaged lock');
    } else {
      if (Date.now() >= deadline) throw busy(file, holder, options.waitSeconds);
      if (!told) options.say(`Waiting for another ua (${describeOwner(holder)}) to finish with the journal…`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The live owner of the lock; 'retry' when it is gone or was a dead run's (taken over); the text of one that names nobody. */
function currentHolder(file: string, host: string, say: (text: string) => void): LockOwner | { text: string } | 'retry' {
  const found = readLock(file);
  if (!found) return 'retry';
  const { owner, text } = found;
  if (!owner) return { text };
  if (owner.host !== host || alive(owner.pid)) return owner;
  takeOver(file, text, say, `a lock left by ua (pid ${owner.pid}), which is no longer running`);
  return 'retry';
}

function tryCreate(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw systemError(error, `cannot lock the journal (${file})`, 'Set UA_JOURNAL to a file in a folder you can write to.');
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock as found: its text, and its owner when the text names one; undefined when it is gone. */
function readLock(file: string): { owner?: LockOwner; text: string } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw systemError(error, `cannot read the journal's lock ${file}`);
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (Number.isInteger(owner?.pid) && typeof owner.host === 'string') return { owner, text };
  } catch {
    // Created but not yet written, or written by something else.
  }
  return { text };
}

/**
 * Takes over a dead run's lock without ever removing a live one: the file is first renamed
 * away (atomic), and if what was renamed turns out not to be the dead lock (another run took
 * it over a moment earlier) it is put back with link(), which never overwrites.
 */
function takeOver(file: string, expected: string, say: (text: string) => void, what: string): void {
  const aside = `${file}.${process.pid}.${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // Someone else moved it first: try again from the start.
  }
  const taken = readFileSync(aside, 'utf8');
  if (taken === expected) say(`Note: took over ${what}.`);
  else {
    try {
      linkSync(aside, file);
    } catch {
      // A third run created a lock meanwhile; it is the live one now.
    }
  }
  unlinkSync(aside);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfOurs(file: string, pid: number): void {
  if (readLock(file)?.owner?.pid === pid) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function describeOwner(owner: LockOwner): string {
  return owner.host === hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
}

function busy(file: string, owner: LockOwner, waited: number) {
  return usageError(
    `another ua (${describeOwner(owner)}) is using the journal ${file.replace(/\.lock$/, '')}${waited > 0 ? ` (waited ${waited} s)` : ''}; nothing was sent`,
    owner.host === hostname()
      ? 'Let it finish, or add --wait <seconds> to wait for it; a rerun then sends only what is left.'
      : `If that run is over, delete ${file}; or add --wait <seconds>.`,
  );
}
