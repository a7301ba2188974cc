import { type Attempt, addressOutcomes, describeFailure, type EmailPlan, type SmtpFailure } from '../../core/email.js';
import type { Translate } from '../../core/i18n.js';
import { type AddressState, ENTRY_VERSION, type JournalEntry, type LetterState, letterState, type Owed } from '../../core/journal-entries.js';
import { UaError } from '../../errors.js';
import type { MailSession, OpenSession } from '../../world.js';
import type { Journal } from '../journal.js';
import { composeMessage } from './message.js';
import { PooledConnection } from './pool.js';
import { type Rate, RateLimiter } from './rate.js';

/** A letter to send now: its plan, and what the journal says it still owes. */
export interface Outgoing {
  plan: EmailPlan;
  owed: Owed;
}

export type Outcome = Exclude<LetterState, 'prepared'> | 'already sent' | 'not sent';

export interface Result {
  plan: EmailPlan;
  outcome: Outcome;
  reason?: string;
  /** Every address of the letter, and where it stands after this run. */
  addresses: Record<string, AddressState>;
}

export interface DeliverOptions {
  /** The words of each letter's reason (refused, not attempted, …). */
  t: Translate;
  open: OpenSession;
  journal: Journal;
  now: () => Date;
  /** Connections used side by side (a pool); 1 sends one letter after another. */
  connections?: number;
  /** At most `count` messages started per `perMs` milliseconds (a provider's limit). */
  rate?: Rate;
  /** Set by Ctrl-C: no new letter starts; those in flight finish and are recorded. */
  interrupted?: () => boolean;
  /** Aborted by the same Ctrl-C: a wait for the pace (`rate`) ends at once. */
  interruption?: AbortSignal;
  /** Called as each letter is done (a progress bar). */
  onDone?: (result: Result) => void;
}

export interface Delivery {
  results: Result[];
  /** Why everything stopped (a failed login, no server, an untrusted certificate, the journal). */
  stopped?: string;
  /** The journal could not be written: the run must end with this error. */
  journalFailure?: UaError;
  interrupted: boolean;
}

/** After this long without a message, a connection is asked (RSET) whether it still works. */
const PROBE_AFTER_MS = 5000;

/**
 * Sends the letters over a pool of connections. Every step is in the journal before it
 * counts: 'transferring' is on disk before the first byte of a message goes, then the outcome
 * for each address. A crash therefore leaves either nothing handed over (safe to send again)
 * or an outcome that is honestly unknown.
 */
export async function deliver(letters: readonly Outgoing[], options: DeliverOptions): Promise<Delivery> {
  return new DeliveryRun(letters, options).run();
}

class DeliveryRun {
  private readonly results: Result[];
  private readonly queue: number[];
  private readonly slots: PooledConnection[];
  private readonly writes: Promise<void>[] = [];
  private readonly limiter: RateLimiter;
  private stopped: string | undefined;
  private journalFailure: UaError | undefined;

  constructor(
    private readonly letters: readonly Outgoing[],
    private readonly options: DeliverOptions,
  ) {
    this.results = new Array(letters.length);
    this.queue = letters.map((_, index) => index);
    const size = Math.max(1, Math.min(options.connections ?? 1, letters.length));
    this.slots = Array.from({ length: size }, () => new PooledConnection(options.open, PROBE_AFTER_MS));
    this.limiter = new RateLimiter(options.rate);
  }

  async run(): Promise<Delivery> {
    const { t } = this.options;
    await Promise.all(this.slots.map((slot) => this.worker(slot)));
    // Letters no worker reached (every connection was lost) wait for a rerun.
    for (const index of this.queue.splice(0)) this.finish(index, {}, t('send.notAttempted', { reason: t('send.noConnection') }), 'deferred');
    await Promise.all(this.writes);
    // The journal knows best how writing ended: a full disk with every outcome recorded, or worse.
    const journalFailure = this.journalFailure && (this.options.journal.failure ?? this.journalFailure);
    return { results: this.results, stopped: this.stopped, journalFailure, interrupted: this.options.interrupted?.() ?? false };
  }

  private async worker(slot: PooledConnection): Promise<void> {
    try {
      for (let index = this.queue.shift(); index !== undefined; index = this.queue.shift()) {
        if ((await this.deliverOne(slot, index)) === 'leave') return;
      }
    } finally {
      slot.drop();
    }
  }

  /** One letter, to the addresses it still owes; 'leave' when this worker has no connection left. */
  private async deliverOne(slot: PooledConnection, index: number): Promise<'next' | 'leave'> {
    const { t } = this.options;
    const { plan, owed } = this.letters[index] as Outgoing;
    // 1. After a failure no letter can get past (login, TLS, no server, the journal), the rest wait for a rerun.
    if (this.stopped) return this.finish(index, {}, t('send.notAttempted', { reason: this.stopped }), this.journalFailure ? 'not sent' : 'deferred');
    await this.limiter.wait(this.options.interruption);
    if (this.options.interrupted?.()) return this.finish(index, {}, t('send.interruptedBefore'), 'not sent');
    const raw = await composeMessage(plan, this.options.now());
    // 2. A live connection, and the message; a connection that closed under us before the
    // message went is replaced once, since nothing was handed over.
    for (let retried = false; ; retried = true) {
      let session: MailSession;
      try {
        session = await slot.take();
      } catch (error) {
        return this.cannotConnect(index, error as SmtpFailure);
      }
      // 3. UTF-8 mail (RFC 6532) only to a server that offers SMTPUTF8: nodemailer would hand it
      // over anyway, undeclared, and the server could mangle or bounce it. Nothing goes out.
      if (plan.needsSmtpUtf8.length > 0 && !session.smtpUtf8) {
        slot.release();
        const refused = Object.fromEntries(owed.send.map((address) => [address, 'refused' as const]));
        return this.finish(index, refused, t('send.noSmtpUtf8', { addresses: plan.needsSmtpUtf8.join(', ') }));
      }
      const attempt = await this.attempt(session, plan, owed.send, raw);
      slot.release();
      if (attempt.failure instanceof UaError) {
        this.journalFailure = attempt.failure;
        this.stopped = t('send.journalFailed');
        return this.finish(index, {}, t('send.notSentBecause', { reason: attempt.failure.message }), 'not sent');
      }
      if (!retried && droppedBeforeTransfer(attempt)) {
        slot.drop();
        continue;
      }
      if (attempt.failure && !attempt.failure.responseCode) slot.drop();
      return this.finish(index, addressOutcomes(attempt), describe(t, attempt));
    }
  }

