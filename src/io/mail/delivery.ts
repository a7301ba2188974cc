import type { EmailPlan } from '../../core/email.js';
import type { Translate } from '../../core/i18n.js';
import type { Owed } from '../../core/journal-entries.js';
import { type AddressState, type LetterState, letterState } from '../../core/outcomes.js';
import { addressOutcomes, describeFailure, type SmtpFailure } from '../../core/smtp-outcome.js';
import { UaError } from '../../errors.js';
import type { MailSession, OpenSession } from '../../world.js';
import type { Journal } from '../journal.js';
import { attemptLetter, describeAttempt, droppedBeforeTransfer, letterEntry } from './attempt.js';
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

export interface DeliverOptions<O extends Outgoing = Outgoing> {
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
  /**
   * Called as each letter is done, with the letter as given and its place among them (0, 1, …):
   * letters finish in the order their servers answer. Nothing else keeps the results.
   */
  onDone?: (result: Result, letter: O, index: number) => void;
}

export interface Delivery {
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
 * or an outcome that is honestly unknown. The letters may be a stream (a batch plans each one
 * as a connection is free for it): none is held once it is done.
 */
export async function deliver<O extends Outgoing>(letters: Iterable<O> | AsyncIterable<O>, options: DeliverOptions<O>): Promise<Delivery> {
  return new DeliveryRun(letters, options).run();
}

/** A letter taken from the stream, with its place in it. */
interface Taken<O> {
  letter: O;
  index: number;
}

class DeliveryRun<O extends Outgoing> {
  private readonly source: Iterator<O> | AsyncIterator<O>;
  private taken = 0;
  /** Letters a worker took and gave back (its connection was lost): the next free worker sends them. */
  private readonly givenBack: Taken<O>[] = [];
  /** Planning a letter failed (a bug: the same letters were planned once already): nothing more starts. */
  private sourceFailure: unknown;
  private readonly slots: PooledConnection[];
  /** The journal writes of outcomes not yet on disk; the run ends once they are. */
  private readonly writes = new Set<Promise<void>>();
  private readonly limiter: RateLimiter;
  private stopped: string | undefined;
  /** Workers still taking letters. */
  private working = 0;
  private journalFailure: UaError | undefined;

  constructor(
    letters: Iterable<O> | AsyncIterable<O>,
    private readonly options: DeliverOptions<O>,
  ) {
    this.source = Symbol.asyncIterator in letters ? letters[Symbol.asyncIterator]() : letters[Symbol.iterator]();
    // A worker per connection; one that finds no letter left never opens its connection.
    this.slots = Array.from({ length: Math.max(1, options.connections ?? 1) }, () => new PooledConnection(options.open, PROBE_AFTER_MS));
    this.limiter = new RateLimiter(options.rate);
  }

  async run(): Promise<Delivery> {
    const { t } = this.options;
    // The connections' letters each wait for their line in the journal: one flush for all of them.
    // At most one letter a connection waits for its line at a time (the other is on the wire).
    const alone = this.options.journal.gatherFor(() => Math.min(this.working, this.slots.length));
    // Two letters to a connection: the second's envelope rides with the first's final dot.
    const lanes = this.slots.flatMap((slot) => [slot, slot]);
    this.working = lanes.length;
    await Promise.all(lanes.map((slot) => this.worker(slot).finally(() => this.working--)));
    for (const slot of this.slots) slot.drop();
    alone();
    // Letters no worker reached (every connection was lost) wait for a rerun.
    for (let next = await this.take(); next; next = await this.take())
      this.finish(next, {}, t('send.notAttempted', { reason: t('send.noConnection') }), 'deferred');
    while (this.writes.size > 0) await Promise.all(this.writes);
    if (this.sourceFailure !== undefined) throw this.sourceFailure;
    // The journal knows best how writing ended: a full disk with every outcome recorded, or worse.
    const journalFailure = this.journalFailure && (this.options.journal.failure ?? this.journalFailure);
    return { stopped: this.stopped, journalFailure, interrupted: this.options.interrupted?.() ?? false };
  }

  /** The next letter: one given back first, else the stream's next; undefined when there is none. */
  private async take(): Promise<Taken<O> | undefined> {
    const back = this.givenBack.shift();
    if (back || this.sourceFailure !== undefined) return back;
    try {
      const next = await this.source.next();
      return next.done ? undefined : { letter: next.value, index: this.taken++ };
    } catch (error) {
      this.sourceFailure ??= error;
      return undefined;
    }
  }

