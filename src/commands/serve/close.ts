import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { closingRefused } from '../../core/evening.js';
import { forTerminal } from '../../core/shown.js';
import { failure, usageError } from '../../errors.js';
import { askToClose, withdrawCloseRequest } from '../../io/close-request.js';
import { Evening } from '../../io/evening.js';
import { type HeldLock, type LockOwner, takeLock } from '../../io/lock-file.js';
import type { Context } from '../context.js';
import { closeRequestFile, eveningFolder, eveningLock, type ServeOptions } from './setup.js';

type Closing = Pick<ServeOptions, 'keepData' | 'discard'>;

/** How an evening ended: refused (that many letters neither printed nor sent), deleted, or kept aside there. */
export type Closed = { refused: number } | { deleted: true } | { keptAt: string };

/** How long `--close` waits for a running server to finish what it is doing (a send may take minutes) and close. */
const SERVER_STOP_SECONDS = 600;

/**
 * `ua serve --close`: the evening ends; what the attendees typed is deleted (the counts of what
 * was printed or sent stay in the journal, for `ua report`), unless --keep-data. Letters neither
 * printed nor sent are not thrown away without --discard. While the evening's server runs, it is
 * asked to close the evening, as its organiser's page would.
 */
export async function closeEvening(options: Closing, ctx: Context): Promise<number> {
  const { t, world } = ctx;
  const folder = eveningFolder(ctx);
  // 1. The evening's lock: free, left by a server that is gone (taken over), or the running
  // server's, which is asked to close the evening and let go.
  const { lock, asked } = await lockForClosing(options, ctx);
  try {
    if (!existsSync(join(folder, 'evening.json'))) {
      if (asked) sayClosed(asked, ctx);
      else ctx.note(t('serve.noEvening'));
      return 0;
    }
    // 2. No server ran, or it stopped without closing the evening (a letter came in meanwhile):
    // closed here, by the same rules.
    const closed = endEvening(Evening.open(t, folder, [], world.now()), options);
    if ('refused' in closed) throw usageError(t('serve.undelivered', { count: closed.refused }), t('serve.undeliveredHint'));
    sayClosed(closed, ctx);
    return 0;
  } finally {
    lock.release();
  }
}

/** The lock, once no server holds it; and, when a server was asked to close the evening, what closing it leaves. */
async function lockForClosing(options: Closing, ctx: Context): Promise<{ lock: HeldLock; asked?: Exclude<Closed, { refused: number }> }> {
  try {
    return { lock: await takeLock(eveningLock(ctx), { waitSeconds: 0, busy: (owner) => new ServerRunning(owner) }) };
  } catch (error) {
    if (!(error instanceof ServerRunning)) throw error;
    return askServer(error.owner, options, ctx);
  }
}

async function askServer(server: LockOwner, options: Closing, ctx: Context): Promise<{ lock: HeldLock; asked: Exclude<Closed, { refused: number }> }> {
  const { t } = ctx;
  const { pid } = server;
  // The rules first: a server is not stopped for a close that would be refused.
  const evening = Evening.open(t, eveningFolder(ctx), [], ctx.world.now());
  const refused = refusal(evening, options);
  if (refused > 0) throw usageError(t('serve.undelivered', { count: refused }), t('serve.undeliveredHint'));
  const request = closeRequestFile(ctx);
  if (!askToClose(t, request, server, options)) throw failure(t('serve.running', { pid }), t('serve.runningHint'));
  ctx.note(t('serve.askingServer', { pid }));
  try {
    const lock = await takeLock(eveningLock(ctx), {
      waitSeconds: SERVER_STOP_SECONDS,
      busy: () => failure(t('serve.notStopped', { pid }), t('serve.notStoppedHint')),
    });
    return { lock, asked: options.keepData ? { keptAt: evening.asideFolder } : { deleted: true } };
  } finally {
    // Taken by the server when the signal came; one it never read is not left for another.
    withdrawCloseRequest(request);
  }
}

/** Thrown by the lock's `busy`, to learn who holds it; always caught (lockForClosing). */
class ServerRunning extends Error {
  constructor(readonly owner: LockOwner) {
    super();
  }
}

/** How many letters keep the evening from closing (core/evening.ts closingRefused). */
const refusal = (evening: Evening, options: Closing): number => closingRefused(evening.letters(), options);

/** Ends the evening, by the rules of `--close` (and of the organiser's Close button, and of a server asked to close). */
export function endEvening(evening: Evening, options: Closing): Closed {
  const refused = refusal(evening, options);
  if (refused > 0) return { refused };
  if (options.keepData) return { keptAt: evening.keepAside() };
  evening.remove();
  return { deleted: true };
}

export function sayClosed(closed: Exclude<Closed, { refused: number }>, ctx: Context): void {
  if ('keptAt' in closed) ctx.tell(ctx.t('serve.closedKeptAt', { folder: forTerminal(closed.keptAt) }));
  else ctx.tell(ctx.t('serve.closedDeleted'));
}
