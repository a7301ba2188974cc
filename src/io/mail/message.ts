import type { EmailPlan, Mailbox } from '../../core/email.js';

/**
 * The message as sent (and as written to an .eml file): UTF-8 plain text, quoted-printable,
 * CRLF line ends, lines of at most 76 characters, headers encoded as RFC 2047 words.
 */
export async function composeMessage(plan: EmailPlan, date: Date, draft = false): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  // Headers name each address as the envelope does. nodemailer keeps an ASCII address's domain
  // in A-labels, and writes an address with a UTF-8 local part all in UTF-8 (RFC 6532).
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
    // A fax's PDF, for an email-to-fax gateway (core/fax.ts planFax); base64, as every gateway reads it.
    attachments: plan.attachments?.map(({ filename, content, contentType }) => ({ filename, content: Buffer.from(content), contentType })),
    // Outlook opens a message with X-Unsent: 1 as a draft to send; others ignore it.
    headers: draft ? { 'X-Unsent': '1' } : {},
  });
  const built = await mail.compile().build();
  // MailComposer ends header lines with CRLF but keeps the body's LF: one convention only.
  return Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
