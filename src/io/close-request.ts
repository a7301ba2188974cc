import { readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Translate } from '../core/i18n.js';
import type { LockOwner } from './lock-file.js';
import { writeFileAtomically } from './staging.js';

// `ua serve --close` while the evening's server runs: the server holds the evening's lock, so the
// closing run asks it to close. What it asks (keep the letters; delete unsent ones) is written
// beside the lock for that server's pid alone, then a SIGTERM (what Ctrl-C or a shutdown sends
// too) tells the server to look. A request for another pid, or none, is a plain stop.

/** What `ua serve --close` asks of the server that runs. */
export interface CloseRequest {
  /** The server's pid: a request left behind is never read by another process that gets its pid. */
  server: number;
  keepData: boolean;
  discard: boolean;
}

/**
 * Asks the server that holds the lock to close the evening: false when it cannot be asked (it
 * runs on another machine, whose home folder this is, or as another user). A server gone since
 * counts as asked: its lock is then left over, and taken over.
 */
export function askToClose(t: Translate, file: string, owner: LockOwner, asked: Omit<CloseRequest, 'server'>): boolean {
  if (owner.host !== hostname()) return false;
  const request: CloseRequest = { server: owner.pid, ...asked };
  writeFileAtomically(t, { path: file, force: true, shown: file }, `${JSON.stringify(request)}\n`);
  try {
    process.kill(owner.pid, 'SIGTERM');
    return true;
  } catch (error) {
    withdrawCloseRequest(file);
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The request to this process, if one was made: read once, then removed. */
export function takeCloseRequest(file: string): CloseRequest | undefined {
  let request: Partial<CloseRequest>;
  try {
    request = JSON.parse(readFileSync(file, 'utf8')) as Partial<CloseRequest>;
  } catch {
    // None (a Ctrl-C), or not one ua wrote: a plain stop.
    return undefined;
  }
  if (request.server !== process.pid) return undefined;
  withdrawCloseRequest(file);
  return { server: request.server, keepData: request.keepData === true, discard: request.discard === true };
}

/** A request the server did not take (it stopped before it could read it) is not left for another. */
export function withdrawCloseRequest(file: string): void {
  rmSync(file, { force: true });
}
