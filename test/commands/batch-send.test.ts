import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { journalOutcomes, journalPath } from '../helpers/journal.js';
import { writeSignups } from '../helpers/signups.js';
import { type SmtpOptions, serverPool } from '../helpers/smtp.js';
import { run, scriptedPrompter, smtpWorld } from '../helpers/world.js';

const pool = serverPool();
afterEach(() => pool.closeAll());
const server = (options: SmtpOptions = {}) => pool.start(options);

/** Batches send from the organiser's address. */
const ORGANISER = { UA_FROM: 'letters@amnesty-leeds.example' };
const SEND = ['batch', '105.22', '--signers', 'signups.csv', '--send', '--yes', '--after-deadline'];

/** Ctrl-C as the process would deliver it: the returned function calls the handler the run has registered, if any. */
function ctrlC(captured: ReturnType<typeof smtpWorld>): () => void {
  let registered: (() => void) | undefined;
  captured.world.onInterrupt = (handler) => {
    registered = handler;
    return () => {
      registered = undefined;
    };
  };
  return () => registered?.();
}

describe('ua batch --send', () => {
  it('sends every letter once, from the organiser, in the signer’s name, replies to the signer', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp, { env: ORGANISER });
    writeSignups(captured.world.cwd, { rows: 6, withEmail: (i) => i !== 4 });
    const result = await run(SEND, captured);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('2 letters have no signer email (or are unsigned copies)');
    expect(result.stderr).toContain('10 of 10 letters sent');
    expect(smtp.delivered).toHaveLength(10);
    const first = await simpleParser(smtp.delivered.find((m) => m.raw.includes('signer1@example.org'))?.raw ?? '');
    expect(first.from?.value[0]).toEqual({ name: 'Łukasz Wróbel 2', address: 'letters@amnesty-leeds.example' });
    expect(first.replyTo?.value[0]?.address).toBe('signer1@example.org');
    expect(smtp.delivered.every((m) => m.from === 'letters@amnesty-leeds.example')).toBe(true);

    const again = await run(SEND, smtpWorld(smtp, { rerunOf: captured, env: ORGANISER }));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('10 letters were sent before (or are of unknown outcome): not sent again.');
    expect(smtp.delivered).toHaveLength(10);
  });

  it('refused recipients: the summary, failed.csv and the journal agree; failed.csv can be fed back', async () => {
    let refuse = true;
    const smtp = await server({ rcpt: (address) => (refuse && address === 'digitaldiplomacy@embassyofperu.us' ? 550 : undefined) });
    const captured = smtpWorld(smtp, { env: ORGANISER });
    writeSignups(captured.world.cwd, { rows: 3 });
    const result = await run(SEND, captured);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('3 of 6 letters sent (3 sent, 3 refused)');
    const failed = readFileSync(join(captured.world.cwd, 'failed.csv'), 'utf8').trim().split('\r\n');
    expect(failed[0]).toBe('name,city,country,email,address,about,note,lang,targets,outcome,reason');
    expect(failed.slice(1).map((line) => line.split(',').slice(0, 1).concat(line.split(',').slice(7, 10)))).toEqual([
      ['Ana Pérez 1', 'es', 'rivero', 'refused'],
      ['Łukasz Wróbel 2', 'en', 'rivero', 'refused'],
      ['Zoë Müller 3', 'es', 'rivero', 'refused'],
    ]);
    for (const line of failed.slice(1)) expect(result.stderr).toContain(`refused  ${line.split(',')[0]} → rivero <digitaldiplomacy@embassyofperu.us>`);
    const states = journalOutcomes(journalPath(captured)).map((entry) => [entry.sender, entry.target, entry.state]);
    expect(states.filter(([, , state]) => state === 'refused')).toHaveLength(3);
    expect(states.filter(([, , state]) => state === 'sent')).toHaveLength(3);

    refuse = false;
    const retry = await run([...SEND.slice(0, 3), 'failed.csv', ...SEND.slice(4)], smtpWorld(smtp, { rerunOf: captured, env: ORGANISER }));
    expect(retry.code).toBe(0);
    expect(smtp.delivered.map((m) => m.to[0]).sort()).toEqual([
      ...Array(3).fill('dboluarte@presidencia.gob.pe'),
      ...Array(3).fill('digitaldiplomacy@embassyofperu.us'),
    ]);
  });

  it('a rerun that sends everything left removes failed.csv; a file of that name ua did not write stays', async () => {
    let refuse = true;
    const smtp = await server({ rcpt: (address) => (refuse && address === 'digitaldiplomacy@embassyofperu.us' ? 550 : undefined) });
    const captured = smtpWorld(smtp, { env: ORGANISER });
    writeSignups(captured.world.cwd, { rows: 2 });
    const failed = join(captured.world.cwd, 'failed.csv');
    expect((await run(SEND, captured)).code).toBe(3);
    expect(readFileSync(failed, 'utf8')).toContain('Ana Pérez 1');

    refuse = false;
    const rerun = await run(SEND, smtpWorld(smtp, { rerunOf: captured, env: ORGANISER }));
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('4 of 4 letters sent (2 sent, 2 already sent)');
    expect(existsSync(failed)).toBe(false);
    expect(rerun.stderr).toContain(`Nothing is left to retry: the earlier ${failed} is removed.`);

    writeFileSync(failed, 'my own notes\n');
    const nothingLeft = await run(SEND, smtpWorld(smtp, { rerunOf: captured, env: ORGANISER }));
    expect(nothingLeft.code).toBe(0);
    expect(readFileSync(failed, 'utf8')).toBe('my own notes\n');
  });

  it('the sheet saved again while the summary waits for a yes: the letters checked and confirmed are the ones sent', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp, { env: ORGANISER });
    const { world } = captured;
    writeSignups(world.cwd, { rows: 3 });
    Object.assign(world.stdin, { isTTY: true });
    Object.assign(world.stderr, { isTTY: true });
    const prompter = scriptedPrompter([[/Send these 6 emails\?/, true]]);
    world.prompter = async () => {
      // Saved from a spreadsheet meanwhile: more signers, one of them with a broken address.
      writeSignups(world.cwd, { rows: 8, bad: [5] });
      return prompter;
    };
    const result = await run(
      SEND.filter((arg) => arg !== '--yes'),
      captured,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('About to send 6 emails');
    expect(smtp.delivered.map((m) => /signer\d+@/.exec(m.raw)?.[0]).sort()).toEqual(['signer0@', 'signer0@', 'signer1@', 'signer1@', 'signer2@', 'signer2@']);
    expect(journalOutcomes(journalPath(captured)).filter((entry) => entry.state === 'sent')).toHaveLength(6);
  });

  it('--rate 10/s: 50 letters take at least 4 seconds', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp, { env: ORGANISER });
    writeSignups(captured.world.cwd, { rows: 25 });
    const started = Date.now();
    const result = await run([...SEND, '--rate', '10/s'], captured);
    const seconds = (Date.now() - started) / 1000;
    expect(result.code).toBe(0);
    expect(smtp.delivered).toHaveLength(50);
    expect(seconds).toBeGreaterThanOrEqual(4);
  });

  it('Ctrl-C: no new letter starts, those in flight finish and are recorded, exit 130; a rerun sends the rest', async () => {
    let interrupt: (() => void) | undefined;
    const smtp = await server({
      rcpt: (_, index) => {
        if (index === 3) interrupt?.();
        return undefined;
      },
    });
    const captured = smtpWorld(smtp, { env: ORGANISER });
    interrupt = ctrlC(captured);
    writeSignups(captured.world.cwd, { rows: 10 });
    const result = await run([...SEND, '--connections', '2'], captured);
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/Interrupted: \d+ of 20 letters sent; run the same command again to send the rest\./);
    const sentFirst = smtp.delivered.length;
    expect(sentFirst).toBeGreaterThanOrEqual(4);
    expect(sentFirst).toBeLessThan(20);
    expect(journalOutcomes(journalPath(captured)).filter((entry) => entry.state === 'sent')).toHaveLength(sentFirst);

    const rest = await run(SEND, smtpWorld(smtp, { rerunOf: captured, env: ORGANISER }));
    expect(rest.code).toBe(0);
    expect(smtp.delivered).toHaveLength(20);
    expect(new Set(smtp.delivered.map((m) => `${m.to[0]} ${/signer\d+/.exec(m.raw)?.[0]}`)).size).toBe(20);
  });

  it('Ctrl-C once the last letters are on their way: they finish, exit 130, and nothing is said to be left to send', async () => {
    let interrupt: (() => void) | undefined;
    const smtp = await server({ rcpt: (_, index) => (index === 19 ? void interrupt?.() : undefined) });
    const captured = smtpWorld(smtp, { env: ORGANISER });
    interrupt = ctrlC(captured);
    writeSignups(captured.world.cwd, { rows: 10 });
    const result = await run([...SEND, '--connections', '2'], captured);
    expect(result.code).toBe(130);
    expect(smtp.delivered).toHaveLength(20);
    expect(result.stderr).toContain('Interrupted, but every letter had already gone: all 20 are sent, nothing is left to send.');
    expect(result.stderr).not.toContain('send the rest');
  });

  it('Ctrl-C while --rate waits: the wait ends at once, the letter in flight is journaled, the bar stops where it was', async () => {
    let interrupt: (() => void) | undefined;
    // At 1 an hour the first letter goes at once and the next would wait an hour: Ctrl-C comes
    // while the first is on its way.
    const smtp = await server({ rcpt: (_, index) => (index === 0 ? void interrupt?.() : undefined) });
    const captured = smtpWorld(smtp, { env: ORGANISER });
    Object.assign(captured.world.stderr, { isTTY: true });
    interrupt = ctrlC(captured);
    writeSignups(captured.world.cwd, { rows: 10 });
    const result = await run([...SEND, '--rate', '1/h'], captured);
    expect(result.code).toBe(130);
    expect(smtp.delivered).toHaveLength(1);
    expect(journalOutcomes(journalPath(captured)).filter((entry) => entry.state === 'sent')).toHaveLength(1);
    const [before = '', after = ''] = result.stderr.split('Stopping: 0 of 20 letters sent so far;');
    expect(before).toContain('Sending [');
    // The letters that never started are not progress: the bar is not drawn again.
    expect(after).not.toContain('Sending [');
    expect(after).toContain('Interrupted: 1 of 20 letters sent; run the same command again to send the rest.');
  });

  it('needs the organiser’s address, and --yes without a terminal', async () => {
    const smtp = await server();
    const captured = smtpWorld(smtp, { env: ORGANISER });
    writeSignups(captured.world.cwd, { rows: 1 });
    captured.world = { ...captured.world, env: { ...captured.world.env, UA_FROM: undefined } };
    expect((await run(SEND, captured)).stderr).toContain('missing --from');
    const noYes = await run(
      ['batch', '105.22', '--signers', 'signups.csv', '--send', '--from', 'o@x.org', '--after-deadline'],
      smtpWorld(smtp, { env: ORGANISER }),
    );
    expect(noYes.code).toBe(2);
    expect(smtp.connections).toBe(0);
  });
});
