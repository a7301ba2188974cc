import { hostname } from 'node:os';
import type { Translate } from '../core/i18n.js';
import { usageError } from '../errors.js';
import { type HeldLock, type LockOwner, type LockStep, type Self, type Stale, takeLock } from './lock-file.js';
import { systemError } from './system-errors.js';

export interface LockOptions {
  /** Seconds to wait for another run to finish; 0 stops at once. */
  waitSeconds: number;
  say: (text: string) => void;
  /** This process (tests pass another to play a second run). */
  self?: Self;
  /** What to throw when another run still holds the journal (this run's own words for it); the error below unless told. */
  busy?: (owner: LockOwner) => Error;
}

/**
 * One writer at a time: a lock file beside the journal (lock-file.ts), holding the pid and host
 * of the run. A lock whose process is gone is taken over with a note; a live one makes this run
 * wait up to `waitSeconds`, with one note, then stop with exit 2.
 */
export function lockJournal(t: Translate, journal: string, options: LockOptions): Promise<HeldLock> {
  const file = `${journal}.lock`;
  return takeLock(file, {
    waitSeconds: options.waitSeconds,
    self: options.self,
    waiting: (owner) => options.say(t('lock.waiting', { owner: describeOwner(t, owner) })),
    tookOver: (stale) => options.say(t('lock.tookOver', { what: describeStale(t, stale) })),
    busy: options.busy ?? ((owner) => busy(t, file, owner, options.waitSeconds)),
    failed: (error, step, path) => failure(t, error, step, path),
  });
}

function describeStale(t: Translate, stale: Stale): string {
  switch (stale.why) {
    case 'empty':
      return t('lock.empty');
    case 'ours':
      return t('lock.leftOurs', { pid: stale.pid });
    case 'dead':
      return t('lock.leftDead', { pid: stale.pid });
    case 'reused':
      return t('lock.leftReused', { pid: stale.pid });
  }
}

function failure(t: Translate, error: unknown, step: LockStep, file: string) {
  if (step === 'read') return systemError(t, error, t('lock.cannotRead', { file }));
  // What to do depends on what failed: a folder that refuses the lock, or a disk too full for it.
  const hint = step === 'create' ? t('journal.moveHint') : step === 'write' ? t('journal.spaceHint') : undefined;
  return systemError(t, error, t('lock.cannotLock', { file }), hint);
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
