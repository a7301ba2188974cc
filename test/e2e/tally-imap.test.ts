import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOVECOT_MISSING, hasDovecot, startDovecot, type TestImap } from '../helpers/dovecot.js';
import { Terminal } from '../helpers/pty.js';
import { startSmtp } from '../helpers/smtp.js';
import { tempHome, ua } from '../helpers/spawn.js';
import { IDS, submission, submissionMessage, THREE_ROWS, threeVolunteers } from '../helpers/submissions.js';

// Skipped only where Dovecot is missing (or not as root): .ci/run installs it, so CI runs these.
describe.skipIf(!hasDovecot)(`ua tally over IMAP (Dovecot)${hasDovecot ? '' : `: skipped, ${DOVECOT_MISSING}`}`, () => {
  let imap: TestImap;
  beforeAll(async () => {
    imap = await startDovecot();
  }, 120_000);
  afterAll(async () => imap?.stop());

  /** Sends each message through the real SMTP test server, and delivers what it received into the Maildir. */
  async function sendAndDeliver(messages: readonly string[]): Promise<void> {
    const smtp = await startSmtp();
    try {
      const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
      for (const raw of messages) await transport.sendMail({ envelope: { from: 'ana.perez@example.org', to: 'reports@section.example' }, raw });
      transport.close();
      imap.deliver(smtp.delivered.map((message) => message.raw));
    } finally {
      await smtp.close();
    }
  }

  const tally = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const home = tempHome();
    return ua(['tally', `imaps://${imap.user}@127.0.0.1:${imap.port}/INBOX`, ...args], {
      env: { ...home.env, NODE_EXTRA_CA_CERTS: imap.ca, UA_IMAP_PASSWORD: imap.password, ...extra },
    });
  };

  /** Every message's flags, through a connection of its own. */
  async function flags(): Promise<Record<number, string[]>> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: imap.port,
      secure: true,
      tls: { ca: readFileSync(imap.ca, 'utf8') },
      auth: { user: imap.user, pass: imap.password },
      logger: false,
    });
    await client.connect();
    const seen: Record<number, string[]> = {};
    try {
      await client.mailboxOpen('INBOX', { readOnly: true });
      for await (const message of client.fetch('1:*', { uid: true, flags: true }, { uid: true })) seen[message.uid] = [...(message.flags ?? [])].sort();
    } finally {
      await client.logout();
    }
    return seen;
  }

  it('three volunteers, a resubmission, a resend: the right totals, and no message marked read', async () => {
    await sendAndDeliver([...threeVolunteers().map((json) => submissionMessage(json)), 'From: x@example.org\r\nSubject: hi\r\n\r\nhello\r\n']);
    const run = tally(['--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const before = await flags();
    expect(Object.keys(before)).toHaveLength(6);
    const result = JSON.parse(run.stdout);
    expect(result.rows).toEqual(THREE_ROWS);
    expect(result).toMatchObject({ volunteers: 3, submissions: 4, duplicates: 1, setAside: [] });
    expect(run.stdout).not.toContain('example.org');
    // A second tally, and the flags are as they were: nothing marked read.
    expect(tally([]).stdout).toContain('UA 105.22: 8 actions, reported by 2 volunteers');
    expect(await flags()).toEqual(before);
    expect(Object.values(before).flat()).not.toContain('\\Seen');
  }, 120_000);

  it('forged submissions set aside one line each, a few hundred more counted', async () => {
    await sendAndDeliver([
      submissionMessage(submission(IDS[1], 9, '105.22', [{ channel: 'email', outcome: 'sent', count: 1_000_000 }])),
      submissionMessage('not json at all'),
      submissionMessage('x'.repeat(10 * 1024 * 1024)),
    ]);
    const many = Array.from({ length: 300 }, (_, i) =>
      submissionMessage(submission(IDS[2] as string, i + 2, '12.23', [{ channel: 'call', outcome: 'voicemail', count: 1 }])),
    );
    imap.deliver(many);
    const run = tally(['--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.rows).toEqual([...THREE_ROWS.slice(0, 2), { ua: '12.23', channel: 'call', outcome: 'voicemail', count: 300, kind: 'action' }, THREE_ROWS[2]]);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ua: set aside message uid \d+: a count no one reaches \(1000000\)$/);
    expect(lines[1]).toMatch(/^ua: set aside message uid \d+: the attachment is not JSON$/);
    expect(lines[2]).toMatch(/^ua: set aside message uid \d+: too large \(\d+ bytes\)$/);
  }, 300_000);

  it('--mark-read marks only the submissions read', async () => {
    const run = tally(['--mark-read', '--csv']);
    expect(run.code).toBe(0);
    const after = await flags();
    const unread = Object.values(after).filter((f) => !f.includes('\\Seen'));
    expect(unread).toHaveLength(1); // the one message that is not a submission
  }, 120_000);

  it('refuses a wrong password and an unpinned certificate, in one line', () => {
    const wrong = tally([], { UA_IMAP_PASSWORD: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused the login of reports/);
    expect(wrong.stderr).not.toContain('nope');
    const unpinned = tally([], { NODE_EXTRA_CA_CERTS: '' });
    expect(unpinned.code).toBe(1);
    expect(unpinned.stderr).toMatch(/certificate of 127\.0\.0\.1:\d+ could not be verified/);
  }, 120_000);

  it('asks for the password at a terminal, without showing it', async () => {
    const home = tempHome();
    const terminal = new Terminal(['tally', `imaps://${imap.user}@127.0.0.1:${imap.port}/INBOX`], {
      cwd: home.dir,
      env: { ...home.env, NODE_EXTRA_CA_CERTS: imap.ca },
    });
    try {
      await terminal.answer(/IMAP password for reports:/, imap.password);
      expect(await terminal.exited).toBe(0);
      expect(terminal.screen).toContain('UA 105.22: 8 actions, reported by 2 volunteers');
      expect(terminal.screen).not.toContain(imap.password);
    } finally {
      terminal.kill();
    }
  }, 120_000);
});
