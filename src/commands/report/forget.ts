import { forgotten } from '../../core/follow-up.js';
import { normalizeId } from '../../core/ids.js';
import { holdsPersonal } from '../../core/journal-scrub.js';
import { buildReport } from '../../core/report.js';
import { forTerminal } from '../../core/shown.js';
import { cancelled, usageError } from '../../errors.js';
import { lockReplies, readReplies, repliesFile, writeReplies } from '../../io/follow-up-state.js';
import { noteDamaged, readJournal } from '../../io/journal-read.js';
import { scrubJournal } from '../../io/journal-scrub.js';
import { journalFile } from '../../io/paths.js';
import { decideInteractive } from '../common/interactivity.js';
import type { Context } from '../context.js';

export interface ForgetOptions {
  /** Confirmed on the command line (no terminal needed). */
  yes: boolean;
  /** Seconds to wait for another run that holds the journal. */
  wait: number;
}

/**
 * `ua report <id> --forget`: the names, addresses and message ids the journal keeps for one UA
 * are removed from every line of it, whatever its age (io/journal-scrub.ts), and ua asks nothing
 * more about replies to it; its counts stay, so `ua report` shows the same numbers and a
 * submission afterwards sends nothing new.
 */
export async function forget(id: string, options: ForgetOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  const ua = normalizeId(id);
  if (!/^\d{1,4}\.\d{2}$/.test(ua)) throw usageError(t('forget.badId', { id: forTerminal(id) }));
  // 1. What the journal keeps of a person for this UA.
  const file = journalFile(world.env);
  const read = readJournal(t, file);
  noteDamaged(t, file, read, ctx.note);
  const personal = read.entries.filter((entry) => entry.ua === ua && holdsPersonal(entry)).length;
  // 2. Asked once at a terminal; --yes without one.
  if (personal > 0 && !options.yes) {
    if (!decideInteractive(t, {}, world)) throw usageError(t('forget.needsYes'), t('forget.needsYesHint', { id: ua }));
    const prompter = await world.prompter(ctx.style(world.stderr), t);
    if (!(await prompter.confirm(t('forget.confirm', { id: ua, count: personal }), false))) throw cancelled(t('forget.cancelled'));
  }
  // 3. The journal, rewritten whole under its lock.
  const busy = () => usageError(t('forget.busy', { journal: file }), t('forget.busyHint'));
  const done = personal > 0 ? await scrubJournal(t, file, { ua }, { waitSeconds: options.wait, say: ctx.note, busy, interrupts: world }) : undefined;
  // 4. The follow-up: no question about it will come (the answers given stay, as counts).
  const letters = buildReport(read.entries, ua).flatMap((report) => report.letters);
  const repliesAt = repliesFile(world.env);
  const lock = letters.length > 0 ? await lockReplies(repliesAt, options.wait) : undefined;
  try {
    const replies = lock && readReplies(repliesAt);
    if (replies) writeReplies(t, repliesAt, forgotten(replies, letters, ua, world.now()));
  } finally {
    lock?.release();
  }
  const count = (done?.lines ?? 0) + (done?.dropped ?? 0);
  ctx.tell(count > 0 ? t('forget.done', { id: ua, count }) : t('forget.nothing', { id: ua }));
  return 0;
}