  private async worker(slot: PooledConnection): Promise<void> {
    for (let next = await this.take(); next; next = await this.take()) {
      if ((await this.deliverOne(slot, next)) === 'leave') return;
    }
  }

  /** One letter, to the addresses it still owes; 'leave' when this worker has no connection left. */
  private async deliverOne(slot: PooledConnection, taken: Taken<O>): Promise<'next' | 'leave'> {
    const { t } = this.options;
    const { plan, owed } = taken.letter;
    // 1. After a failure no letter can get past (login, TLS, no server, the journal), the rest wait for a rerun.
    if (this.stopped) return this.finish(taken, {}, t('send.notAttempted', { reason: this.stopped }), this.journalFailure ? 'not sent' : 'deferred');
    await this.limiter.wait(this.options.interruption);
    if (this.options.interrupted?.()) return this.finish(taken, {}, t('send.interruptedBefore'), 'not sent');
    const raw = composeMessage(plan, this.options.now());
    // 2. A live connection, and the message; a connection that closed under us before the
    // message went is replaced once, since nothing was handed over.
    for (let retried = false; ; retried = true) {
      let session: MailSession;
      try {
        session = await slot.take();
      } catch (error) {
        return this.cannotConnect(taken, error as SmtpFailure);
      }
      // 3. UTF-8 mail (RFC 6532) only to a server that offers SMTPUTF8: nodemailer would hand it
      // over anyway, undeclared, and the server could mangle or bounce it. Nothing goes out.
      if (plan.needsSmtpUtf8.length > 0 && !session.smtpUtf8) {
        slot.release(session);
        const refused = Object.fromEntries(owed.send.map((address) => [address, 'refused' as const]));
        return this.finish(taken, refused, t('send.noSmtpUtf8', { addresses: plan.needsSmtpUtf8.join(', ') }));
      }
      const transferring = () => this.options.journal.append(letterEntry(plan, 'transferring', owed.send, this.options.now()));
      const attempt = await attemptLetter(session, plan, owed.send, raw, transferring);
      slot.release(session);
      if (attempt.failure instanceof UaError) {
        this.journalFailure = attempt.failure;
        this.stopped = t('send.journalFailed');
        return this.finish(taken, {}, t('send.notSentBecause', { reason: attempt.failure.message }), 'not sent');
      }
      if (!retried && droppedBeforeTransfer(attempt)) {
        slot.drop(session);
        continue;
      }
      if (attempt.failure && !attempt.failure.responseCode) slot.drop(session);
      return this.finish(taken, addressOutcomes(attempt), describeAttempt(t, attempt));
    }
  }

  private cannotConnect(taken: Taken<O>, failure: SmtpFailure): 'next' | 'leave' {
    // Another connection of the pool still works: this letter waits for it, this worker leaves.
    if (this.slots.some((slot) => slot.state !== 'closed') && failure.code !== 'EAUTH') {
      this.givenBack.unshift(taken);
      return 'leave';
    }
    this.stopped = describeFailure(this.options.t, failure);
    return this.finish(taken, {}, this.stopped, 'deferred');
  }

  /** Records a letter's end: its addresses' states (journaled when something was tried) and its outcome. */
  private finish(taken: Taken<O>, tried: Record<string, AddressState>, reason: string | undefined, forced?: Outcome): 'next' {
    const { plan, owed } = taken.letter;
    // A letter that could not be tried at all (no server, a failed login) is recorded as deferred.
    if (forced === 'deferred' && Object.keys(tried).length === 0) tried = Object.fromEntries(owed.send.map((address) => [address, 'deferred']));
    const addresses: Record<string, AddressState> = {};
    for (const address of owed.had) addresses[address] = 'sent';
    for (const address of owed.inDoubt) addresses[address] = 'unknown';
    for (const address of owed.send) addresses[address] = tried[address] ?? 'deferred';
    if (Object.keys(tried).length > 0) {
      const entry = {
        ...letterEntry(plan, letterState(Object.values(tried)), Object.keys(tried), this.options.now()),
        addresses: tried,
        ...(reason ? { reason } : {}),
      };
      const write: Promise<void> = this.options.journal
        .append(entry, 'soon')
        .catch((error: UaError) => {
          this.journalFailure ??= error;
        })
        .finally(() => this.writes.delete(write));
      this.writes.add(write);
    }
    const outcome = forced ?? (letterState(Object.values(addresses)) as Outcome);
    const result: Result = { plan, outcome, addresses, ...(reason ? { reason } : {}) };
    this.options.onDone?.(result, taken.letter, taken.index);
    return 'next';
  }
}
