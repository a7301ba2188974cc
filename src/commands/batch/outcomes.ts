import type { Translate } from '../../core/i18n.js';
import type { AddressState } from '../../core/outcomes.js';
import { addressList } from '../../core/outcomes.js';
import type { Signer } from '../../core/signers.js';
import { UaError } from '../../errors.js';
import type { Delivery, Outcome, Result } from '../../io/mail/delivery.js';
import type { Context } from '../context.js';
import { exitCodeFor, isDelivered, OUTCOMES, outcomeCount, outcomeWord, reachedAny } from '../send/results.js';
import { type FailedSheet, removeFailed, writeFailed } from './failed-sheet.js';

/** A letter's outcome as a batch keeps it: what the summary, failed.csv and --json say of it, not the letter. */
export interface LetterOutcome {
  outcome: Outcome;
  reason?: string;
  addresses: Record<string, AddressState>;
  target: string;
  lang: string;
  signerName: string;
  recipients: string[];
  messageId: string;
  /** The row it came from, written back to failed.csv. */
  signer?: Signer;
}

/**
 * The outcomes of a batch, counted as the letters end. Only the letters not sent are kept (the
 * summary names them, failed.csv lists them), and every letter with --json: a batch of ten
 * thousand letters that all went keeps ten counters.
 */
export class BatchOutcomes {
  private readonly counts = new Map<Outcome, number>();
  private readonly notSent: [number, LetterOutcome][] = [];
  private readonly all: [number, LetterOutcome][] = [];
  private total = 0;
  private anyReached = false;

  constructor(private readonly keepAll: boolean) {}

  /** A letter's end; `order` is its place in the summary (the letters not sent again first, then the sheet's order). */
  add({ plan, outcome, reason, addresses }: Result, signer: Signer | undefined, order: number): void {
    this.total++;
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
    this.anyReached ||= reachedAny(addresses);
    const delivered = isDelivered(outcome);
    if (delivered && !this.keepAll) return;
    const kept: LetterOutcome = {
      outcome,
      ...(reason ? { reason } : {}),
      addresses,
      target: plan.letter.targetId,
      lang: plan.letter.lang,
      signerName: plan.senderName,
      recipients: plan.recipients,
      messageId: plan.messageId,
      signer,
    };
    if (!delivered) this.notSent.push([order, kept]);
    if (this.keepAll) this.all.push([order, kept]);
  }

  /** How many letters have reached their officials, this run or before. */
  get delivered(): number {
    return (this.counts.get('sent') ?? 0) + (this.counts.get('already sent') ?? 0);
  }

  /** The counts, in the order a summary gives them: "3 sent, 1 refused". */
  countsLine(t: Translate): string {
    return OUTCOMES.filter((o) => (this.counts.get(o) ?? 0) > 0)
      .map((o) => outcomeCount(t, o, this.counts.get(o) ?? 0))
      .join(', ');
  }

  /** The summary on stderr, --json on stdout, failed.csv: each in the order of the sheet. */
  report(delivery: Delivery | undefined, options: FailedSheet & { json: boolean }, ctx: Context): number {
    const { world, t, tell } = ctx;
    const style = ctx.style(world.stderr);
    const notSent = inOrder(this.notSent);
    if (options.json) world.stdout.write(`${JSON.stringify(inOrder(this.all).map(jsonRow), null, 2)}\n`);
    tell(`${style.bold(t('send.delivered', { sent: this.delivered, count: this.total }))} (${this.countsLine(t)})`);
    for (const { outcome, reason, signerName, target, recipients } of notSent.slice(0, LISTED))
      tell(`  ${style.warn(outcomeWord(t, outcome))}  ${signerName} → ${target} <${recipients.join(', ')}>${reason ? `: ${reason}` : ''}`);
    if (notSent.length > LISTED) tell(`  ${t('batch.andMore', { count: notSent.length - LISTED })}`);
    if (notSent.length > 0) writeFailed(notSent, options, ctx);
    else removeFailed(options, ctx);
    if (delivery?.journalFailure) throw delivery.journalFailure;
    if (delivery?.stopped) tell(t('send.stopped', { reason: delivery.stopped }));
    // Ctrl-C after the last letter had started: nothing is left, and a rerun would send nothing.
    if (delivery?.interrupted && notSent.length === 0) throw new UaError('cancelled', t('batch.interruptedAllSent', { count: this.total }));
    if (delivery?.interrupted) throw new UaError('cancelled', t('batch.interrupted', { sent: this.delivered, count: this.total }));
    return exitCodeFor(notSent.length === 0, this.anyReached);
  }
}

/** Letters listed one by one in the summary; the rest are counted (failed.csv has them all). */
const LISTED = 20;

function inOrder(list: [number, LetterOutcome][]): LetterOutcome[] {
  return list.sort((a, b) => a[0] - b[0]).map(([, kept]) => kept);
}

function jsonRow({ target, signerName, recipients, outcome, reason, addresses, messageId }: LetterOutcome) {
  return {
    target,
    signer: signerName,
    to: recipients,
    outcome,
    addresses: addressList(addresses),
    ...(reason ? { reason } : {}),
    message_id: messageId,
  };
}
