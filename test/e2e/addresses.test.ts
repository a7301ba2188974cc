import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { homeJournalPath, journalEntries, journalText } from '../helpers/journal.js';
import { serverPool } from '../helpers/smtp.js';
import { tempHome, uaAsync } from '../helpers/spawn.js';

// Internationalised addresses, sent by the CLI as a process to a local smtp-server.

const servers = serverPool();
afterEach(() => servers.closeAll());

const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'];

/** A one-target UA whose target has these addresses, in the home's own actions folder. */
function writeUa(dir: string, emails: string[]): string {
  const actions = join(dir, 'actions');
  mkdirSync(actions, { recursive: true });
  const text = `id: "903.26"
title: Test case for addresses
country: Testland
deadline: 2099-12-31
languages: { preferred: es }
targets:
  - id: minister
    name: Ministra Ñúñez
    salutation: { es: "Señora Ministra:" }
    email: [${emails.join(', ')}]
letters:
  es:
    subject: "Acción Urgente 903.26"
    body: |
      Le pido que los ponga en libertad de inmediato.
`;
  writeFileSync(join(actions, '903.26.yaml'), text);
  return actions;
}

describe('internationalised domains', () => {
  it('ana@correo.españa.es reaches the server as ana@correo.xn--espaa-rta.es, is shown as written, and a rerun in A-labels is the same letter', async () => {
    const smtp = await servers.start();
    const { dir, env } = tempHome();
    const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    const send = (email: string, targets: string[]) =>
      uaAsync(['--actions-dir', writeUa(dir, targets), 'compose', '903.26', ...SENDER, '--email', email, '--send', '--yes', '--json'], {
        cwd: dir,
        env: sendEnv,
      }).done;

    const first = await send('pepe@correo.españa.es', ['ana@correo.españa.es']);
    expect(first.stderr).toContain('ana@correo.españa.es');
    expect(first.code).toBe(0);
    expect(smtp.commands).toEqual(['MAIL FROM:<pepe@correo.xn--espaa-rta.es>', 'RCPT TO:<ana@correo.xn--espaa-rta.es>']);
    const raw = smtp.delivered[0]?.raw ?? '';
    expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).toMatch(/^To: .*\r?\n? *<ana@correo\.xn--espaa-rta\.es>/m);
    expect(JSON.parse(first.stdout)).toEqual([
      expect.objectContaining({ to: ['ana@correo.españa.es'], outcome: 'sent', addresses: [{ address: 'ana@correo.españa.es', state: 'sent' }] }),
    ]);

    // The UA now spells the address in A-labels, and so does the signer: the same letter, already sent.
    const second = await send('pepe@correo.xn--espaa-rta.es', ['ana@correo.xn--espaa-rta.es']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual([expect.objectContaining({ outcome: 'already sent' })]);
    expect(smtp.delivered).toHaveLength(1);

    const journal = journalText(homeJournalPath(dir));
    expect(journal).toContain('"to":["ana@correo.españa.es"]');
    const report = await uaAsync(['report', '--json'], { cwd: dir, env }).done;
    expect(report.stdout).toContain('"ana@correo.españa.es"');
  });
});

describe('a UTF-8 local part (SMTPUTF8)', () => {
  const send = (dir: string, env: NodeJS.ProcessEnv, port: number) =>
    uaAsync(['--actions-dir', writeUa(dir, ['zoë@example.org']), 'compose', '903.26', ...SENDER, '--email', 'ana@example.org', '--send', '--yes', '--json'], {
      cwd: dir,
      env: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${port}` },
    }).done;

  it('zoë@example.org is delivered by a server that offers SMTPUTF8, asked for on MAIL FROM, the header in UTF-8', async () => {
    const smtp = await servers.start();
    const { dir, env } = tempHome();
    const run = await send(dir, env, smtp.port);
    expect(run.code).toBe(0);
    expect(smtp.commands).toEqual(['MAIL FROM:<ana@example.org> SMTPUTF8', 'RCPT TO:<zoë@example.org>']);
    expect(smtp.delivered).toEqual([expect.objectContaining({ to: ['zoë@example.org'], smtpUtf8: true })]);
    const raw = smtp.delivered[0]?.raw ?? '';
    expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).toMatch(/^To: .*\r?\n? *<zoë@example\.org>$/m);
  });

  it('is refused, with the reason, by a server that does not: nothing goes out, the journal says why, a rerun tries again', async () => {
    const smtp = await servers.start({ smtpUtf8: false });
    const { dir, env } = tempHome();
    const run = await send(dir, env, smtp.port);
    expect(run.code).toBe(1);
    const reason = 'the server cannot carry zoë@example.org: it does not offer SMTPUTF8, which accented or non-Latin letters before the @ need';
    expect(run.stderr).toMatch(/minister +zoë@example\.org +refused +the server cannot carry zoë@example\.org/);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ outcome: 'refused', addresses: [{ address: 'zoë@example.org', state: 'refused' }], reason }),
    ]);
    expect(smtp.commands).toEqual([]);
    expect(smtp.delivered).toEqual([]);
    const journal = journalEntries(homeJournalPath(dir));
    expect(journal).toEqual([expect.objectContaining({ state: 'refused', to: ['zoë@example.org'], reason })]);
    // A refusal is not "sent": the next run, through a server that offers SMTPUTF8, delivers it.
    const better = await servers.start();
    expect((await send(dir, env, better.port)).code).toBe(0);
    expect(better.delivered).toHaveLength(1);
  });

  it('a signer whose own address needs SMTPUTF8 (Reply-To) is listed in failed.csv with the reason; the others go', async () => {
    const smtp = await servers.start({ smtpUtf8: false });
    const { dir, env } = tempHome();
    const actions = writeUa(dir, ['ministra@justicia.example']);
    const sheet = ['Name;City;Country;Email;Language', 'Zoë Müller;Leeds;Reino Unido;zoë@example.org;es', 'Ana Pérez;Leeds;Reino Unido;ana@example.org;es'];
    writeFileSync(join(dir, 'signups.csv'), `${sheet.join('\r\n')}\r\n`);
    const batch = ['--actions-dir', actions, 'batch', '903.26', '--signers', 'signups.csv', '--send', '--yes', '--from', 'letters@example.org', '--json'];
    const run = await uaAsync(batch, { cwd: dir, env: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } }).done;
    expect(run.code).toBe(3);
    expect(smtp.delivered).toHaveLength(1);
    expect(run.stderr).toContain('Zoë Müller → minister <ministra@justicia.example>: the server cannot carry zoë@example.org');
    expect(JSON.parse(run.stdout)).toContainEqual(
      expect.objectContaining({ signer: 'Zoë Müller', outcome: 'refused', reason: expect.stringContaining('SMTPUTF8') }),
    );
    const failed = join(dir, 'failed.csv');
    expect(existsSync(failed)).toBe(true);
    const rows = readFileSync(failed, 'utf8').trim().split(/\r?\n/);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^Zoë Müller,Leeds,Reino Unido,zoë@example\.org,.*,refused,"?the server cannot carry zoë@example\.org: it does not offer SMTPUTF8/);
  });
});
