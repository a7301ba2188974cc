import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { homeJournalPath, journalOutcomes } from '../helpers/journal.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { writeSignups } from '../helpers/signups.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempHome, ua } from '../helpers/spawn.js';

describe('ua compose in a real terminal', () => {
  let terminal: Terminal | undefined;
  let smtp: TestSmtp | undefined;
  afterEach(async () => {
    terminal?.kill();
    await smtp?.close();
    smtp = undefined;
  });

  it('asks, previews, saves the letters it would print without a terminal, and remembers the sender', async () => {
    const { dir, env } = tempHome();
    terminal = new Terminal(['compose', '105.22'], { cwd: dir, env });
    await terminal.answer(/Language of the letter/); // Español, preferred, is first
    await terminal.answer(/Write to/); // both targets are ticked
    await terminal.answer(/Your name/, 'Ana Pérez');
    await terminal.answer(/Your city/, 'Leeds');
    await terminal.answer(/Your country/, 'Reino Unido');
    await terminal.answer(/about yourself/);
    await terminal.answer(/personal paragraph/);
    await terminal.waitFor(/What would you like to do/);
    terminal.type(KEY.down);
    await terminal.answer(/❯ Save them to a file/);
    await terminal.answer(/Save to/, ''); // the suggested name
    await terminal.answer(/Also call/); // the UA's embassy has a phone: not now
    await terminal.answer(/Remember your details/);
    expect(await terminal.exited).toBe(0);

    const saved = readFileSync(join(dir, '105.22-es.txt'), 'utf8');
    const scripted = ua(['compose', '105.22', '--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'], { cwd: dir, env });
    expect(saved).toBe(scripted.stdout);
    expect(readFileSync(join(dir, 'config', 'ua', 'config.yaml'), 'utf8')).toContain('name: Ana Pérez');
  });

  it('Ctrl-C at a question: "Cancelled — nothing was sent.", exit 130, nothing left behind', async () => {
    const { dir, env } = tempHome();
    terminal = new Terminal(['compose', '105.22', '--out', 'letters/'], { cwd: dir, env });
    await terminal.answer(/Language of the letter/);
    await terminal.waitFor(/Write to/);
    terminal.type(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    expect(terminal.screen).toContain('Cancelled — nothing was sent.');
    expect(readdirSync(dir)).toEqual([]);
  });

  // A batch that prints runs in a worker thread (io/worker-run.ts): the bar still knows it is on
  // a terminal, and Ctrl-C still reaches the run that has a staging folder to remove.
  it('ua batch at a terminal: the progress bar, then Ctrl-C part-way leaves nothing and exits 130', async () => {
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 20_000 });
    terminal = new Terminal(['batch', '105.22', '--signers', 'signups.csv', '--format', 'text', '--out', 'letters/'], { cwd: dir, env });
    await terminal.waitFor(/\[#+\.*\] \d+\/40000/);
    terminal.type(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    expect(terminal.screen).toContain('Cancelled — nothing was written.');
    expect(readdirSync(dir)).toEqual(['signups.csv']);
  });

  it('ua batch --send --rate at a terminal: Ctrl-C ends the wait at once, the bar stops and says how many were sent', async () => {
    smtp = await startSmtp();
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 10 });
    // At 1 an hour the first letter goes at once and the second would wait an hour.
    const send = ['batch', '105.22', '--signers', 'signups.csv', '--send', '--yes', '--after-deadline', '--from', 'org@example.org', '--rate', '1/h'];
    terminal = new Terminal(send, { cwd: dir, env: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
    await terminal.waitFor(/\[#+\.*\] 1\/20/);
    terminal.type(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    const [, after = ''] = terminal.screen.split('Stopping: 1 of 20 letters sent so far;');
    expect(after).toContain('Interrupted: 1 of 20 letters sent; run the same command again to send the rest.');
    expect(after).not.toMatch(/\[#*\.*\] \d+\/20/);
    expect(smtp.delivered).toHaveLength(1);
    expect(journalOutcomes(homeJournalPath(dir)).filter((entry) => entry.state === 'sent')).toHaveLength(1);
  });
});