  private async attempt(session: MailSession, plan: EmailPlan, to: string[], raw: Buffer): Promise<Attempt> {
    let transferStarted = false;
    const onTransfer = () => {
      transferStarted = true;
      return this.options.journal.append(this.entry(plan, 'transferring', to));
    };
    // The server is told each address in its wire form (A-labels); what it answers is journaled
    // and reported as written.
    const { wire, written } = addressForms(plan);
    const asWritten = ({ address, code }: { address: string; code?: number }) => ({ address: written(address), code });
    try {
      const receipt = await session.send(raw, { from: plan.envelope.from, to: to.map(wire) }, onTransfer);
      return { to, receipt: { accepted: receipt.accepted.map(written), rejected: receipt.rejected.map(asWritten) }, transferStarted };
    } catch (error) {
      const failure = error as SmtpFailure;
      if (failure.rejected) failure.rejected = failure.rejected.map(asWritten);
      return { to, failure, transferStarted };
    }
  }

  private cannotConnect(index: number, failure: SmtpFailure): 'next' | 'leave' {
    // Another connection of the pool still works: this letter waits for it, this worker leaves.
    if (this.slots.some((slot) => slot.state !== 'closed') && failure.code !== 'EAUTH') {
      this.queue.unshift(index);
      return 'leave';
    }
    this.stopped = describeFailure(this.options.t, failure);
    return this.finish(index, {}, this.stopped, 'deferred');
  }

  /** Records a letter's end: its addresses' states (journaled when something was tried) and its outcome. */
  private finish(index: number, tried: Record<string, AddressState>, reason: string | undefined, forced?: Outcome): 'next' {
    const { plan, owed } = this.letters[index] as Outgoing;
    // A letter that could not be tried at all (no server, a failed login) is recorded as deferred.
    if (forced === 'deferred' && Object.keys(tried).length === 0) tried = Object.fromEntries(owed.send.map((address) => [address, 'deferred']));
    const addresses: Record<string, AddressState> = {};
    for (const address of owed.had) addresses[address] = 'sent';
    for (const address of owed.inDoubt) addresses[address] = 'unknown';
    for (const address of owed.send) addresses[address] = tried[address] ?? 'deferred';
    if (Object.keys(tried).length > 0) {
      const entry = { ...this.entry(plan, letterState(Object.values(tried)), Object.keys(tried)), addresses: tried, ...(reason ? { reason } : {}) };
      this.writes.push(
        this.options.journal.append(entry).catch((error: UaError) => {
          this.journalFailure ??= error;
        }),
      );
    }
    const outcome = forced ?? (letterState(Object.values(addresses)) as Outcome);
    const result: Result = { plan, outcome, addresses, ...(reason ? { reason } : {}) };
    this.results[index] = result;
    this.options.onDone?.(result);
    return 'next';
  }

  private entry(plan: EmailPlan, state: JournalEntry['state'], to: string[]): JournalEntry {
    return {
      v: ENTRY_VERSION,
      at: this.options.now().toISOString(),
      ua: plan.letter.actionId,
      key: plan.key,
      state,
      channel: plan.channel ?? 'email',
      target: plan.letter.targetId,
      target_name: plan.letter.recipient[0],
      lang: plan.letter.lang,
      to,
      from: plan.from?.address,
      sender: plan.senderName,
      message_id: plan.messageId,
      ...(plan.testTo ? { test_to: plan.testTo } : {}),
    };
  }
}

/** Each recipient's wire form, and back, from the plan's To (which holds both). */
function addressForms(plan: EmailPlan): { wire: (address: string) => string; written: (address: string) => string } {
  const toWire = new Map(plan.to.map((m) => [m.address, m.wire]));
  const toWritten = new Map(plan.to.map((m) => [m.wire, m.address]));
  return { wire: (address) => toWire.get(address) ?? address, written: (address) => toWritten.get(address) ?? address };
}

/** The connection went away before the message did: nothing was handed over, a new connection may try. */
function droppedBeforeTransfer({ failure, transferStarted }: Attempt): boolean {
  return !!failure && !transferStarted && !failure.responseCode && (failure.code === 'ECONNECTION' || failure.code === 'ESOCKET');
}

function describe(t: Translate, { receipt, failure, transferStarted }: Attempt): string | undefined {
  // Cut short after "transferring" was journaled: the reason says why the letter is not in doubt.
  if (failure) return transferStarted && failure.beforeEnd ? t('send.cutShort', { reason: describeFailure(t, failure) }) : describeFailure(t, failure);
  const refused = receipt?.rejected.map((r) => r.address) ?? [];
  return refused.length > 0 ? t('send.refusedFor', { addresses: refused.join(', ') }) : undefined;
}
