import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { journalOutcomes, journalPath } from '../helpers/journal.js';
import { pdfText } from '../helpers/pdf.js';
import { type SmtpOptions, serverPool } from '../helpers/smtp.js';
import { type Captured, run, smtpWorld } from '../helpers/world.js';

const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'United Kingdom', '--email', 'ana@example.org'];
const FAX = ['compose', '105.22', ...SENDER, '--format', 'fax', '--send', '--yes', '--after-deadline'];
const GATEWAY = { UA_FAX_GATEWAY: '{number}@fax.example.net' };
/** Monday 7 December 2026, 10:40 in Washington. */
const MONDAY_MORNING = new Date('2026-12-07T15:40:00Z');
/** Sunday 6 December 2026, 23:00 in Washington. */
const SUNDAY_NIGHT = new Date('2026-12-07T04:00:00Z');

const pool = serverPool();
afterEach(() => pool.closeAll());

function faxWorld(server: { port: number }, at: Date, rerunOf?: Captured): Captured {
  const captured = smtpWorld(server, { env: GATEWAY, rerunOf });
  captured.world = { ...captured.world, now: () => at };
  return captured;
}

const faxStates = (captured: Captured) => journalOutcomes(journalPath(captured)).map((entry) => [entry.channel, entry.state, entry.to.join()]);

