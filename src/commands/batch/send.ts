import type { CsvSeparator } from '../../core/csv.js';
import { type EmailPlan, type EmailPlanner, emailPlanner, UnsafeHeaderError } from '../../core/email.js';
import type { Translate } from '../../core/i18n.js';
import type { Signer } from '../../core/signers.js';
import { dataError, usageError } from '../../errors.js';
import { Journal } from '../../io/journal.js';
import { type Delivery, deliver, type Outgoing } from '../../io/mail/delivery.js';
import type { Rate } from '../../io/mail/rate.js';
import { describeServer } from '../../io/mail/server.js';
import { journalFile } from '../../io/paths.js';
import { progressBar } from '../../io/progress.js';
import type { SmtpSettings } from '../../world.js';
import type { SendingOptions } from '../send/options.js';
import { confirm, deadlineNote, guardDeadline, notAgain, onlyOnce, owedBy, type SendingRun, showDryRun } from '../send/send.js';
import { fromAddress, smtpSettings, withPassword } from '../send/settings.js';
import { SendSummary } from '../send/summary.js';
import { BatchOutcomes } from './outcomes.js';
import type { BatchLetter } from './rows.js';

/** What batch's sending reads of its options: the shared ones, the pace, and where failed.csv goes. */
export interface BatchSendingOptions extends SendingOptions {
  rate?: Rate;
  connections: number;
  out?: string;
  csvSeparator: CsvSeparator;
  /** The evening's local day (YYYY-MM-DD): the journal keeps it with each letter. */
  evening?: string;
}

export interface BatchSendContext extends SendingRun {
  /**
   * The letters, from the sheet as it was read once: each call plans them anew, so that a
   * batch goes through its letters twice (to check and count them, then to send them) and
   * never holds them all.
   */
  letters: () => AsyncIterable<BatchLetter>;
  /** Throws when the sheet had problems: called after the first pass, before anything is sent. */
  verify: () => void;
  options: BatchSendingOptions;
}

/** A letter of the batch by email, and whose it is (failed.csv writes their row back). */
interface BatchOutgoing extends Outgoing {
  signer: Signer;
}

/**
 * Each signer's letters by email, with compose --send's guarantees: from the organiser's
 * address (the signer's own would fail SPF/DMARC), the signer's name shown, replies to them.
 */
export async function batchSend(context: BatchSendContext): Promise<number> {
  const { options, config, ctx } = context;
  const { world, t } = ctx;
  const from = fromAddress(t, options, world.env, config, {});
  const settle = await world.steadyHeap?.();
  try {
    return await sendOrRehearse(context, from);
  } finally {
    settle?.();
  }
}

async function sendOrRehearse(context: BatchSendContext, from: string): Promise<number> {
  const { action, options, config, ctx } = context;
  const { world, t } = ctx;
  // One planner for both passes: what the letters share is checked once.
  const plan = emailPlanner(t, { from, testTo: options.testTo, evening: options.evening });

  // 1. A rehearsal: the letters are planned once to check the sheet, then shown one by one.
  if (options.dryRun) {
    await survey(context, plan);
    return showDryRun(plans(context, plan), options, ctx, ctx.note, deadlineNote(action, options, ctx));
  }

  // 2. The deadline, the server, and the journal, ours alone for the run: it decides what is owed.
  guardDeadline(action, options, ctx);
  const settings = smtpSettings(t, options, world.env, config);
  const journal = await Journal.open(journalFile(world.env), { t, waitSeconds: options.wait, say: ctx.note });
  const outcomes = new BatchOutcomes(options.json);
  let delivery: Delivery;
  try {
    // 3. Every letter planned and checked against the journal (the sheet's problems, what is
    // owed, the summary), none kept; consent; the password.
    const { outgoing, skipped } = await survey(context, plan, { journal, outcomes });
    if (skipped > 0) ctx.note(t('batch.sentBefore', { count: skipped }));
    if (outgoing.count > 0 && !options.yes) await confirm(outgoing, from, describeServer(t, settings), context);
    const withLogin = await withPassword(t, settings, world.env, config, context.interactive ? () => world.prompter(ctx.style(world.stderr), t) : undefined);

    // 4. The letters planned again, each sent as a connection is free for it.
    delivery = await sendAll(context, outgoingLetters(context, plan, journal), outgoing.count, { journal, outcomes, skipped, withLogin });
  } finally {
    await journal.close();
  }

  // 5. The summary: counts, every letter not sent and why, and failed.csv to retry them.
  // The offer to report the evening comes after (batch/offer.ts): no reminder of its own here.
  return outcomes.report(delivery, options, ctx);
}

