import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
      expect.objectContaining({ to: ['ana@correo.españa.es'], outcome: 'sent', addresses: { 'ana@correo.españa.es': 'sent' } }),
    ]);

    // The UA now spells the address in A-labels, and so does the signer: the same letter, already sent.
    const second = await send('pepe@correo.xn--espaa-rta.es', ['ana@correo.xn--espaa-rta.es']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual([expect.objectContaining({ outcome: 'already sent' })]);
    expect(smtp.delivered).toHaveLength(1);

    const journal = readFileSync(join(dir, 'state', 'ua', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"to":["ana@correo.españa.es"]');
    const report = await uaAsync(['report', '--json'], { cwd: dir, env }).done;
    expect(report.stdout).toContain('"ana@correo.españa.es"');
  });
});
