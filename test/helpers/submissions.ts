import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSubmission, SUBMISSION_MIME, type Submission } from '../../src/core/submission.js';

/** Three volunteers' ids: what `ua report --submit` would give three installs. */
export const IDS = ['3f2a7c1e-9b4d-4e2a-8c1f-0a1b2c3d4e5f', '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3', 'c4d5e6f7-0819-4a2b-9c3d-4e5f60718293'] as const;

type Row = { day?: string; channel: string; lang?: string; outcome: string; count: number };

/** A submission's JSON as the format says (src/core/submission.ts). */
export function submission(id: string, sequence: number, ua: string, rows: readonly Row[]): string {
  const counts = rows.map((row) => ({ day: row.day ?? '2026-12-05', channel: row.channel, lang: row.lang ?? 'es', outcome: row.outcome, count: row.count }));
  return JSON.stringify({ format: 'ua-letters/report', version: 1, submission: id, sequence, ua, tool: 'ua 0.1.0', counts });
}

/** A plain message a person can read, with the JSON attached under the submission's own type. */
export function submissionMessage(json: string, from = 'ana.perez@example.org', type = SUBMISSION_MIME): string {
  const body = Buffer.from(json).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: Ana <${from}>`,
    'To: reports@section.example',
    'Subject: UA report',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'My actions, counted.',
    '--b1',
    `Content-Type: ${type}; name="report.json"`,
    'Content-Disposition: attachment; filename="report.json"',
    'Content-Transfer-Encoding: base64',
    '',
    body,
    '--b1--',
    '',
  ].join('\r\n');
}

/** The three volunteers' submissions: one submits twice (new actions in between) and sends the first one again. */
export function threeVolunteers(): string[] {
  return [
    submission(IDS[0], 1, '105.22', [{ channel: 'email', outcome: 'sent', count: 3 }]),
    submission(IDS[1], 1, '105.22', [
      { channel: 'call', outcome: 'spoke', count: 2 },
      { channel: 'email', outcome: 'sent', count: 1, lang: 'en' },
    ]),
    submission(IDS[0], 2, '105.22', [{ channel: 'email', outcome: 'sent', count: 2, day: '2026-12-06' }]),
    submission(IDS[2], 1, '12.23', [{ channel: 'post', outcome: 'prepared', count: 4 }]),
    // The resend: the same id and sequence, the same counts.
    submission(IDS[0], 1, '105.22', [{ channel: 'email', outcome: 'sent', count: 3 }]),
  ];
}

/** What the tally of threeVolunteers() comes to, in --json's rows. */
export const THREE_ROWS = [
  { ua: '105.22', channel: 'call', outcome: 'spoke', count: 2, kind: 'action' },
  { ua: '105.22', channel: 'email', outcome: 'sent', count: 6, kind: 'action' },
  { ua: '12.23', channel: 'post', outcome: 'prepared', count: 4, kind: 'action' },
];

/** Writes messages into a Maildir's new/, as a delivery agent does. */
export function intoMaildir(folder: string, messages: readonly string[], prefix = 'm'): void {
  messages.forEach((message, i) => {
    writeFileSync(join(folder, 'new', `${prefix}${String(i).padStart(5, '0')}.host`), message);
  });
}

/** An mbox export of the messages ("From " lines, ">From " escaped). */
export function mbox(messages: readonly string[]): string {
  return messages.map((m) => `From MAILER-DAEMON Sat Dec  5 10:00:00 2026\n${m.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1')}\n`).join('');
}

/** The submissions a test SMTP server received for `to`, in order, read as the tally reads their attachment. */
export function receivedSubmissions(delivered: readonly { raw: string; to: string[] }[], to: string): Submission[] {
  return delivered
    .filter((message) => message.to.includes(to))
    .map(({ raw }) => {
      const base64 = /application\/vnd\.ua-letters\.report\+json[\s\S]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(raw)?.[1] ?? '';
      const read = parseSubmission(Buffer.from(base64.replace(/\r\n/g, ''), 'base64').toString('utf8'));
      if (!('submission' in read)) throw new Error(`not a submission: ${JSON.stringify(read)}`);
      return read.submission;
    });
}
