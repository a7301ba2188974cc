import { join } from 'node:path';
import type { Action } from '../../core/action.js';
import { deadlineStatus, localDay, parseIsoDate } from '../../core/dates.js';
import { forTerminal } from '../../core/shown.js';
import { failure, usageError } from '../../errors.js';
import { type CloseRequest, takeCloseRequest } from '../../io/close-request.js';
import { Evening } from '../../io/evening.js';
import { type HeldLock, takeLock } from '../../io/lock-file.js';
import { stateDir } from '../../io/paths.js';
import { Repository } from '../../io/repository.js';
import type { Context } from '../context.js';
import { closeRequestFile, eveningFolder, eveningLock, type ServeOptions } from './setup.js';

/** `ua serve`: a page for the attendees' phones, for one evening, until Ctrl-C or the organiser closes it. */
export async function serve(options: ServeOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  if (options.close) return (await import('./close.js')).closeEvening(options, ctx);
  // 1. One server an evening: a second one would keep letters the first does not know of.
  const lock = await lockEvening(ctx);
  try {
    // 2. The UAs, where to listen (a --host refused before anything is kept), and the evening's
    // folder (the one a crash left, continued).
    const actions = await eveningActions(options.ids, ctx);
    const host = await (await import('./listen.js')).listenAddress(options, ctx);
    const evening = Evening.open(
      t,
      eveningFolder(ctx),
      actions.map((a) => a.id),
      world.now(),
    );
    const kept = evening.file.ids.filter((id) => actions.some((a) => a.id === id));
    if (kept.length !== evening.file.ids.length || (options.ids.length > 0 && kept.length !== actions.length))
      throw usageError(t('serve.otherEvening', { ids: evening.file.ids.join(', ') }), t('serve.otherEveningHint'));

    // 3. The server, and its addresses on the terminal.
    const { startServer } = await import('./server.js');
    let end = () => {};
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const server = await startServer({ evening, actions, host, port: options.port, ctx, onClosed: () => end() });
    await (await import('./announce.js')).announce(server.urls, evening, ctx);

    // 4. Until Ctrl-C (the letters stay), the organiser closes the evening, or `ua serve --close`
    // asks this server to: the request is read when its signal comes, and done once what is in
    // flight (a print pack, a send) is finished.
    let asked: CloseRequest | undefined;
    const stopListening = world.onInterrupt(() => {
      asked = takeCloseRequest(closeRequestFile(ctx));
      end();
    });
    await ended;
    stopListening();
    await server.close();
    if (asked) await closeAsAsked(evening, asked, ctx);
    ctx.tell(evening.letters().length > 0 && !server.closed ? t('serve.stopped', { folder: forTerminal(evening.folder) }) : t('serve.ended'));
    return 0;
  } finally {
    lock.release();
  }
}

/** Closes the evening as the organiser's Close button would; refused, the letters stay, and it says why. */
async function closeAsAsked(evening: Evening, asked: CloseRequest, ctx: Context): Promise<void> {
  const { t } = ctx;
  const { endEvening, sayClosed } = await import('./close.js');
  ctx.tell(t('serve.closeAsked'));
  const closed = endEvening(evening, asked);
  if ('refused' in closed) ctx.tell(`ua: ${t('serve.undelivered', { count: closed.refused })}`);
  else sayClosed(closed, ctx);
}

async function lockEvening(ctx: Context): Promise<HeldLock> {
  const { t } = ctx;
  const { mkdirSync } = await import('node:fs');
  mkdirSync(stateDir(ctx.world.env), { recursive: true });
  return takeLock(eveningLock(ctx), {
    waitSeconds: 0,
    busy: (owner) => failure(t('serve.running', { pid: owner.pid }), t('serve.runningHint')),
  });
}

/** The UAs named, or every open one; an evening already under way keeps its own. */
async function eveningActions(ids: readonly string[], ctx: Context): Promise<Action[]> {
  const { t, world } = ctx;
  const repository = await Repository.open(t, world, ctx.globals.actionsDirs);
  if (ids.length > 0) {
    const found = [];
    for (const id of ids) found.push((await repository.find(id)).action);
    return found;
  }
  const { actions } = await repository.catalogue();
  const today = localDay(world.now());
  const open = actions.filter(({ action }) => {
    const deadline = parseIsoDate(action.deadline);
    return deadline ? deadlineStatus(deadline, today).open : false;
  });
  // An evening continued after a crash keeps its UAs even past their deadline.
  const { existsSync, readFileSync } = await import('node:fs');
  const file = join(eveningFolder(ctx), 'evening.json');
  const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { ids: string[] }).ids : undefined;
  const chosen = earlier ? actions.filter(({ action }) => earlier.includes(action.id)) : open;
  if (chosen.length === 0) throw usageError(t('serve.noOpenUa'), t('serve.noOpenUaHint'));
  return chosen.map(({ action }) => action);
}
