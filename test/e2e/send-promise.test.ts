import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LetterIndex } from '../../src/core/journal-entries.js';
import { homeJournalPath, journalEntries } from '../helpers/journal.js';
import { FIXTURES } from '../helpers/paths.js';
import { writeSignups } from '../helpers/signups.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { BIN, racingRuns, tempHome, ua, uaAsync } from '../helpers/spawn.js';
import { canMountTmpfs, withTmpfs } from '../helpers/tmpfs.js';

// The promise "each letter once, none lost", kept by processes on ordinary days: two runs at
// once, kills at random moments, a reader that goes away, a disk that fills up. Each case is
// repeated with random timings; every letter is counted at a real SMTP server.
const BATCH = ['batch', '105.22', '--signers', 'signups.csv', '--send', '--yes', '--after-deadline', '--from', 'letters@example.org'];

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

/** Each message the server accepted, as "signer → official": the letter's identity. */
const letters = (server: TestSmtp) => server.delivered.flatMap((m) => m.to.map((to) => `${/signer\d+@example\.org/.exec(m.raw)?.[0]} → ${to}`));
const duplicates = (list: string[]) => list.filter((item, i) => list.indexOf(item) !== i);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh home with a sheet of `rows` signers, its runs sending through `server`, whose count of deliveries starts again. */
function trialHome(server: TestSmtp, rows: number): { dir: string; sendEnv: NodeJS.ProcessEnv } {
  const { dir, env } = tempHome();
  writeSignups(dir, { rows });
  server.delivered.length = 0;
  return { dir, sendEnv: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${server.port}` } };
}

/** What a bash command line wrote to its stdout, once it has ended. */
function shellOutput(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  let stdout = '';
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], options);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('close', () => resolve(stdout));
  });
}

/**
 * Each letter the journal knows, as "signer → official", and where it stands there. A signer
 * "Name N" of the sheet is signerN-1@example.org (helpers/signups.ts).
 */
function journalStates(dir: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const record of LetterIndex.of(journalEntries(homeJournalPath(dir))).records.values()) {
    const signer = `signer${Number(/ (\d+)$/.exec(record.sender)?.[1]) - 1}@example.org`;
    for (const [address, state] of record.addresses) states.set(`${signer} → ${address}`, state);
  }
  return states;
}

const times = (list: string[], item: string) => list.filter((other) => other === item).length;

describe.each([2, 3])('%i runs at once on one journal', (runs) => {
  it('20 times, started a random moment apart: every letter exactly once, none in doubt; the others wait or exit 2', async () => {
    smtp = await startSmtp({ answerDelay: 5 });
    for (let trial = 0; trial < 20; trial++) {
      const { dir, sendEnv } = trialHome(smtp, 10);
      const wait = trial % 2 === 0 ? ['--wait', '30'] : [];
      const results = await racingRuns([...BATCH, ...wait], runs, { cwd: dir, env: sendEnv });
      const codes = results.map((r) => r.code);
      expect(
        codes.every((code) => code === 0 || code === 2),
        `trial ${trial}: ${results.map((r) => r.stderr).join('\n')}`,
      ).toBe(true);
      expect(codes).toContain(0);
      for (const refused of results.filter((r) => r.code === 2)) expect(refused.stderr).toMatch(/another ua \(pid \d+\) is using the journal/);
      const arrived = letters(smtp);
      expect(duplicates(arrived), `trial ${trial}`).toEqual([]);
      expect(arrived, `trial ${trial}`).toHaveLength(20);
      const report = JSON.parse(ua(['report', '105.22', '--json'], { cwd: dir, env: sendEnv }).stdout)[0];
      expect(report.totals, `trial ${trial}`).toMatchObject({ sent: 20, in_doubt: 0 });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('killed at a random moment', () => {
  // A kill can honestly leave a letter "unknown": its "transferring" was on disk (it must be, before
  // the message's end goes) and the run died before the server's answer was recorded. Whether it
  // arrived depends on whether the kill came before or after the final dot; neither way twice.
  it('SIGKILL during a 50-letter send, then a rerun, 20 times: each letter once when known, unknown only if on its way', async () => {
    smtp = await startSmtp({ answerDelay: 15 });
    for (let trial = 0; trial < 20; trial++) {
      const { dir, sendEnv } = trialHome(smtp, 25);
      const first = uaAsync(BATCH, { cwd: dir, env: sendEnv });
      await sleep(300 + Math.random() * 600);
      first.child.kill('SIGKILL');
      await first.done;
      const rerun = await uaAsync(BATCH, { cwd: dir, env: sendEnv }).done;
      expect([0, 3], `trial ${trial}: ${rerun.stderr}`).toContain(rerun.code);
      const arrived = letters(smtp);
      expect(duplicates(arrived), `trial ${trial}`).toEqual([]);
      const states = journalStates(dir);
      expect(states.size, `trial ${trial}`).toBe(50);
      const known = [...states].filter(([, state]) => state !== 'unknown').map(([letter]) => letter);
      const inDoubt = [...states].filter(([, state]) => state === 'unknown').map(([letter]) => letter);
      // Every letter the journal calls sent is at the server exactly once; nothing else is known.
      expect(
        known.filter((letter) => states.get(letter) !== 'sent' || times(arrived, letter) !== 1),
        `trial ${trial}`,
      ).toEqual([]);
      // In doubt: only letters on their way when the kill came (two per connection at most: one
      // waiting for the server's answer, the next going after it), each at the server once or not at all.
      expect(inDoubt.length, `trial ${trial}`).toBeLessThanOrEqual(10);
      expect(inDoubt.filter((letter) => times(arrived, letter) > 1)).toEqual([]);
      expect(
        arrived.filter((letter) => !states.has(letter)),
        `trial ${trial}: at the server, unknown to the journal`,
      ).toEqual([]);
      const report = JSON.parse(ua(['report', '105.22', '--json'], { cwd: dir, env: sendEnv }).stdout)[0];
      expect(report.totals, `trial ${trial}`).toMatchObject({ sent: known.length, in_doubt: inDoubt.length });
      expect(rerun.code, `trial ${trial}`).toBe(inDoubt.length > 0 ? 3 : 0);
      if (rerun.code === 3) expect(rerun.stderr).toMatch(/unknown/);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a reader that goes away', () => {
  it('ua compose --send 2>&1 | head -1: every letter is sent and the exit code is what it would have been', async () => {
    smtp = await startSmtp({ answerDelay: 100 });
    const { dir, env } = tempHome();
    const args = ['--actions-dir', FIXTURES, 'compose', '901.26', '--name', 'Ana', '--city', 'Leeds', '--country', 'UK', '--email', 'signer1@example.org'];
    const command = `set -o pipefail; "${process.execPath}" "${BIN}" ${[...args, '--send', '--yes'].map((a) => `'${a}'`).join(' ')} 2>&1 | head -1; echo "exit=\${PIPESTATUS[0]}"`;
    const stdout = await shellOutput(command, { cwd: dir, env: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp?.port}` } });
    // head kept one line; ua went on writing into the closed pipe, sending, and ended well.
    expect(stdout).toBe('Note: Gobernador Sin Correo has no email address in UA 901.26: write by post.\nexit=0\n');
    expect(smtp.delivered).toHaveLength(4);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ua batch --send 2>&1 | head -1: every letter is sent, failed.csv written, exit code kept', async () => {
    smtp = await startSmtp({ rcpt: (address) => (address === 'digitaldiplomacy@embassyofperu.us' ? 550 : undefined) });
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 30 });
    const command = `"${process.execPath}" "${BIN}" ${BATCH.map((a) => `'${a}'`).join(' ')} 2>&1 | head -1; echo "exit=\${PIPESTATUS[0]}"`;
    const stdout = await shellOutput(command, { cwd: dir, env: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp?.port}` } });
    expect(stdout).toMatch(/^30 of 60 letters sent \(30 sent, 30 refused\)\nexit=3\n$/);
    expect(smtp.delivered).toHaveLength(30);
    expect(readFileSync(join(dir, 'failed.csv'), 'utf8').trim().split('\r\n')).toHaveLength(31);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('rehearsing', () => {
  it('compose --send --dry-run with no SMTP settings at all: exit 0, readable bodies, nothing opened', () => {
    const { dir, env } = tempHome();
    writeFileSync(join(dir, 'me.yaml'), 'name: Ana Pérez\ncity: Leeds\ncountry: Reino Unido\nemail: ana@example.org\nlang: es\n');
    const result = ua(['compose', '105.22', '--answers', 'me.yaml', '--send', '--dry-run'], { cwd: dir, env });
    expect(result.stderr).toContain('Dry run: 2 messages shown, nothing sent, no connection opened.');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\nSeñora Presidenta:\n');
    expect(result.stdout).toContain('Subject: Acción Urgente 105.22');
    rmSync(dir, { recursive: true, force: true });
  });

  it('batch --send --dry-run needs no --smtp either', () => {
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 2 });
    const result = ua(['batch', '105.22', '--signers', 'signups.csv', '--send', '--dry-run', '--from', 'org@example.org'], { cwd: dir, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Dry run: 4 messages shown');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.skipIf(!canMountTmpfs)('a disk that fills up (needs root for a 200 kB tmpfs)', () => {
  it('too full for the lock itself: one plain line, exit 1, no lock left behind', async () => {
    const { dir, env } = tempHome();
    const disk = join(dir, 'disk');
    await withTmpfs(disk, '100k', async () => {
      const { bavail, bsize } = statfsSync(disk);
      writeFileSync(join(disk, 'filler'), Buffer.alloc(bavail * bsize));
      const result = ua(
        ['compose', '105.22', '--name', 'Ana', '--city', 'Leeds', '--country', 'UK', '--email', 'ana@example.org', '--send', '--yes', '--after-deadline'],
        {
          cwd: dir,
          env: { ...env, UA_SMTP_URL: 'smtp://127.0.0.1:9', UA_JOURNAL: join(disk, 'journal.jsonl') },
        },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^ua: cannot lock the journal .*: the disk is full \(ENOSPC\)$/m);
      expect(result.stderr).not.toMatch(/bug/);
      expect(readdirSync(disk)).toEqual(['filler']);
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('the journal fills its disk during a 40-letter send; space is freed; a rerun sends what is left, exit 0, 20 times', async () => {
    const server = await startSmtp();
    smtp = server;
    for (let trial = 0; trial < 20; trial++) {
      const { dir, env } = tempHome();
      writeSignups(dir, { rows: 20 });
      const disk = join(dir, 'disk');
      await withTmpfs(disk, '200k', async () => {
        // Leave room for none to about 40 entries (4 to 32 kB, the lock taking 4): the journal runs out somewhere in the send.
        const free = statfsSync(disk).bavail * statfsSync(disk).bsize;
        writeFileSync(join(disk, 'filler'), Buffer.alloc(free - 4096 * (1 + (trial % 8))));
        const journal = join(disk, 'journal.jsonl');
        const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${server.port}`, UA_JOURNAL: journal };
        server.delivered.length = 0;
        const full = await uaAsync(BATCH, { cwd: dir, env: sendEnv }).done;
        expect([0, 1], `trial ${trial}: ${full.stderr}`).toContain(full.code);
        if (full.code === 1) expect(full.stderr).toMatch(/cannot (write|open|lock) the journal .*the disk is full \(ENOSPC\)/);
        expect(full.stderr).not.toMatch(/bug/i);
        // Nothing is left in doubt: every line whole, no letter unknown, and the room kept for that is given back.
        expect(full.stderr, `trial ${trial}`).not.toMatch(/unknown/);
        expect(readdirSync(disk).sort(), `trial ${trial}`).toEqual(existsSync(journal) ? ['filler', 'journal.jsonl'] : ['filler']);
        rmSync(join(disk, 'filler'));
        const rerun = await uaAsync(BATCH, { cwd: dir, env: sendEnv }).done;
        expect(rerun.code, `trial ${trial}: ${full.stderr}\n${rerun.stderr}`).toBe(0);
        const arrived = letters(server);
        expect(duplicates(arrived), `trial ${trial}`).toEqual([]);
        expect(arrived, `trial ${trial}`).toHaveLength(40);
        const report = JSON.parse(ua(['report', '105.22', '--json'], { cwd: dir, env: sendEnv }).stdout)[0];
        expect(report.totals, `trial ${trial}`).toMatchObject({ sent: 40, in_doubt: 0 });
        // The journal says so too: every line whole, and every letter that started has its outcome after it.
        const lines = readFileSync(journal, 'utf8').split('\n').slice(0, -1);
        expect(
          lines.filter((line) => !/^\{.*\}$/.test(line)),
          `trial ${trial}`,
        ).toEqual([]);
        const open = new Set<string>();
        for (const { key, state } of lines.map((line) => JSON.parse(line) as { key: string; state: string })) {
          if (state === 'transferring') open.add(key);
          else open.delete(key);
        }
        expect(open.size, `trial ${trial}: letters left on their way`).toBe(0);
      });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
