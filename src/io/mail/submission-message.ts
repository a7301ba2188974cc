import { SUBMISSION_MIME, type Submission } from '../../core/submission.js';

/**
 * A submission as an email: a plain text part a person reads, and the counts as a JSON
 * attachment of their own type, which `ua tally` picks out of a mailbox. The From is the address
 * alone, with no name; nothing else in the message says who sent it. Built by nodemailer's
 * MailComposer (two parts, which io/mail/message.ts, one part only, does not write); sent
 * through the same sessions as letters.
 */
export async function submissionMessage(parts: {
  from: string;
  to: string;
  subject: string;
  text: string;
  submission: Submission;
  json: string;
  date: Date;
}): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const mail = new MailComposer({
    from: parts.from,
    to: parts.to,
    subject: parts.subject,
    text: parts.text,
    date: parts.date,
    textEncoding: 'quoted-printable',
    attachments: [
      {
        filename: `ua-report-${parts.submission.ua}-${parts.submission.sequence}.json`,
        content: Buffer.from(parts.json, 'utf8'),
        contentType: SUBMISSION_MIME,
      },
    ],
  });
  const built = await mail.compile().build();
  return Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