interface Survey {
  /** The letters owed, to be sent: how many, to whom (with a journal). */
  outgoing: SendSummary;
  /** The letters the journal says are not to be sent again. */
  skipped: number;
}

/**
 * The first pass: every letter planned, so that a value that would misroute one, a letter
 * twice or a problem of the sheet stops the run before anything is shown or sent. With the
 * journal, what each letter owes: the summary of those to send, the outcomes of the others.
 */
async function survey(context: BatchSendContext, plan: EmailPlanner, owed?: { journal: Journal; outcomes: BatchOutcomes }): Promise<Survey> {
  const { t } = context.ctx;
  const outgoing = new SendSummary();
  const seen = new Set<string>();
  let letters = 0;
  let skipped = 0;
  for await (const { email, signer } of planned(context, plan, true)) {
    letters++;
    if (!owed) {
      onlyOnce(t, email, seen);
      continue;
    }
    const letter = { plan: email, owed: owedBy(t, email, owed.journal, context.options.resend, seen) };
    if (letter.owed.send.length > 0) outgoing.add(letter);
    else owed.outcomes.add(notAgain(t, email, letter.owed), signer, skipped++);
  }
  context.verify();
  if (letters === 0) throw usageError(t('batch.nothingToSend'));
  return { outgoing, skipped };
}

/** The second pass for a dry run: the plans, as the first pass made them. */
async function* plans(context: BatchSendContext, plan: EmailPlanner): AsyncGenerator<EmailPlan> {
  for await (const { email } of planned(context, plan)) yield email;
}

/** The second pass for a send: the letters that owe something, as the first pass found them. */
async function* outgoingLetters(context: BatchSendContext, plan: EmailPlanner, journal: Journal): AsyncGenerator<BatchOutgoing> {
  const seen = new Set<string>();
  for await (const { email, signer } of planned(context, plan)) {
    const owed = owedBy(context.ctx.t, email, journal, context.options.resend, seen);
    if (owed.send.length > 0) yield { plan: email, owed, signer };
  }
}

/** The emails of the batch: signers with an address, to targets with one; the others are said once (`count`), not silently dropped. */
async function* planned({ letters, ctx }: BatchSendContext, plan: EmailPlanner, count = false): AsyncGenerator<{ email: EmailPlan; signer: Signer }> {
  const { t } = ctx;
  let withoutEmail = 0;
  let withoutAddress = 0;
  for await (const { letter, signer } of letters()) {
    if (!signer?.sender.email) withoutEmail++;
    else if (letter.to.length === 0) withoutAddress++;
    else yield { email: planSafely(t, plan, letter, signer), signer };
  }
  if (!count) return;
  if (withoutEmail > 0) ctx.note(t('batch.withoutSignerEmail', { count: withoutEmail }));
  if (withoutAddress > 0) ctx.note(t('batch.withoutTargetEmail', { count: withoutAddress }));
}

function planSafely(t: Translate, plan: EmailPlanner, letter: BatchLetter['letter'], signer: Signer): EmailPlan {
  try {
    return plan(letter, signer.sender, signer.sender.name);
  } catch (error) {
    if (error instanceof UnsafeHeaderError) throw dataError(t('send.refusedValue', { where: `${signer.row}: ${error.message}` }), t('send.refusedValueHint'));
    throw error;
  }
}

/**
 * Sends through a pool, at the provider's pace. Ctrl-C ends the waits for the pace at once and
 * starts no new letter; the letters in flight finish and are journaled. The bar stops where it
 * is, with how many were sent: the letters not started are not progress.
 */
async function sendAll(
  { options, ctx }: BatchSendContext,
  letters: AsyncIterable<BatchOutgoing>,
  count: number,
  run: { journal: Journal; outcomes: BatchOutcomes; skipped: number; withLogin: SmtpSettings },
): Promise<Delivery> {
  const { world, t } = ctx;
  const interruption = new AbortController();
  const bar = progressBar(world.stderr, count, t('batch.sending'), ctx.globals.quiet);
  let sent = 0;
  const stopListening = world.onInterrupt(() => {
    interruption.abort();
    bar.done();
    ctx.tell(t('batch.stopping', { sent, count }));
  });
  try {
    return await deliver(letters, {
      t,
      open: world.mailer(run.withLogin, t),
      journal: run.journal,
      now: world.now,
      connections: options.connections,
      rate: options.rate,
      interrupted: () => interruption.signal.aborted,
      interruption: interruption.signal,
      onDone: (result, letter, index) => {
        if (result.outcome === 'sent') sent++;
        run.outcomes.add(result, letter.signer, run.skipped + index);
        bar.tick();
      },
    });
  } finally {
    bar.done();
    stopListening();
  }
}
