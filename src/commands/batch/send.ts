import { join, resolve } from 'node:path';
import { type CsvSeparator, FAILED_SHEET_COLUMNS, toCsv } from '../../core/csv.js';
import { type EmailPlan, planEmail, UnsafeHeaderError } from '../../core/email.js';
import type { Translate } from '../../core/i18n.js';
import { addressList } from '../../core/journal-entries.js';
import { forTerminal } from '../../core/shown.js';
import type { Signer } from '../../core/signers.js';
import { dataError, UaError, usageError } from '../../errors.js';
import { Journal } from '../../io/journal.js';
import { type Delivery, deliver, type Result } from '../../io/mail/delivery.js';
import type { Rate } from '../../io/mail/rate.js';
import { describeServer } from '../../io/mail/server.js';
import { journalFile } from '../../io/paths.js';
import { progressBar } from '../../io/progress.js';
import { writeFileAtomically } from '../../io/staging.js';
import type { World } from '../../world.js';
import type { SendingOptions } from '../send/options.js';
import { deliveredLine, exitCodeOf, OUTCOMES, outcomeCount, outcomeWord } from '../send/results.js';
import { confirm, deadlineNote, guardDeadline, owedLetters, type SendingRun, showDryRun } from '../send/send.js';
import { fromAddress, smtpSettings, withPassword } from '../send/settings.js';
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

    // 3. Send through a pool, at the provider's pace; Ctrl-C lets the letters in flight finish.
    let interrupted = false;
    const stopListening = world.onInterrupt(() => {
      interrupted = true;
      world.stderr.write(`\n${t('batch.stopping')}\n`);
    });
    const bar = progressBar(world.stderr, outgoing.length, t('batch.sending'), ctx.globals.quiet);
    try {
      delivery = await deliver(outgoing, {
        t,
        open: world.mailer(withLogin, t),
        journal,
        now: world.now,
        connections: options.connections,
        rate: options.rate,
        interrupted: () => interrupted,
        onDone: () => bar.tick(),
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
  const { world, t } = ctx;
  const style = ctx.style(world.stderr);
  const tally = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const notSent = results.filter((r) => r.outcome !== 'sent' && r.outcome !== 'already sent');
  if (options.json) world.stdout.write(`${JSON.stringify(results.map(jsonRow), null, 2)}\n`);
  const counts = OUTCOMES.filter((o) => tally(o) > 0).map((o) => outcomeCount(t, o, tally(o)));
  world.stderr.write(`${style.bold(deliveredLine(t, results, false))} (${counts.join(', ')})\n`);
  for (const { plan, outcome, reason } of notSent.slice(0, LISTED))
    world.stderr.write(
      `  ${style.warn(outcomeWord(t, outcome))}  ${plan.senderName} → ${plan.letter.targetId} <${plan.recipients.join(', ')}>${reason ? `: ${reason}` : ''}\n`,
    );
  if (notSent.length > LISTED) world.stderr.write(`  ${t('batch.andMore', { count: notSent.length - LISTED })}\n`);
  if (notSent.length > 0) writeFailed(t, notSent, signers, options, world);
  if (delivery?.journalFailure) throw delivery.journalFailure;
  if (delivery?.stopped) world.stderr.write(`${t('send.stopped', { reason: delivery.stopped })}\n`);
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

/** failed.csv is this run's report, so it replaces the last one. */
function writeFailed(t: Translate, notSent: readonly Result[], signers: Map<string, Signer>, options: BatchSendingOptions, world: World): void {
  const file = resolve(world.cwd, join(options.out ?? '.', 'failed.csv'));
  writeFileAtomically(t, { path: file, force: true }, failedCsv(notSent, signers, options.csvSeparator));
  const count = notSent.length;
  world.stderr.write(`${forTerminal(t('batch.failedCsv', { count, file }))}\n`);
  // --resend on the whole sheet would send every letter again: the ones in doubt are in the file.
  if (notSent.some((r) => r.outcome === 'unknown' || Object.values(r.addresses).includes('unknown')))
    world.stderr.write(`${forTerminal(t('batch.unknownInCsv', { file }))}\n`);
}

function cancelledAfter(t: Translate, sent: number, total: number): UaError {
  return new UaError('cancelled', t('batch.interrupted', { sent, count: total }));
}

/** The letters not sent, as signer rows: feed it back with --signers to retry just those. */
function failedCsv(results: readonly Result[], signers: Map<string, Signer>, separator: CsvSeparator): string {
  const rows = results.map(({ plan, outcome, reason }) => {
    const sender = signers.get(plan.key)?.sender;
    return [
      plan.senderName,
      sender?.city ?? '',
      sender?.country ?? '',
      sender?.email ?? '',
      (sender?.address ?? []).join(' | '),
      sender?.about ?? '',
      sender?.note ?? '',
      plan.letter.lang,
      plan.letter.targetId,
      outcome,
      reason ?? '',
    ];
  });
  return toCsv([[...FAILED_SHEET_COLUMNS], ...rows], separator);
}
