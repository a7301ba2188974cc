import type { CsvSeparator } from '../../core/csv.js';
import { type EmailPlan, planEmail, UnsafeHeaderError } from '../../core/email.js';
import type { Translate } from '../../core/i18n.js';
import { addressList } from '../../core/journal-entries.js';
import type { Signer } from '../../core/signers.js';
import { dataError, UaError, usageError } from '../../errors.js';
import { Journal } from '../../io/journal.js';
import { type Delivery, deliver, type Result } from '../../io/mail/delivery.js';
import type { Rate } from '../../io/mail/rate.js';
import { describeServer } from '../../io/mail/server.js';
import { journalFile } from '../../io/paths.js';
import { progressBar } from '../../io/progress.js';
import type { SendingOptions } from '../send/options.js';
import { deliveredLine, exitCodeOf, OUTCOMES, outcomeCount, outcomeWord } from '../send/results.js';
import { confirm, deadlineNote, guardDeadline, owedLetters, type SendingRun, showDryRun } from '../send/send.js';
import { fromAddress, smtpSettings, withPassword } from '../send/settings.js';
import { removeFailed, writeFailed } from './failed-sheet.js';
import type { BatchLetter } from './rows.js';

/** What batch's sending reads of its options: the shared ones, the pace, and where failed.csv goes. */
export interface BatchSendingOptions extends SendingOptions {
  rate?: Rate;
  connections: number;
  out?: string;
  csvSeparator: CsvSeparator;
}

export interface BatchSendContext extends SendingRun {
  letters: AsyncIterable<BatchLetter>;
  /** Throws when the sheet had problems: called after planning, before anything is sent. */
  verify: () => void;
  options: BatchSendingOptions;
}

/**
 * Each signer's letters by email, with compose --send's guarantees: from the organiser's
 * address (the signer's own would fail SPF/DMARC), the signer's name shown, replies to them.
 */
export async function batchSend(context: BatchSendContext): Promise<number> {
  const { action, options, config, ctx } = context;
  const { world, t, note: say } = ctx;

  // 1. The emails: signers with an address; the others are named, not silently dropped.
  const from = fromAddress(t, options, world.env, config, {});
  const { plans, signers } = await planBatch(context, from, say);
  context.verify();
  if (plans.length === 0) throw usageError(t('batch.nothingToSend'));

  // 2. Rehearsals, the deadline, the server, what the journal says is owed, consent, the password.
  if (options.dryRun) return showDryRun(plans, options, ctx, say, deadlineNote(action, options, ctx));
  guardDeadline(action, options, ctx);
  const settings = smtpSettings(t, options, world.env, config);
  const journal = await Journal.open(journalFile(world.env), { t, waitSeconds: options.wait, say });
  let results: Result[];
  let delivery: Delivery | undefined;
  try {
    const { outgoing, skipped } = owedLetters(t, plans, journal, options.resend);
    if (skipped.length > 0) say(t('batch.sentBefore', { count: skipped.length }));
    if (outgoing.length > 0 && !options.yes) await confirm(outgoing, from, describeServer(t, settings), context);
    const withLogin = await withPassword(t, settings, world.env, config, context.interactive ? () => world.prompter(ctx.style(world.stderr), t) : undefined);

    // 3. Send through a pool, at the provider's pace. Ctrl-C ends the waits for the pace at once
    // and starts no new letter; the letters in flight finish and are journaled. The bar stops
    // where it is, with how many were sent: the letters not started are not progress.
    const interruption = new AbortController();
    const bar = progressBar(world.stderr, outgoing.length, t('batch.sending'), ctx.globals.quiet);
    let sent = 0;
    const stopListening = world.onInterrupt(() => {
      interruption.abort();
      bar.done();
      ctx.tell(t('batch.stopping', { sent, count: outgoing.length }));
    });
    try {
      delivery = await deliver(outgoing, {
        t,
        open: world.mailer(withLogin, t),
        journal,
        now: world.now,
        connections: options.connections,
        rate: options.rate,
        interrupted: () => interruption.signal.aborted,
        interruption: interruption.signal,
        onDone: (result) => {
          if (result.outcome === 'sent') sent++;
          bar.tick();
        },
      });
    } finally {
      bar.done();
      stopListening();
    }
    results = [...skipped, ...delivery.results];
  } finally {
    await journal.close();
  }

  // 4. The summary: counts, every letter not sent and why, and failed.csv to retry them.
  return report(results, delivery, signers, context);
}

