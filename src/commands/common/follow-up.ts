import { ASKED_PER_RUN, answered, nextDue, type Question, questionsDue, type Replies } from '../../core/follow-up.js';
import type { Translate } from '../../core/i18n.js';
import type { ReplyAnswer } from '../../core/outcomes.js';
import { buildReport } from '../../core/report.js';
import { forTerminal } from '../../core/shown.js';
import { ExitCode, isUaError } from '../../errors.js';
import { changeFollowUpState, followUpFile, lockReplies, readFollowUpState, readReplies, repliesFile, writeReplies } from '../../io/follow-up-state.js';
import { readJournal } from '../../io/journal-read.js';
import { journalFile } from '../../io/paths.js';
import type { Choice, Prompter } from '../../world.js';
import type { Context } from '../context.js';
import { CHANNEL_NAMES } from './outcome-words.js';

/**
 * The follow-up question, asked after a run's own work at a terminal (see after-run.ts): two
 * weeks after a letter, did a reply come? The small state file says whether one may be due,
 * so a run reads the journal only once one is. One run asks at a time (a run that finds
 * another asking leaves it the questions); each answer is recorded as it is given, so Ctrl-C
 * loses only the question it interrupts, which comes again next time.
 */

/** Asks the questions that are due, a few a run; returns the run's exit code from here (130 after Ctrl-C). */
export async function askFollowUps(ctx: Context): Promise<number> {
  const { world, t } = ctx;
  const now = world.now();
  const file = repliesFile(world.env);
  const lock = await lockReplies(file, 0);
  if (!lock) return ExitCode.ok;
  try {
    const seen = readFollowUpState(followUpFile(world.env));
    let replies = readReplies(file);
    // A record that is not ours is left alone, and nothing is asked that could not be kept.
    if (!replies) return ExitCode.ok;
    const letters = buildReport(readJournal(t, journalFile(world.env)).entries).flatMap((report) => report.letters);
    const due = questionsDue(letters, replies, now).slice(0, ASKED_PER_RUN);
    let code: number = ExitCode.ok;
    let prompter: Prompter | undefined;
    for (const question of due) {
      prompter ??= await world.prompter(ctx.style(world.stderr), t);
      const answer = await askOne(prompter, question, ctx).catch((error: unknown) => {
        if (isUaError(error) && error.exitCode === ExitCode.cancelled) return undefined;
        throw error;
      });
      if (answer === undefined) {
        code = ExitCode.cancelled;
        break;
      }
      replies = answered(replies, question, answer, now);
      writeReplies(t, file, replies);
      if (answer !== 'later' && answer !== 'never') ctx.note(t('followUp.noted', { id: question.ua }));
    }
    await remember(ctx, replies, letters, seen?.bumps);
    return code;
  } finally {
    lock.release();
  }
}

/** The next question's day, unless a run recorded letters meanwhile: then the earlier of its day and ours. */
async function remember(ctx: Context, replies: Replies, letters: Parameters<typeof nextDue>[0], bumpsSeen: number | undefined): Promise<void> {
  const { world, t } = ctx;
  const next = nextDue(letters, replies, world.now())?.toISOString() ?? null;
  await changeFollowUpState(t, followUpFile(world.env), (state) => {
    const moved = state !== undefined && state.bumps !== bumpsSeen;
    const theirs = moved ? state.due : null;
    const due = next === null ? theirs : theirs === null || next < theirs ? next : theirs;
    return { ...state, due, bumps: state?.bumps ?? 0 };
  });
}

type Answer = ReplyAnswer | 'later' | 'never';

async function askOne(prompter: Prompter, question: Question, ctx: Context): Promise<Answer> {
  const { t } = ctx;
  const channel = CHANNEL_NAMES[question.channel] ? t(CHANNEL_NAMES[question.channel] as 'report.channel.email') : question.channel;
  const message = t('followUp.question', {
    count: question.days,
    name: forTerminal(question.name),
    id: question.ua,
    channel,
    date: shortDate(t, question.at),
  });
  return prompter.select<Answer>(message, choices(t), 'later');
}

function choices(t: Translate): Choice<Answer>[] {
  return [
    { value: 'reply', name: t('followUp.reply') },
    { value: 'acknowledged', name: t('followUp.acknowledged') },
    { value: 'no-reply', name: t('followUp.noReply') },
    { value: 'not-expected', name: t('followUp.notExpected') },
    { value: 'later', name: t('followUp.later') },
    { value: 'never', name: t('followUp.never') },
  ];
}

/** "23 Nov", "23 nov", "23 nov.": the letter's day (UTC, as the journal and submissions count days). */
function shortDate(t: Translate, at: string): string {
  return new Intl.DateTimeFormat(t('locale'), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(at));
}
