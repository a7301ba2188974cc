import { describeFailure, type EmailPlan, type Outcome, outcomeOfAcceptance, outcomeOfFailure, type SmtpFailure } from '../core/email.js';
import type { Journal, JournalEntry, JournalState } from '../io/journal.js';
import { composeMessage, type MailSession, type OpenSession } from '../io/mailer.js';

export interface Result {
  plan: EmailPlan;
  outcome: Outcome | 'already sent' | 'not sent';
  reason?: string;
  refused?: string[];
}

export interface DeliverOptions {
  open: OpenSession;
  journal: Journal;
  now: () => Date;
  say: (text: string) => void;
  /** Connections used side by side (a pool); 1 sends one letter after another. */
  connections?: number;
  /** At most `count` messages started per `perMs` milliseconds (a provider's limit). */
  rate?: { count: number; perMs: number };
  /** Set by Ctrl-C: no new letter starts; those in flight finish and are recorded. */
  interrupted?: () => boolean;
  /** Called as each letter is done (a progress bar). */
  onDone?: (result: Result) => void;
}

export interface Delivery {
  results: Result[];
  /** Why everything stopped (a failed login, no server, an untrusted certificate). */
  stopped?: string;
  interrupted: boolean;
}

/**
 * Sends the letters over one connection or a pool (each reopened when it breaks). Every step
 * is in the journal before it counts: 'attempt' before a connection is used, 'transferring'
 * the moment the message starts to go, then the outcome. A crash therefore leaves either
 * nothing handed over (safe to send again) or an outcome that is honestly unknown.
 */
export async function deliver(plans: readonly EmailPlan[], options: DeliverOptions): Promise<Delivery> {
  const { journal, now } = options;
  const results: Result[] = new Array(plans.length);
  const queue = plans.map((_, index) => index);
  const limiter = rateLimiter(options.rate);
  let stopped: string | undefined;
  let openSessions = 0;
  const record = (plan: EmailPlan, state: JournalState, extra: Partial<JournalEntry> = {}) =>
    journal.append({ ...entryFor(plan), at: now().toISOString(), state, ...extra });
  const finish = (index: number, result: Result, journaled = true) => {
    const { plan, outcome, reason, refused } = result;
    if (journaled) record(plan, outcome as JournalState, { reason, refused });
    results[index] = result;
    options.onDone?.(result);
  };

  /** A connection for this letter; undefined when there is none (the letter is dealt with). */
  const connect = async (index: number, plan: EmailPlan): Promise<MailSession | 'leave' | undefined> => {
    try {
      const session = await options.open();
      openSessions++;
      return session;
    } catch (error) {
      const failure = error as SmtpFailure;
      // Another connection of the pool still works: this letter waits for it, this worker leaves.
      if (openSessions > 0 && failure.code !== 'EAUTH') {
        queue.unshift(index);
        return 'leave';
      }
      stopped = describeFailure(failure);
      finish(index, { plan, outcome: 'deferred', reason: stopped });
      return undefined;
    }
  };

  const worker = async () => {
    let session: MailSession | undefined;
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const plan = plans[index] as EmailPlan;
      // 1. After a failure no letter can get past (login, TLS, no server), the rest wait for a rerun.
      if (stopped) {
        finish(index, { plan, outcome: 'deferred', reason: `not attempted: ${stopped}` });
        continue;
      }
      await limiter();
      if (options.interrupted?.()) {
        finish(index, { plan, outcome: 'not sent', reason: 'interrupted before it started' }, false);
        continue;
      }
      const raw = await composeMessage(plan, now());
      record(plan, 'attempt');
      // 2. A connection, opened for the first letter and again after one breaks.
      const connection = session ?? (await connect(index, plan));
      if (connection === 'leave') return;
      if (!connection) continue;
      session = connection;
      // 3. The letter, and what the server said about it; a broken connection is dropped.
      if (!(await sendOne(session, plan, raw, index))) {
        session.close();
        session = undefined;
        openSessions--;
      }
    }
    if (session) {
      session.close();
      openSessions--;
    }
  };

  /** Sends one letter and records its outcome; false when the connection is no longer usable. */
  const sendOne = async (session: MailSession, plan: EmailPlan, raw: Buffer, index: number): Promise<boolean> => {
    let transferStarted = false;
    try {
      const receipt = await session.send(raw, plan.envelope, () => {
        transferStarted = true;
        record(plan, 'transferring');
      });
      const outcome = outcomeOfAcceptance(receipt.accepted, receipt.rejected);
      const refused = receipt.rejected.length > 0 ? receipt.rejected : undefined;
      finish(index, { plan, outcome, reason: refused ? `refused by the server for ${refused.join(', ')}` : undefined, refused });
    } catch (error) {
      const failure = error as SmtpFailure;
      finish(index, { plan, outcome: outcomeOfFailure(failure, transferStarted), reason: describeFailure(failure) });
    }
    return session.usable;
  };

  const workers = Math.max(1, Math.min(options.connections ?? 1, plans.length));
  await Promise.all(Array.from({ length: workers }, worker));
  // Letters no worker reached (every connection was lost) wait for a rerun.
  for (const index of queue) finish(index, { plan: plans[index] as EmailPlan, outcome: 'deferred', reason: 'not attempted: no connection left' });
  return { results, stopped, interrupted: options.interrupted?.() ?? false };
}

/** Spaces out the starts of messages: `count` per `perMs`, evenly. */
function rateLimiter(rate: DeliverOptions['rate']): () => Promise<void> {
  if (!rate) return async () => undefined;
  const interval = rate.perMs / rate.count;
  let nextStart = 0;
  return async () => {
    const now = Date.now();
    const start = Math.max(now, nextStart);
    nextStart = start + interval;
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
  };
}

function entryFor(plan: EmailPlan): Omit<JournalEntry, 'at' | 'state'> {
  return {
    ua: plan.letter.actionId,
    key: plan.key,
    channel: 'email',
    target: plan.letter.targetId,
    target_name: plan.letter.recipient[0],
    lang: plan.letter.lang,
    to: plan.envelope.to,
    from: plan.from?.address,
    sender: plan.senderName,
    message_id: plan.messageId,
    ...(plan.testTo ? { test_to: plan.testTo } : {}),
  };
}