async function planBatch(
  { letters, options, ctx: { t } }: BatchSendContext,
  from: string,
  say: (text: string) => void,
): Promise<{ plans: EmailPlan[]; signers: Map<string, Signer> }> {
  const plans: EmailPlan[] = [];
  const signers = new Map<string, Signer>();
  let withoutEmail = 0;
  let withoutAddress = 0;
  for await (const { letter, signer } of letters) {
    if (!signer?.sender.email) withoutEmail++;
    else if (letter.to.length === 0) withoutAddress++;
    else {
      const plan = planSafely(t, letter, signer, from, options.testTo);
      plans.push(plan);
      signers.set(plan.key, signer);
    }
  }
  if (withoutEmail > 0) say(t('batch.withoutSignerEmail', { count: withoutEmail }));
  if (withoutAddress > 0) say(t('batch.withoutTargetEmail', { count: withoutAddress }));
  return { plans, signers };
}

function planSafely(t: Translate, letter: BatchLetter['letter'], signer: Signer, from: string, testTo: string | undefined): EmailPlan {
  try {
    return planEmail(t, letter, signer.sender, { from, fromName: signer.sender.name, testTo });
  } catch (error) {
    if (error instanceof UnsafeHeaderError) throw dataError(t('send.refusedValue', { where: `${signer.row}: ${error.message}` }), t('send.refusedValueHint'));
    throw error;
  }
}

/** Letters listed one by one in the summary; the rest are counted (failed.csv has them all). */
const LISTED = 20;

function report(results: readonly Result[], delivery: Delivery | undefined, signers: Map<string, Signer>, { options, ctx }: BatchSendContext): number {
  const { world, t, tell } = ctx;
  const style = ctx.style(world.stderr);
  const tally = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const notSent = results.filter((r) => r.outcome !== 'sent' && r.outcome !== 'already sent');
  if (options.json) world.stdout.write(`${JSON.stringify(results.map(jsonRow), null, 2)}\n`);
  const counts = OUTCOMES.filter((o) => tally(o) > 0).map((o) => outcomeCount(t, o, tally(o)));
  tell(`${style.bold(deliveredLine(t, results, false))} (${counts.join(', ')})`);
  for (const { plan, outcome, reason } of notSent.slice(0, LISTED))
    tell(
      `  ${style.warn(outcomeWord(t, outcome))}  ${plan.senderName} → ${plan.letter.targetId} <${plan.recipients.join(', ')}>${reason ? `: ${reason}` : ''}`,
    );
  if (notSent.length > LISTED) tell(`  ${t('batch.andMore', { count: notSent.length - LISTED })}`);
  if (notSent.length > 0) writeFailed(notSent, signers, options, ctx);
  else removeFailed(options, ctx);
  if (delivery?.journalFailure) throw delivery.journalFailure;
  if (delivery?.stopped) tell(t('send.stopped', { reason: delivery.stopped }));
  const sent = results.length - notSent.length;
  if (delivery?.interrupted) throw cancelledAfter(t, sent, results.length);
  return exitCodeOf(results);
}

function jsonRow({ plan, outcome, reason, addresses }: Result) {
  return {
    target: plan.letter.targetId,
    signer: plan.senderName,
    to: plan.recipients,
    outcome,
    addresses: addressList(addresses),
    ...(reason ? { reason } : {}),
    message_id: plan.messageId,
  };
}

function cancelledAfter(t: Translate, sent: number, total: number): UaError {
  return new UaError('cancelled', t('batch.interrupted', { sent, count: total }));
}
