import type { EmailPlan } from '../../core/email.js';
import type { Translate } from '../../core/i18n.js';
import { ENTRY_VERSION, type JournalEntry } from '../../core/journal-entries.js';
import { type Attempt, describeFailure, type SmtpFailure } from '../../core/smtp-outcome.js';
import type { MailSession } from '../../world.js';

/**
 * One try at handing a letter to the server, to the addresses `to`: `transferring` (the journal
 * line) is on disk before the message's first byte goes. The server is told each address in its
 * wire form (A-labels); what it answers is journaled and reported as written.
 */
export async function attemptLetter(session: MailSession, plan: EmailPlan, to: string[], raw: Buffer, transferring: () => Promise<void>): Promise<Attempt> {
  let transferStarted = false;
  const onTransfer = () => {
    transferStarted = true;
    return transferring();
  };
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

/** The journal's line for a step of a letter by email. */
export function letterEntry(plan: EmailPlan, state: JournalEntry['state'], to: string[], at: Date): JournalEntry {
  return {
    v: ENTRY_VERSION,
    at: at.toISOString(),
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
    ...(plan.evening ? { evening: plan.evening } : {}),
  };
}

/** Each recipient's wire form, and back, from the plan's To (which holds both). */
function addressForms(plan: EmailPlan): { wire: (address: string) => string; written: (address: string) => string } {
  const toWire = new Map(plan.to.map((m) => [m.address, m.wire]));
  const toWritten = new Map(plan.to.map((m) => [m.wire, m.address]));
  return { wire: (address) => toWire.get(address) ?? address, written: (address) => toWritten.get(address) ?? address };
}

/** The connection went away before the message did: nothing was handed over, a new connection may try. */
export function droppedBeforeTransfer({ failure, transferStarted }: Attempt): boolean {
  return !!failure && !transferStarted && !failure.responseCode && (failure.code === 'ECONNECTION' || failure.code === 'ESOCKET');
}

/** Why an attempt did not reach every address, in a line; undefined when it did. */
export function describeAttempt(t: Translate, { receipt, failure, transferStarted }: Attempt): string | undefined {
  // Cut short after "transferring" was journaled: the reason says why the letter is not in doubt.
  if (failure) return transferStarted && failure.beforeEnd ? t('send.cutShort', { reason: describeFailure(t, failure) }) : describeFailure(t, failure);
  const refused = receipt?.rejected.map((r) => r.address) ?? [];
  return refused.length > 0 ? t('send.refusedFor', { addresses: refused.join(', ') }) : undefined;
}
