import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath } from '../helpers/journal.js';
import { FIXTURES } from '../helpers/paths.js';
import { writeSignups } from '../helpers/signups.js';
import { closedPort, deliveredTo, type SmtpOptions, serverPool, startTrickleServer } from '../helpers/smtp.js';
import { run, smtpWorld } from '../helpers/world.js';

// Sending on ordinary days: partial refusals finished by a rerun, UA updates, renamed signers,
// providers that close idle connections, servers that trickle. Each against a real server.
const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--email', 'ana@example.org'];
const MINISTER = ['ministra@justicia.example', 'despacho@justicia.example'] as const;

const pool = serverPool();
const temporary: string[] = [];
afterEach(async () => {
  await pool.closeAll();
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const server = (options: SmtpOptions = {}) => pool.start(options);

const compose901 = (...more: string[]) => ['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--send', '--yes', ...more];

describe('a letter owed to several addresses', () => {
  it('451 on one of two addresses: partly sent (exit 3); a rerun after it clears sends only there; the report shows both', async () => {
    let busy = true;
    const smtp = await server({ rcpt: (address) => (busy && address === MINISTER[1] ? 451 : undefined) });
    const first = smtpWorld(smtp);
    const result = await run(compose901('--target', 'minister'), first);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/minister .*partly sent/);
    expect(deliveredTo(smtp)).toEqual([MINISTER[0]]);

    busy = false;
    const rerun = await run(compose901('--target', 'minister'), smtpWorld(smtp, { journal: journalPath(first) }));
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('1 of 1 letter sent');
    expect(deliveredTo(smtp)).toEqual([...MINISTER].sort());
    expect(smtp.delivered.at(-1)?.to).toEqual([MINISTER[1]]);

    const again = await run(compose901('--target', 'minister'), smtpWorld(smtp, { journal: journalPath(first) }));
    expect(again.code).toBe(0);
    expect(smtp.delivered).toHaveLength(2);

    const report = await run(['report', '901.26', '--json'], smtpWorld(smtp, { journal: journalPath(first) }));
    const [letter] = JSON.parse(report.stdout)[0].letters;
    expect(letter).toMatchObject({
      target: 'minister',
      state: 'sent',
      addresses: [
        { address: MINISTER[0], state: 'sent' },
        { address: MINISTER[1], state: 'sent' },
      ],
    });
  });

  it('a UA update that adds an address sends only to the new one; a letter signed with another name is another letter', async () => {
    const smtp = await server();
    const dir = mkdtempSync(join(tmpdir(), 'ua-actions-'));
    temporary.push(dir);
    const original = readFileSync(join(FIXTURES, '901.26.yaml'), 'utf8');
    writeFileSync(join(dir, '901.26.yaml'), original);
    const send = (...more: string[]) => ['--actions-dir', dir, 'compose', '901.26', ...SENDER, '--send', '--yes', '--target', 'president', ...more];
    const first = smtpWorld(smtp);
    expect((await run(send(), first)).code).toBe(0);
    expect(deliveredTo(smtp)).toEqual(['presidente@gobierno.example']);

    writeFileSync(
      join(dir, '901.26.yaml'),
      original.replace('email: [presidente@gobierno.example]', 'email: [presidente@gobierno.example, gabinete@gobierno.example]'),
    );
    const update = await run(send(), smtpWorld(smtp, { journal: journalPath(first) }));
    expect(update.code).toBe(0);
    expect(smtp.delivered.at(-1)?.to).toEqual(['gabinete@gobierno.example']);
    expect(smtp.delivered).toHaveLength(2);

    // The signer is who the letter says: the name and the email (two people may share an address).
    const renamed = await run([...send(), '--name', 'Ana M. Pérez'], smtpWorld(smtp, { journal: journalPath(first) }));
    expect(renamed.code).toBe(0);
    expect(smtp.delivered).toHaveLength(3);
    const again = await run([...send(), '--name', ' ana m. PÉREZ '], smtpWorld(smtp, { journal: journalPath(first) }));
    expect(again.stderr).toMatch(/president .*already sent/);
    expect(smtp.delivered).toHaveLength(3);
  });
});

describe('--resend that fails', () => {
  it('to a server that cannot be reached: the delivered letters stay delivered, and a plain rerun sends nothing', async () => {
    const smtp = await server();
    const first = smtpWorld(smtp);
    expect((await run(compose901(), first)).code).toBe(0);
    expect(smtp.delivered).toHaveLength(4);
    const closed = await closedPort();
    const resend = await run(compose901('--resend'), smtpWorld({ port: closed }, { journal: journalPath(first) }));
    expect(resend.code).toBe(1);
    const report = await run(['report', '901.26', '--json'], smtpWorld(smtp, { journal: journalPath(first) }));
    expect(JSON.parse(report.stdout)[0].totals).toMatchObject({ sent: 4, failed: 0 });
    const rerun = await run(compose901(), smtpWorld(smtp, { journal: journalPath(first) }));
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('4 of 4 letters sent (4 before this run)');
    expect(smtp.delivered).toHaveLength(4);
  });
});

describe('the same letter twice in one run', () => {
  it('a sheet with the same signer twice for one target: exit 2 naming both lines; with --skip-invalid, one letter', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp);
    const sheet = ['name,city,country,email,lang,targets', 'Ana Pérez,Leeds,UK,ana@example.org,es,boluarte', 'Ana Pérez,Leeds,UK,ANA@example.org,en,boluarte'];
    writeFileSync(join(captured.world.cwd, 'signups.csv'), `${sheet.join('\n')}\n`);
    const batch = ['batch', '105.22', '--signers', 'signups.csv', '--send', '--yes', '--after-deadline', '--from', 'org@example.org'];
    const refused = await run(batch, captured);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('signups.csv:3: email: the same signer as signups.csv:2 (same name and email) writing to boluarte again');
    expect(smtp.connections).toBe(0);

    const kept = await run([...batch, '--skip-invalid'], smtpWorld(smtp, { rerunOf: captured }));
    expect(kept.code).toBe(0);
    expect(smtp.delivered).toHaveLength(1);
    expect(smtp.delivered[0]?.raw).toContain('Se=C3=B1ora Presidenta:');
  });
});

