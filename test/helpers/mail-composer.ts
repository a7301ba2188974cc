import type { EmailPlan, Mailbox } from '../../src/core/email.js';

/**
 * The message as ua wrote it up to issue 21, through nodemailer's MailComposer: the reference
 * that io/mail/message.ts, which writes the same message directly, is compared with.
 */
export async function mailComposerMessage(plan: EmailPlan, date: Date, draft = false): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const onWire = (m: Mailbox) => ({ name: m.name ?? '', address: m.wire });
  const mail = new MailComposer({
    from: plan.from && onWire(plan.from),
    to: plan.to.map(onWire),
    replyTo: plan.replyTo && onWire(plan.replyTo),
    subject: plan.subject,
    text: plan.text,
    messageId: plan.messageId,
    date,
    textEncoding: 'quoted-printable',
    headers: draft ? { 'X-Unsent': '1' } : {},
  });
  const built = await mail.compile().build();
  return Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
