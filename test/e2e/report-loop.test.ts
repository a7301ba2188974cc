import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOVECOT_MISSING, hasDovecot, startDovecot } from '../helpers/dovecot.js';
import { FIXTURES } from '../helpers/paths.js';
import { writeSignups } from '../helpers/signups.js';
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
        rows: [{ ua: '901.26', channel: 'email', outcome: 'sent', count: 5, kind: 'action' }],
        uas: [{ ua: '901.26', count: 5, attempts: 0, answers: 0, volunteers: 3, evenings: 0 }],
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

  it("an organiser's evening (letters sent, then walk-ins printed) counts as one evening; a call not answered, then answered, as one action", async () => {
    const smtp = await startSmtp();
    try {
      // The organiser: UA 901.26 names the section's report address, so --submit needs no --to.
      const organiser = tempHome();
      folders.push(organiser.dir, organiser.env.XDG_CACHE_HOME as string);
      const actions = join(organiser.dir, 'actions');
      mkdirSync(actions);
      writeFileSync(join(actions, '901.26.yaml'), `${readFileSync(join(FIXTURES, '901.26.yaml'), 'utf8')}\nreport:\n  email: ${SECTION}\n`);
      writeSignups(organiser.dir, { rows: 4, languages: ['es', 'en'], targets: () => 'minister,president' });
      const evening = {
        ...organiser.env,
        UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        UA_FROM: 'letters@amnesty-leeds.example',
        UA_NOW: '2026-12-07T18:30:00Z',
      };
      const batch = async (args: string[], now = evening.UA_NOW) =>
        uaAsync(['--actions-dir', actions, 'batch', '901.26', ...args, '--submit'], { cwd: organiser.dir, env: { ...evening, UA_NOW: now } }).done;
      const sent = await batch(['--signers', 'signups.csv', '--send', '--yes']);
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stderr).toMatch(/UA 901\.26: submission 1 sent to informes@seccion\.example \(8 actions\)/);
      // Later that evening, unsigned copies for walk-ins, printed (in a worker thread): the same evening.
      const printed = await batch(['--copies', '3', '--lang', 'es', '--target', 'minister', '--out', 'walk-ins'], '2026-12-07T21:00:00Z');
      expect(printed.code, printed.stderr).toBe(0);
      expect(printed.stderr).toMatch(/UA 901\.26: submission 2 sent to informes@seccion\.example \(3 actions\)/);

      // A volunteer calls for UA 105.22: no answer, reported; called again, answered, reported.
      const { dir, env } = tempHome();
      folders.push(dir, env.XDG_CACHE_HOME as string);
      const callEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, UA_FROM: 'dina@provider.example', TZ: 'Europe/London' };
      const call = async (outcome: string, now: string) => {
        const args = ['call', '105.22', '--target', 'rivero', '--outcome', outcome, '--name', 'Dina Rojas', '--city', 'Leeds'];
        expect((await uaAsync(args, { cwd: dir, env: { ...callEnv, UA_NOW: now } }).done).code).toBe(0);
        const submitted = await uaAsync(['report', '105.22', '--submit', '--to', SECTION], { cwd: dir, env: { ...callEnv, UA_NOW: now } }).done;
        expect(submitted.code, submitted.stderr).toBe(0);
      };
      await call('no-answer', '2026-12-07T15:40:00Z');
      await call('spoke', '2026-12-08T15:40:00Z');

      const section = smtp.delivered.filter((message) => message.to.includes(SECTION)).map((message) => message.raw);
      expect(section).toHaveLength(4);
      const work = mkdtempSync(join(tmpdir(), 'ua-report-evening-'));
      folders.push(work);
      writeFileSync(join(work, 'export.mbox'), mbox(section));
      const coordinator = tempHome();
      folders.push(coordinator.dir, coordinator.env.XDG_CACHE_HOME as string);
      const json = ua(['tally', join(work, 'export.mbox'), '--json'], { env: coordinator.env });
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout).uas).toEqual([
        { ua: '105.22', count: 1, attempts: 1, answers: 0, volunteers: 1, evenings: 0 },
        { ua: '901.26', count: 11, attempts: 0, answers: 0, volunteers: 1, evenings: 1 },
      ]);
      const text = ua(['tally', join(work, 'export.mbox')], { env: coordinator.env });
      expect(text.stdout).toContain(
        'UA 105.22: 1 action, reported by 1 volunteer\n  call: 1 answered\n  Attempts, not counted as actions:\n    call: 1 no answer\n',
      );
      expect(text.stdout).toContain('UA 901.26: 11 actions, reported by 1 volunteer and 1 letter-writing evening\n  email: 8 sent\n  post: 3 prepared\n');
      const csv = ua(['tally', join(work, 'export.mbox'), '--csv'], { env: coordinator.env });
      expect(
        csv.stdout
          .replace(/^\ufeff/, '')
          .split(/\r?\n/)
          .slice(0, 3),
      ).toEqual(['ua,channel,outcome,count,kind', '105.22,call,no-answer,1,attempt', '105.22,call,spoke,1,action']);
    } finally {
      await smtp.close();
    }
  }, 300_000);
});