describe('connections that go away', () => {
  it('a server that closes connections idle for 2 s, --rate 20/min, one connection: every letter sent', async () => {
    const smtp = await server({ socketTimeout: 2000 });
    const captured = smtpWorld(smtp);
    writeSignups(captured.world.cwd, { rows: 3 });
    const result = await run(
      [
        'batch',
        '105.22',
        '--signers',
        'signups.csv',
        '--send',
        '--yes',
        '--after-deadline',
        '--from',
        'org@example.org',
        '--rate',
        '20/min',
        '--connections',
        '1',
      ],
      captured,
    );
    expect(result.stderr).toContain('6 of 6 letters sent');
    expect(result.code).toBe(0);
    expect(smtp.delivered).toHaveLength(6);
    expect(smtp.connections).toBeGreaterThan(1);
  });

  it.each([
    ['during EHLO', 'deferred', 'ehlo', 1],
    ['after the message', 'unknown', 'data', 3],
  ] as const)('a server that trickles one byte a second %s: each step’s deadline ends the run, the letters %s', async (_, state, at, code) => {
    const trickle = await startTrickleServer(at);
    pool.track(trickle);
    const captured = smtpWorld(trickle, { env: { UA_SMTP_TIMEOUT: '3' } });
    const result = await run(compose901('--target', 'president', 'prosecutor', '--json'), captured);
    expect(result.code).toBe(code);
    expect(JSON.parse(result.stdout).map((row: { outcome: string }) => row.outcome)).toEqual([state, state]);
    // The journal holds the same truth, so a rerun neither loses nor repeats a letter.
    const rerun = await run(
      compose901('--target', 'president', 'prosecutor'),
      smtpWorld(trickle, { journal: journalPath(captured), env: { UA_SMTP_TIMEOUT: '3' } }),
    );
    if (state === 'unknown') expect(rerun.stderr).toMatch(/president .*unknown .*--resend/);
  });
});
