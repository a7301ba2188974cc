import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { homeJournalPath, journalEntries, journalText } from '../helpers/journal.js';
import { FIXTURES } from '../helpers/paths.js';
import { writeSignups } from '../helpers/signups.js';
import { deliveredTo, startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempHome, ua, uaAsync } from '../helpers/spawn.js';

const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--email', 'ana@example.org'];
const SEND = ['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--send', '--yes'];

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const waitFor = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('sending, as a process', () => {
  it('killed (SIGKILL) in the middle of a send, then run again: every letter arrives exactly once', async () => {
    let stall = true;
    let stalled = false;
    smtp = await startSmtp({
      rcpt: (address) => {
        if (stall && address === 'fiscal@fiscalia.example') {
          stalled = true;
          return 'stall';
        }
        return undefined;
      },
    });
    const { dir, env } = tempHome();
    const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    const first = uaAsync(SEND, { cwd: dir, env: sendEnv });
    await waitFor(() => stalled, 'the third letter to be on its way');
    // A letter's outcome reaches the disk with the next flush, or 10 ms later (io/journal-commit.ts):
    // killed within those milliseconds it would read "unknown", never "sent twice" (the next test).
    const sent = () => journalEntries(homeJournalPath(dir)).filter((entry) => entry.state === 'sent').length;
    await waitFor(() => sent() === 2, 'the two letters that went to be recorded as sent');
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    expect(smtp.delivered).toHaveLength(2);

    stall = false;
    const second = await uaAsync(SEND, { cwd: dir, env: sendEnv }).done;
    expect(second.code).toBe(0);
    expect(deliveredTo(smtp)).toEqual([
      'defensora@defensoria.example',
      'despacho@justicia.example',
      'fiscal@fiscalia.example',
      'ministra@justicia.example',
      'presidente@gobierno.example',
    ]);
    expect(second.stderr).toMatch(/minister .*already sent/);
  });

  it('killed while the server holds a message it received: the outcome is unknown, and it is not sent twice', async () => {
    let hold = true;
    let holding = false;
    smtp = await startSmtp({
      data: (raw) => {
        if (!hold || !raw.includes('presidente@gobierno.example')) return undefined;
        holding = true;
        return 'stall';
      },
    });
    const { dir, env } = tempHome();
    const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    const first = uaAsync(SEND, { cwd: dir, env: sendEnv });
    // The whole message has arrived and the server holds its answer: the client had recorded
    // "transferring" before it sent the first byte.
    await waitFor(() => holding, 'the second message to arrive whole');
    first.child.kill('SIGKILL');
    await first.done;
    hold = false;
    const second = await uaAsync(SEND, { cwd: dir, env: sendEnv }).done;
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/president .*unknown .*--resend/);
    expect(smtp.delivered.flatMap((m) => m.to)).not.toContain('presidente@gobierno.example');
  });

  it('trusts a private CA through NODE_EXTRA_CA_CERTS, and refuses the certificate without it', async () => {
    smtp = await startSmtp({ starttls: true, auth: { user: 'ana', pass: 'secret-3f9' } });
    const { dir, env } = tempHome();
    const { testCertificate } = await import('../helpers/smtp.js');
    const ca = (await testCertificate()).file;
    const base = { ...env, UA_SMTP_URL: `smtp://ana@localhost:${smtp.port}`, UA_SMTP_PASSWORD: 'secret-3f9' };
    const untrusted = await uaAsync([...SEND, '--target', 'president'], { cwd: dir, env: base }).done;
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain("the server's TLS certificate is not trusted");
    const trusted = await uaAsync([...SEND, '--target', 'president'], { cwd: dir, env: { ...base, NODE_EXTRA_CA_CERTS: ca } }).done;
    expect(trusted.code).toBe(0);
    expect(smtp.delivered).toHaveLength(1);
    const journal = journalText(homeJournalPath(dir));
    expect(`${untrusted.stderr}${trusted.stderr}${trusted.stdout}${journal}`).not.toContain('secret-3f9');
  });

  it('smtps:// to a server that speaks plain SMTP: one plain reason, no OpenSSL words, no DeprecationWarning', async () => {
    smtp = await startSmtp();
    const { dir, env } = tempHome();
    const result = await uaAsync([...SEND, '--target', 'president'], { cwd: dir, env: { ...env, UA_SMTP_URL: `smtps://127.0.0.1:${smtp.port}` } }).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ua: stopped: the server at 127.0.0.1:${smtp.port} does not speak TLS; use smtp:// for STARTTLS\n`);
    expect(result.stderr).not.toMatch(/SSL routines|openssl|DeprecationWarning|trace-deprecation/i);
    expect(journalText(homeJournalPath(dir))).not.toMatch(/SSL routines/);
    expect(smtp.delivered).toHaveLength(0);
  });

  it('smtps:// to 127.0.0.1 over TLS: the certificate is checked against the address, and Node has nothing to warn about', async () => {
    smtp = await startSmtp({ secure: true });
    const { dir, env } = tempHome();
    const { testCertificate } = await import('../helpers/smtp.js');
    const ca = (await testCertificate()).file;
    const result = await uaAsync([...SEND, '--target', 'president'], {
      cwd: dir,
      env: { ...env, UA_SMTP_URL: `smtps://127.0.0.1:${smtp.port}`, NODE_EXTRA_CA_CERTS: ca },
    }).done;
    expect(result.code, result.stderr).toBe(0);
    expect(smtp.delivered).toHaveLength(1);
    expect(result.stderr).not.toMatch(/DeprecationWarning|trace-deprecation/);
  });

  it('has no option that takes a password on the command line', () => {
    const result = ua(['compose', '105.22', '--password', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--password'");
  });
});

describe('ua batch --send, as a process', () => {
  const BATCH = ['batch', '105.22', '--signers', 'signups.csv', '--send', '--yes', '--after-deadline', '--from', 'letters@example.org', '--connections', '3'];

  it('SIGKILL in the middle of a batch, then a rerun: every letter exactly once, counted at the server', async () => {
    let stall = true;
    smtp = await startSmtp({ rcpt: (_, index) => (stall && index >= 12 ? 'stall' : undefined) });
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 15 });
    const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    const first = uaAsync(BATCH, { cwd: dir, env: sendEnv });
    await waitFor(() => (smtp?.delivered.length ?? 0) >= 12, 'twelve letters to arrive');
    first.child.kill('SIGKILL');
    await first.done;
    const before = smtp.delivered.length;
    expect(before).toBeLessThan(30);
    stall = false;
    const second = await uaAsync(BATCH, { cwd: dir, env: sendEnv }).done;
    // A letter the server took but whose "250 OK" the killed run never read is "unknown": not
    // sent again (exit 3). It still arrived exactly once.
    expect([0, 3]).toContain(second.code);
    if (second.code === 3) expect(second.stderr).toMatch(/unknown/);
    const arrived = smtp.delivered.map((m) => `${m.to[0]} ${/signer\d+@/.exec(m.raw)?.[0]}`);
    expect(arrived).toHaveLength(30);
    expect(new Set(arrived).size).toBe(30);
  });

  it('Ctrl-C (SIGINT): the letters in flight finish, exit 130, and the rest go on a rerun', async () => {
    let hold = true;
    smtp = await startSmtp({ rcpt: (_, index) => (hold && index >= 6 ? 'stall' : undefined) });
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 10 });
    const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, UA_SMTP_TIMEOUT: '3' };
    const run = uaAsync(BATCH, { cwd: dir, env: sendEnv });
    await waitFor(() => (smtp?.delivered.length ?? 0) >= 6, 'six letters to arrive');
    run.child.kill('SIGINT');
    const interrupted = await run.done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/Stopping: \d+ of 20 letters sent so far; the letters on their way finish, no new one starts\./);
    expect(interrupted.stderr).toMatch(/Interrupted: \d+ of 20 letters sent/);
    hold = false;
    const rest = await uaAsync(BATCH, { cwd: dir, env: sendEnv }).done;
    expect(rest.code).toBe(0);
    const arrived = smtp.delivered.map((m) => `${m.to[0]} ${/signer\d+@/.exec(m.raw)?.[0]}`);
    expect(arrived).toHaveLength(20);
    expect(new Set(arrived).size).toBe(20);
  });
});