describe('compose --format fax --send: through the email-to-fax gateway', () => {
  it('sends the fax PDF as an attachment to {number}@gateway, once; a second run sends nothing', async () => {
    const server = await pool.start();
    const captured = faxWorld(server, MONDAY_MORNING);
    const result = await run(FAX, captured);
    expect(result.stderr).toContain('Dina Ercilia Boluarte Zegarra has no fax number that can be dialled');
    expect(result.code).toBe(0);
    expect(server.delivered.map((message) => message.to)).toEqual([['12026598124@fax.example.net']]);
    const message = await simpleParser(server.delivered[0]?.raw ?? '');
    // The letter's subject, in the letter's language (the UA's title is English only).
    expect(message.subject).toBe('Acción Urgente 105.22: poner fin al uso ilegítimo de la fuerza contra manifestantes en el Perú');
    expect(message.text).toContain('Fax para el +1 202 659 8124: Acción Urgente 105.22');
    const [attachment] = message.attachments;
    expect(attachment?.contentType).toBe('application/pdf');
    expect(attachment?.filename).toBe('105.22-rivero-es.pdf');
    const file = join(captured.world.cwd, 'received.pdf');
    writeFileSync(file, attachment?.content ?? '');
    const cover = pdfText(file, { first: 1, last: 1 }).replace(/\s+/g, ' ');
    expect(cover).toContain('Número de fax +1 202 659 8124');
    expect(cover).toContain('7 de diciembre de 2026');
    expect(pdfText(file, { first: 2, last: 2 })).toContain('Excelentísimo Señor Embajador:');
    // Python's strict parser finds nothing wrong with the message.
    const raw = join(captured.world.cwd, 'fax.eml');
    writeFileSync(raw, server.delivered[0]?.raw ?? '');
    const strict = execFileSync(
      'python3',
      [
        '-c',
        'import email,email.policy,sys; m=email.message_from_bytes(open(sys.argv[1],"rb").read(), policy=email.policy.strict); print(len(m.defects)+sum(len(p.defects) for p in m.walk())); print([p.get_content_type() for p in m.walk()])',
        raw,
      ],
      { encoding: 'utf8' },
    ).split('\n');
    expect(strict[0]).toBe('0');
    expect(strict[1]).toBe("['multipart/mixed', 'text/plain', 'application/pdf']");
    expect(faxStates(captured)).toEqual([['fax', 'sent', '12026598124@fax.example.net']]);
    expect(journalOutcomes(journalPath(captured))[0]?.key).toMatch(/:fax$/);

    const again = await run(FAX, faxWorld(server, MONDAY_MORNING, captured));
    expect(again.code).toBe(0);
    expect(server.delivered).toHaveLength(1);
  });

  it('not at 23:00 on a Sunday in Washington: says when it can go, exit 3, nothing sent; --now sends', async () => {
    const server = await pool.start();
    const captured = faxWorld(server, SUNDAY_NIGHT);
    const night = await run(FAX, captured);
    expect(night.code).toBe(3);
    expect(night.stderr).toContain('Oswaldo de Rivero: it is 23:00 there (America/New_York); a fax goes only between 08:00 and 20:00 their time.');
    expect(night.stderr).toContain('It can go from 08:00 their time (');
    expect(night.stderr).toContain('1 fax was held back: run the same command again later to send it.');
    expect(server.dataStarted).toBe(0);
    const now = await run([...FAX, '--now'], faxWorld(server, SUNDAY_NIGHT, captured));
    expect(now.code).toBe(0);
    expect(server.delivered).toHaveLength(1);
  });

  it('a number the gateway refuses: tried again after 1 h, 2 h …; after ten refusals recorded as failing', async () => {
    const server = await pool.start({ rcpt: () => 550 } satisfies SmtpOptions);
    const first = faxWorld(server, MONDAY_MORNING);
    expect((await run(FAX, first)).code).toBe(1);
    // Half an hour on: held back, nothing tried.
    const soon = await run(FAX, faxWorld(server, new Date(MONDAY_MORNING.getTime() + 1_800_000), first));
    expect(soon.code).toBe(3);
    expect(soon.stderr).toContain('Oswaldo de Rivero: the gateway refused the fax once; the next try is after');
    expect(server.commands.filter((line) => line.startsWith('RCPT'))).toHaveLength(1);
    // Each later try after the gap; the clock moves on a day each time (within 08:00-20:00 there).
    let tries = 1;
    for (let day = 1; tries < 10; day++, tries++) {
      const later = await run(FAX, faxWorld(server, new Date(MONDAY_MORNING.getTime() + day * 86_400_000), first));
      expect(later.code).toBe(1);
    }
    expect(server.commands.filter((line) => line.startsWith('RCPT'))).toHaveLength(10);
    const after = await run(FAX, faxWorld(server, new Date(MONDAY_MORNING.getTime() + 20 * 86_400_000), first));
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('the gateway refused the fax 10 times; the number is recorded as failing');
    expect(faxStates(first).at(-1)).toEqual(['fax', 'failing', '12026598124@fax.example.net']);
    expect(server.commands.filter((line) => line.startsWith('RCPT'))).toHaveLength(10);
    // --resend tries it again.
    await run([...FAX, '--resend'], faxWorld(server, new Date(MONDAY_MORNING.getTime() + 20 * 86_400_000), first));
    expect(server.commands.filter((line) => line.startsWith('RCPT'))).toHaveLength(11);
  });

  it('needs a gateway, read from the config file and checked there', async () => {
    const server = await pool.start();
    const none = smtpWorld(server);
    none.world = { ...none.world, now: () => MONDAY_MORNING };
    const missing = await run(FAX, none);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ua: no fax gateway is set (fax.gateway in');
    const configured = smtpWorld(server);
    configured.world = { ...configured.world, now: () => MONDAY_MORNING };
    const folder = join(configured.world.env.XDG_CONFIG_HOME as string, 'ua');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'config.yaml'), 'fax:\n  gateway: "fax-{+number}@gw.example.org"\n');
    expect((await run(FAX, configured)).code).toBe(0);
    expect(server.delivered.map((message) => message.to)).toEqual([['fax-+12026598124@gw.example.org']]);
    writeFileSync(join(folder, 'config.yaml'), 'fax:\n  gateway: "{number}@{number}.example.org"\n');
    const bad = await run(FAX, smtpWorld(server, { rerunOf: configured }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('fax.gateway: the fax gateway must hold {number} (or {+number}) once');
  });
});
