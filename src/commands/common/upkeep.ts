import { FOLLOW_UP_DAYS } from '../../core/follow-up.js';
import { KEEP_TEXT_DAYS } from '../../core/settings.js';
import { forTerminal } from '../../core/shown.js';
import { ExitCode, UaError } from '../../errors.js';
import { readConfig } from '../../io/config.js';
import { realPath } from '../../io/durable.js';
import { changeFollowUpState, followUpFile, readFollowUpState } from '../../io/follow-up-state.js';
import { JournalBusy, scrubJournal } from '../../io/journal-scrub.js';
import { journalFile } from '../../io/paths.js';
import type { Context } from '../context.js';

const DAY_MS = 86_400_000;

/**
 * The letters a run recorded fall due two weeks after it started, at the latest. With no state
 * yet, at once: the next run at a terminal reads the journal and knows.
 */
export async function nextQuestionDay({ world, t }: Context, started: Date): Promise<void> {
  const soon = new Date(started.getTime() + FOLLOW_UP_DAYS * DAY_MS).toISOString();
  await changeFollowUpState(t, followUpFile(world.env), (state) => {
    const due = state === undefined ? started.toISOString() : state.due === null || soon < state.due ? soon : state.due;
    return { ...state, due, bumps: (state?.bumps ?? 0) + 1 };
  });
}

/**
 * The upkeep of a run that recorded letters (see after-run.ts): the follow-up's next day, and
 * the journal rid of the personal fields it keeps past journal.keep_text_days — at most once a
 * day for a journal and a setting (every run that records, with 0: nothing personal outlives
 * the run), and only when no other run holds the journal: then the next run does it.
 */
export async function upkeep(ctx: Context, started: Date): Promise<void> {
  const { world, t } = ctx;
  const stateFile = followUpFile(world.env);
  await nextQuestionDay(ctx, started);
  // The personal fields past their time.
  const keepDays = (await readConfig(t, world.env)).journal.keepTextDays ?? KEEP_TEXT_DAYS;
  const journal = realPath(journalFile(world.env));
  const now = world.now();
  const day = now.toISOString().slice(0, 10);
  const last = readFollowUpState(stateFile)?.scrubbed;
  if (keepDays > 0 && last?.journal === journal && last.day === day && last.keepDays === keepDays) return;
  try {
    await scrubJournal(t, journal, { now, keepDays }, { waitSeconds: 0, say: ctx.note, busy: () => new JournalBusy(), interrupts: world });
  } catch (error) {
    if (error instanceof JournalBusy) return;
    if (!(error instanceof UaError) || error.exitCode === ExitCode.cancelled) throw error;
    return ctx.note(t('journal.notScrubbed', { days: keepDays, file: journal, reason: forTerminal(error.message) }));
  }
  await changeFollowUpState(t, stateFile, (state) => ({ due: null, bumps: 0, ...state, scrubbed: { journal, day, keepDays } }));
}