describe('drafts and links for people without SMTP', () => {
  it('--format eml writes messages that parse without defects (Python policy.strict, mailparser)', async () => {
    const { dir, env } = tempHome();
    const result = ua(['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--note', '¿Cómo? «Sí», ñandú.', '--format', 'eml', '--out', 'drafts/'], {
      cwd: dir,
      env,
    });
    expect(result.code).toBe(0);
    const files = readdirSync(join(dir, 'drafts')).sort();
    expect(files).toEqual(['901.26-minister-es.eml', '901.26-ombudsman-es.eml', '901.26-president-es.eml', '901.26-prosecutor-es.eml']);
    for (const file of files) {
      const path = join(dir, 'drafts', file);
      const strict = execFileSync(
        'python3',
        [
          '-c',
          'import email,email.policy,sys; m=email.message_from_bytes(open(sys.argv[1],"rb").read(), policy=email.policy.strict); print(len(m.defects)+sum(len(p.defects) for p in m.walk())); print(m["Subject"]); print(m.get_content().splitlines()[0])',
          path,
        ],
        { encoding: 'utf8' },
      ).split('\n');
      expect(strict[0]).toBe('0');
      expect(strict[1]).toBe('Acción Urgente 901.26: liberen a los manifestantes');
      const parsed = await simpleParser(readFileSync(path));
      expect(parsed.headers.get('x-unsent')).toBe('1');
      expect(parsed.text).toContain('¿Cómo? «Sí», ñandú.');
    }
    const journal = journalEntries(homeJournalPath(dir));
    expect(journal.map((entry) => [entry.channel, entry.state])).toEqual(Array(4).fill(['eml', 'prepared']));
  });

  it('--mailto prints one link per letter, UTF-8 percent-encoded with CRLF line breaks', () => {
    const { dir, env } = tempHome();
    const result = ua(['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--mailto', '--target', 'minister'], { cwd: dir, env });
    expect(result.code).toBe(0);
    const link = new URL(result.stdout.trim());
    expect(link.protocol).toBe('mailto:');
    expect(link.pathname).toBe('ministra@justicia.example,despacho@justicia.example');
    expect(link.searchParams.get('subject')).toBe('Acción Urgente 901.26: liberen a los manifestantes');
    expect(link.searchParams.get('body')).toMatch(/^Señora Ministra:\r\n\r\nMi nombre es Ana Pérez/);
  });
});
