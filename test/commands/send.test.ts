import { appendFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../src/world.js';
import { journalOutcomes, journalPath, journalText } from '../helpers/journal.js';
import { FIXTURES } from '../helpers/paths.js';
import { closedPort, type SmtpOptions, serverPool, startOddServer, startSilentServer } from '../helpers/smtp.js';
import { type Captured, run, scriptedPrompter, smtpWorld } from '../helpers/world.js';

const PASSWORD = 'pa55-Wörd-never-shown-7c1e';
const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--email', 'ana@example.org'];
const NOTE = ['--note', '¿Cómo no preocuparse? «Nunca más», dijo la niña de Piñas.'];

const pool = serverPool();
afterEach(() => pool.closeAll());
const server = (options: SmtpOptions = {}) => pool.start(options);

const states = (captured: Captured) => journalOutcomes(journalPath(captured)).map((entry) => [entry.target, entry.state]);

const send901 = (...more: string[]) => ['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--send', '--yes', ...more];

/** Real sessions, but a message to `address` goes only once its connection has broken: what a slow disk does when the server drops early. */
function heldUntilDropped(mailer: World['mailer'], address: string): World['mailer'] {
  return (settings, t) => {
    const open = mailer(settings, t);
    return async () => {
      const session = await open();
      const broken = async () => {
        while (session.usable) await new Promise((resolve) => setTimeout(resolve, 10));
      };
      return {
        get usable() {
          return session.usable;
        },
        get smtpUtf8() {
          return session.smtpUtf8;
        },
        probe: () => session.probe(),
        close: () => session.close(),
        send: (raw, envelope, onTransfer) =>
          session.send(raw, envelope, envelope.to.includes(address) ? () => Promise.all([onTransfer(), broken()]).then(() => undefined) : onTransfer),
      };
    };
  };
}

describe('sending to a real SMTP server', () => {
  it('delivers one message per target to exactly its addresses, in UTF-8, with Reply-To and a stable Message-ID', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp);
    const result = await run(['compose', '105.22', '--lang', 'es', ...SENDER, ...NOTE, '--send', '--yes', '--after-deadline'], captured);
    expect(result.code).toBe(0);
    expect(smtp.delivered.map((m) => m.to)).toEqual([['dboluarte@presidencia.gob.pe'], ['digitaldiplomacy@embassyofperu.us']]);
    const first = await simpleParser(smtp.delivered[0]?.raw ?? '');
    expect(first.subject).toBe('Acción Urgente 105.22: poner fin al uso ilegítimo de la fuerza contra manifestantes en el Perú');
    expect(first.text).toMatch(/^Señora Presidenta:\n\nMi nombre es Ana Pérez/);
    expect(first.text).toContain('¿Cómo no preocuparse? «Nunca más», dijo la niña de Piñas.');
    expect(first.replyTo?.text).toBe('"Ana Pérez" <ana@example.org>');
    expect(first.from?.text).toBe('"Ana Pérez" <ana@example.org>');
    expect(first.to && !Array.isArray(first.to) ? first.to.value.map((v) => v.address) : []).toEqual(['dboluarte@presidencia.gob.pe']);
    for (const { raw } of smtp.delivered) {
      expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
      expect(Math.max(...raw.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(78);
    }
    expect(result.stderr).toContain('2 of 2 letters sent');

    const again = smtpWorld(smtp);
    await run(['compose', '105.22', '--lang', 'es', ...SENDER, ...NOTE, '--send', '--yes', '--after-deadline', '--resend'], again);
    const rerun = await simpleParser(smtp.delivered[2]?.raw ?? '');
    expect(rerun.messageId).toBe(first.messageId);
    expect(first.messageId).toMatch(/^<ua\.105\.22\.boluarte\.[0-9a-f]{24}@example\.org>$/);
  });

  it('logs in over STARTTLS with the certificate verified, and never shows the password', async () => {
    const smtp = await server({ starttls: true, auth: { user: 'ana', pass: PASSWORD } });
    const captured = smtpWorld(smtp, { url: `smtp://ana@localhost:${0}`.replace(':0', ':') + smtp.port, env: { UA_SMTP_PASSWORD: PASSWORD } });
    const result = await run(send901('--json'), captured);
    expect(result.code).toBe(0);
    expect(smtp.delivered).toHaveLength(4);
    expect(JSON.parse(result.stdout).map((r: { outcome: string }) => r.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(`${result.stdout}${result.stderr}${journalText(journalPath(captured))}`).not.toContain(PASSWORD);
    expect(result.stderr).toContain('Gobernador Sin Correo has no email address in UA 901.26: write by post.');
  });

  it('refuses a certificate it cannot verify', async () => {
    const smtp = await server({ starttls: true });
    const captured = smtpWorld({ port: smtp.port }, { url: `smtp://localhost:${smtp.port}`, mail: { requireTLS: true } });
    const result = await run(send901(), captured);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ua: stopped: the server's TLS certificate is not trusted .*NODE_EXTRA_CA_CERTS/);
    expect(smtp.delivered).toHaveLength(0);
  });

  it('sends over implicit TLS (smtps://)', async () => {
    const smtp = await server({ secure: true });
    const result = await run(send901(), smtpWorld(smtp, { url: `smtps://localhost:${smtp.port}` }));
    expect(result.code).toBe(0);
    expect(smtp.delivered).toHaveLength(4);
  });
});

describe('each outcome, told truthfully and journaled', () => {
  it('a wrong password stops at once: "check your SMTP user and password", exit 1', async () => {
    const smtp = await server({ auth: { user: 'ana', pass: 'right' } });
    const captured = smtpWorld(smtp, { url: `smtp://ana@127.0.0.1:${smtp.port}`, env: { UA_SMTP_PASSWORD: PASSWORD } });
    const result = await run(send901(), captured);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ua: stopped: the server refused the login: check your SMTP user and password');
    expect(smtp.connections).toBe(1);
    expect(states(captured).map(([, state]) => state)).toEqual(['deferred', 'deferred', 'deferred', 'deferred']);
    expect(`${result.stdout}${result.stderr}${journalText(journalPath(captured))}`).not.toContain(PASSWORD);
  });

  it('451 on RCPT: deferred, exit 3; a rerun sends only that one', async () => {
    let refuse = true;
    const smtp = await server({ rcpt: (address) => (refuse && address === 'fiscal@fiscalia.example' ? 451 : undefined) });
    const captured = smtpWorld(smtp);
    const first = await run(send901(), captured);
    expect(first.code).toBe(3);
    expect(states(captured)).toEqual([
      ['minister', 'sent'],
      ['president', 'sent'],
      ['prosecutor', 'deferred'],
      ['ombudsman', 'sent'],
    ]);
    refuse = false;
    const second = await run(send901(), smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(second.code).toBe(0);
    expect(smtp.delivered.map((m) => m.to[0])).toEqual([
      'ministra@justicia.example',
      'presidente@gobierno.example',
      'defensora@defensoria.example',
      'fiscal@fiscalia.example',
    ]);
    expect(second.stderr).toMatch(/minister .*already sent/);
  });

  it('ua report tells what the journal holds: per UA, channel and language, and as CSV', async () => {
    const smtp = await server({ rcpt: (address) => (address === 'fiscal@fiscalia.example' ? 550 : undefined) });
    const captured = smtpWorld(smtp);
    await run(send901(), captured);
    const text = await run(['report'], smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('UA 901.26: 3 sent, 0 prepared, 1 failed, 0 in doubt');
    expect(text.stdout).toContain('email/es   3 sent, 1 failed');
    expect(text.stdout).toContain(
      'Urgent Action 901.26: I sent 3 emails (in Spanish) to Ministra Ñúñez, Presidente Peña and Defensora Muñoz, on 28 November 2026.',
    );
    const csv = await run(['report', '901.26', '--csv'], smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(csv.stdout.split('\r\n')[0]).toBe('\ufeffua,target,name,channel,lang,state,to,sent_to,at,signer,pack,reply');
    expect(csv.stdout).toContain('901.26,prosecutor,Fiscal Ibáñez,email,es,refused,fiscal@fiscalia.example,,');
    const none = await run(['report', '105.22'], smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('Nothing recorded for UA 105.22 in');
    const noneJson = await run(['report', '105.22', '--json'], smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(JSON.parse(noneJson.stdout)).toEqual([]);
  });

  it('550 for one of two addresses: partly sent; 550 for all: refused', async () => {
    const smtp = await server({ rcpt: (address) => (address === 'despacho@justicia.example' || address === 'presidente@gobierno.example' ? 550 : undefined) });
    const captured = smtpWorld(smtp);
    const result = await run(send901('--json'), captured);
    expect(result.code).toBe(3);
    const rows = JSON.parse(result.stdout);
    expect(rows[0]).toMatchObject({
      target: 'minister',
      outcome: 'partly sent',
      addresses: [
        { address: 'ministra@justicia.example', state: 'sent' },
        { address: 'despacho@justicia.example', state: 'refused' },
      ],
    });
    expect(rows[1]).toMatchObject({ target: 'president', outcome: 'refused' });
    expect(states(captured).slice(0, 2)).toEqual([
      ['minister', 'partly sent'],
      ['president', 'refused'],
    ]);
  });

  it('552 at the end of DATA: refused', async () => {
    const smtp = await server({ data: (_, index) => (index === 0 ? 552 : undefined) });
    const captured = smtpWorld(smtp);
    const result = await run(send901(), captured);
    expect(result.code).toBe(3);
    expect(states(captured)[0]).toEqual(['minister', 'refused']);
    expect(smtp.delivered).toHaveLength(3);
  });

  it('connection refused: deferred, nothing sent, exit 1', async () => {
    const port = await closedPort();
    const captured = smtpWorld({ port });
    const result = await run(send901(), captured);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ua: stopped: the server refused the connection: check the host and port of --smtp');
    expect(states(captured).map(([, s]) => s)).toEqual(['deferred', 'deferred', 'deferred', 'deferred']);
  });

  it('a server that never greets: deferred after the timeout, exit 1', async () => {
    const silent = await startSilentServer();
    pool.track(silent);
    const captured = smtpWorld(silent, { env: { UA_SMTP_TIMEOUT: '1' } });
    const result = await run(send901(), captured);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ua: stopped: .*(greeting|timeout)/i);
    expect(states(captured).map(([, s]) => s)).toEqual(['deferred', 'deferred', 'deferred', 'deferred']);
  });

  it.each([
    [
      'greets with 421 (busy)',
      '421 4.7.0 too many connections\r\n',
      '',
      'ua: stopped: the server turned the connection away: 421 4.7.0 too many connections\n',
    ],
    ['answers EHLO and HELO with nonsense', '220 hello\r\n', 'hello there\r\n', 'ua: stopped: the server sent an unexpected reply: hello there\n'],
  ])('a server that %s: one line in ua’s words with its reply once, deferred, exit 1', async (_, greeting, reply, line) => {
    const odd = await startOddServer(greeting, reply);
    pool.track(odd);
    const captured = smtpWorld(odd);
    const result = await run(send901(), captured);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(line);
    expect(result.stderr).not.toMatch(/Invalid|response=/);
    expect(states(captured).map(([, s]) => s)).toEqual(['deferred', 'deferred', 'deferred', 'deferred']);
  });

  it('a connection dropped after DATA: unknown, never retried without --resend', async () => {
    const smtp = await server({ data: (_, index) => (index === 1 ? 'drop' : undefined) });
    const captured = smtpWorld(smtp);
    const first = await run(send901(), captured);
    expect(first.code).toBe(3);
    expect(states(captured)[1]).toEqual(['president', 'unknown']);
    expect(smtp.delivered.map((m) => m.to[0])).toEqual(['ministra@justicia.example', 'fiscal@fiscalia.example', 'defensora@defensoria.example']);

    const again = await run(send901(), smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/president .*unknown .*--resend/);
    expect(smtp.delivered).toHaveLength(3);

    const resend = await run(send901('--resend', '--target', 'president'), smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(resend.code).toBe(0);
    expect(smtp.delivered.at(-1)?.to).toEqual(['presidente@gobierno.example']);
  });
});

describe('a connection that ends before the message does', () => {
  it('dropped mid-DATA, before the final dot: deferred, never unknown, and a rerun sends it', async () => {
    const smtp = await server({ dataStart: (index) => (index === 1 ? 'drop' : undefined) });
    const captured = smtpWorld(smtp);
    // As on a slow disk: the president's message waits for its "transferring" entry, and the drop comes first.
    captured.world = { ...captured.world, mailer: heldUntilDropped(captured.world.mailer, 'presidente@gobierno.example') };
    const first = await run(send901(), captured);
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/president .*deferred .*before the end of the message: the server did not take it; a rerun sends it/);
    expect(first.stderr).not.toMatch(/unknown/);
    expect(states(captured)[1]).toEqual(['president', 'deferred']);
    expect(smtp.delivered.map((m) => m.to[0])).toEqual(['ministra@justicia.example', 'fiscal@fiscalia.example', 'defensora@defensoria.example']);

    const again = await run(send901(), smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(again.code).toBe(0);
    expect(smtp.delivered).toHaveLength(4);
    expect(smtp.delivered.at(-1)?.to).toEqual(['presidente@gobierno.example']);
  });
});

describe('safety', () => {
  it('the same command twice delivers each letter once', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp);
    expect((await run(send901(), captured)).code).toBe(0);
    const second = await run(send901(), smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('4 of 4 letters sent (4 before this run)');
    expect(second.stderr.match(/already sent/g)).toHaveLength(4);
    expect(smtp.delivered).toHaveLength(4);
  });

  it('--dry-run prints the complete messages and opens no connection', async () => {
    const smtp = await server();
    const result = await run(['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--send', '--dry-run'], smtpWorld(smtp));
    expect(result.code).toBe(0);
    expect(smtp.connections).toBe(0);
    // Readable as a person reads an email: headers decoded, the body as it will arrive.
    expect(result.stdout).toContain('To: Ministra Ñúñez <ministra@justicia.example>, Ministra Ñúñez <despacho@justicia.example>\n');
    expect(result.stdout).toContain('Subject: Acción Urgente 901.26: liberen a los manifestantes\n');
    expect(result.stdout).toContain('\n\nSeñora Ministra:\n');
    expect(result.stdout).not.toMatch(/=C3|=\?UTF-8\?/);
    expect(result.stderr).toContain('Dry run: 4 messages shown, nothing sent, no connection opened.');
  });

  it('without a terminal and without --yes nothing is sent, exit 2', async () => {
    const smtp = await server();
    const result = await run(['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--send'], smtpWorld(smtp));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ua: sending needs a confirmation: add --yes to send 4 emails without a terminal');
    expect(smtp.connections).toBe(0);
  });

  it('at a terminal: a summary, then the question; "no" sends nothing', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp);
    const prompter = scriptedPrompter([
      [/about yourself/, ''],
      [/Send these 4 emails/, false],
    ]);
    captured.world = {
      ...captured.world,
      stdin: Object.assign(captured.world.stdin, { isTTY: true }),
      stderr: Object.assign(captured.world.stderr, { isTTY: true }),
      prompter: async () => prompter,
    };
    const result = await run(['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--note', 'x', '--lang', 'es', '--target', 'all', '--send'], captured);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('About to send 4 emails from ana@example.org via 127.0.0.1:');
    expect(result.stderr).toContain(
      '1. Ministra Ñúñez <ministra@justicia.example>, Ministra Ñúñez <despacho@justicia.example>  [es] "Acción Urgente 901.26: liberen a los manifestantes"',
    );
    expect(smtp.connections).toBe(0);
  });

  it('after the deadline: no send without --after-deadline, exit 2, no connection', async () => {
    const smtp = await server();
    const result = await run(['compose', '105.22', ...SENDER, '--send', '--yes'], smtpWorld(smtp));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ua: the deadline of UA 105.22 passed on 7 March 2023; nothing was sent');
    expect(smtp.connections).toBe(0);
  });

  it('--test-to sends everything to one address, naming the real recipients first', async () => {
    const smtp = await server();
    const result = await run(send901('--test-to', 'me@example.org', '--target', 'minister'), smtpWorld(smtp));
    expect(result.code).toBe(0);
    expect(smtp.delivered.map((m) => m.to)).toEqual([['me@example.org']]);
    const parsed = await simpleParser(smtp.delivered[0]?.raw ?? '');
    expect(parsed.text?.split('\n')[0]).toBe(
      '[Rehearsal: a real send goes to Ministra Ñúñez <ministra@justicia.example>, Ministra Ñúñez <despacho@justicia.example>]',
    );
  });

  it.each([
    [['--from', 'Ana <ana@example.org>'], '--from "Ana <ana@example.org>": not an email address'],
    [['--test-to', 'a@x.org, b@y.org'], 'refused: --test-to "a@x.org, b@y.org": one email address only (this holds several)'],
    [['--smtp', 'smtp://ana:secret@127.0.0.1:25'], 'ua: --smtp holds a password; it was not used'],
  ])('refuses what would change who receives a letter: %j', async (flags, message) => {
    const smtp = await server();
    const result = await run(send901(...flags), smtpWorld(smtp));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('secret');
    expect(smtp.connections).toBe(0);
  });

  it('a damaged last journal line is reported, never fatal', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp);
    expect((await run(send901('--target', 'minister'), captured)).code).toBe(0);
    appendFileSync(journalPath(captured), '{"at":"2026-11-28T10:00:00.000Z","ua":"901.26","key":"ab');
    const again = await run(send901(), smtpWorld(smtp, { journal: journalPath(captured) }));
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/journal\.jsonl:\d+: not JSON \(an interrupted write\?\); the line was skipped/);
    expect(smtp.delivered).toHaveLength(4);
    const lines = journalText(journalPath(captured)).split('\n');
    expect(lines.filter((line) => line.startsWith('{"at"') && !line.endsWith('}'))).toHaveLength(1);
  });
});
