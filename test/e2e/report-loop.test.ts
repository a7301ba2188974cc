import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOVECOT_MISSING, hasDovecot, startDovecot } from '../helpers/dovecot.js';
import { FIXTURES } from '../helpers/paths.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempHome, ua, uaAsync } from '../helpers/spawn.js';
import { intoMaildir, mbox } from '../helpers/submissions.js';

// Issue 23's loop, end to end, every part real: volunteers act and report with `ua report
// --submit` through the SMTP test server; the section's mailbox receives what the server got;
// the coordinator's `ua tally` reads it over IMAP (Dovecot), as an mbox export and as a Maildir.

const SECTION = 'informes@seccion.example';
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function volunteer(name: string, server: TestSmtp) {
  const { dir, env } = tempHome();
  folders.push(dir, env.XDG_CACHE_HOME as string);
  const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${server.port}`, UA_FROM: `mailbox${folders.length}@provider.example` };
  const run = async (args: string[]) => uaAsync(['--actions-dir', FIXTURES, ...args], { cwd: dir, env: sendEnv }).done;
  return {
    async act(target: string) {
      const sender = ['--name', name, '--city', 'Leeds', '--country', 'Reino Unido', '--email', `${name.split(' ')[0]?.toLowerCase()}@example.org`];
      const result = await run(['compose', '901.26', ...sender, '--target', target, '--send', '--yes']);
      expect(result.code, result.stderr).toBe(0);
    },
    async submit() {
      const result = await run(['report', '901.26', '--submit', '--to', SECTION]);
      expect(result.code, result.stderr).toBe(0);
    },
  };
}

describe('the count reaches the campaign: ua report --submit, then ua tally', () => {
  it('three volunteers submit, one twice with new actions between; the tally counts each action once, over IMAP, mbox and Maildir', async () => {
    const smtp = await startSmtp();
    try {
      const [ana, ben, chloe] = [volunteer('Ana Pérez', smtp), volunteer('Benoît Durand', smtp), volunteer('Chloë Okafor', smtp)];
      await ana?.act('minister');
      await ben?.act('minister');
      await chloe?.act('minister');
      await chloe?.act('prosecutor');
      for (const who of [ana, ben, chloe]) await who?.submit();
      // Ben acts again and submits again: only the new letter goes, and the tally adds it once.
      await ben?.act('prosecutor');
      await ben?.submit();
      await ben?.submit();
      const section = smtp.delivered.filter((message) => message.to.includes(SECTION)).map((message) => message.raw);
      expect(section).toHaveLength(4);
      // The same message twice in the mailbox (a forward, two copies of an export) counts once.
      const mailbox = [...section, section[3] as string];

      const work = mkdtempSync(join(tmpdir(), 'ua-report-loop-'));
      folders.push(work);
      const maildir = join(work, 'Maildir');
      for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
      intoMaildir(maildir, mailbox);
      writeFileSync(join(work, 'export.mbox'), mbox(mailbox));
      const coordinator = tempHome();
      folders.push(coordinator.dir, coordinator.env.XDG_CACHE_HOME as string);
      const totals = (source: string, env: NodeJS.ProcessEnv = {}) => {
        const result = ua(['tally', source, '--json'], { env: { ...coordinator.env, ...env } });
        expect(result.code, result.stderr).toBe(0);
        return JSON.parse(result.stdout);
      };
      const expected = {
        rows: [{ ua: '901.26', channel: 'email', outcome: 'sent', count: 5 }],
        uas: [{ ua: '901.26', count: 5, volunteers: 3 }],
        volunteers: 3,
        submissions: 4,
        duplicates: 1,
      };
      expect(totals(maildir)).toMatchObject(expected);
      expect(totals(join(work, 'export.mbox'))).toMatchObject(expected);
      if (!hasDovecot) return void console.warn(`report loop over IMAP skipped: ${DOVECOT_MISSING}`);
      const imap = await startDovecot();
      try {
        imap.deliver(mailbox);
        const over = totals(`imaps://${imap.user}@127.0.0.1:${imap.port}/INBOX`, { NODE_EXTRA_CA_CERTS: imap.ca, UA_IMAP_PASSWORD: imap.password });
        expect(over).toMatchObject(expected);
      } finally {
        await imap.stop();
      }
    } finally {
      await smtp.close();
    }
  }, 300_000);
});
