import { describeFailure, type EmailPlan, type Outcome, outcomeOfAcceptance, outcomeOfFailure, type SmtpFailure } from '../core/email.js';
import type { Sender } from '../core/fields.js';
import type { Journal, JournalEntry, JournalState } from '../io/journal.js';
import { composeMessage, type MailSession, type OpenSession } from '../io/mailer.js';

export interface Result {
  plan: EmailPlan;
  outcome: Outcome | 'already sent';
  reason?: string;
  refused?: string[];
}

export interface DeliverOptions {
  open: OpenSession;
  journal: Journal;
  now: () => Date;
  sender: Sender;
  say: (text: string) => void;
}

/**
 * Sends the letters one after another over one connection (reopened when it breaks). Every
 * step is in the journal before it counts: 'attempt' before connecting, 'transferring' the
 * moment the message starts to go, then the outcome. A crash therefore leaves either nothing
 * handed over (safe to send again) or an outcome that is honestly unknown.
 */
export async function deliver(plans: readonly EmailPlan[], options: DeliverOptions): Promise<{ results: Result[]; stopped?: string }> {
  const { journal, now, say } = options;
  const results: Result[] = [];
  let session: MailSession | undefined;
  let stopped: string | undefined;
  const record = (plan: EmailPlan, state: JournalState, extra: Partial<JournalEntry> = {}) =>
    journal.append({ ...entryFor(plan, options.sender), at: now().toISOString(), state, ...extra });

  for (const [index, plan] of plans.entries()) {
    const finish = (outcome: Outcome, reason?: string, refused?: string[]) => {
      record(plan, outcome, { reason, refused });
      results.push({ plan, outcome, reason, refused });
      say(`${index + 1}/${plans.length} ${plan.to.map((m) => m.address).join(', ')}: ${outcome}`);
    };
    // 1. After a failure no letter can get past (login, TLS, no server), the rest wait for a rerun.
    if (stopped) {
      finish('deferred', `not attempted: ${stopped}`);
      continue;
    }
    const raw = await composeMessage(plan, now());
    record(plan, 'attempt');
    // 2. A connection, opened for the first letter and again after one breaks.
    try {
      session ??= await options.open();
    } catch (error) {
      stopped = describeFailure(error as SmtpFailure);
      finish('deferred', stopped);
      continue;
    }
    // 3. The letter, and what the server said about it.
    let transferStarted = false;
    try {
      const receipt = await session.send(raw, plan.envelope, () => {
        transferStarted = true;
        record(plan, 'transferring');
      });
      const outcome = outcomeOfAcceptance(receipt.accepted, receipt.rejected);
      finish(
        outcome,
        outcome === 'sent' ? undefined : `refused by the server for ${receipt.rejected.join(', ')}`,
        receipt.rejected.length ? receipt.rejected : undefined,
      );
    } catch (error) {
      const failure = error as SmtpFailure;
      finish(outcomeOfFailure(failure, transferStarted), describeFailure(failure));
      if (!session.usable) {
        session.close();
        session = undefined;
      }
    }
  }
  session?.close();
  return { results, stopped };
}

function entryFor(plan: EmailPlan, sender: Sender): Omit<JournalEntry, 'at' | 'state'> {
  return {
    ua: plan.letter.actionId,
    key: plan.key,
    channel: 'email',
    target: plan.letter.targetId,
    target_name: plan.letter.recipient[0],
    lang: plan.letter.lang,
    to: plan.envelope.to,
    from: plan.from?.address,
    sender: sender.name,
    message_id: plan.messageId,
    ...(plan.testTo ? { test_to: plan.testTo } : {}),
  };
}
