import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LetterIndex } from '../../src/core/journal-entries.js';
import { homeJournalPath, journalEntries } from '../helpers/journal.js';
import { writeSignups } from '../helpers/signups.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { racingRuns, tempHome, ua, uaAsync } from '../helpers/spawn.js';

// The promise of test/e2e/send-promise.test.ts and send.test.ts — each letter once, none lost —
// kept for faxes sent through an email-to-fax gateway: two or three runs at once on one journal,
// and a SIGKILL at a random moment followed by a rerun. Every fax is counted at a real SMTP
// server. --now: the clock of these processes is the machine's, and it may be night in Washington.
const FAXES = [
  'batch',
  '105.22',
  '--signers',
  'signups.csv',
  '--format',
  'fax',
  '--send',
  '--now',
  '--yes',
  '--after-deadline',
  '--from',
  'letters@example.org',
];
const GATEWAY = '12026598124@fax.example.net';

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

/** Each fax the server accepted, as "signer → gateway address": the Reply-To names the signer. */
const faxes = (server: TestSmtp) => server.delivered.flatMap((m) => m.to.map((to) => `${/signer\d+@example\.org/.exec(m.raw)?.[0]} → ${to}`));
const duplicates = (list: string[]) => list.filter((item, i) => list.indexOf(item) !== i);
const times = (list: string[], item: string) => list.filter((other) => other === item).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function trialHome(server: TestSmtp, rows: number): { dir: string; sendEnv: NodeJS.ProcessEnv } {
  const { dir, env } = tempHome();
  writeSignups(dir, { rows });
  server.delivered.length = 0;
  return { dir, sendEnv: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${server.port}`, UA_FAX_GATEWAY: '{number}@fax.example.net' } };
}

/** Each fax the journal knows, as "signer → gateway address", and where it stands there. */
function journalStates(dir: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const record of LetterIndex.of(journalEntries(homeJournalPath(dir))).records.values()) {
    expect(record.channel).toBe('fax');
    const signer = `signer${Number(/ (\d+)$/.exec(record.sender)?.[1]) - 1}@example.org`;
    for (const [address, state] of record.addresses) states.set(`${signer} → ${address}`, state);
  }
  return states;
}

describe.each([2, 3])('%i fax runs at once on one journal', (runs) => {
  it('10 times, started a random moment apart: every fax exactly once, none in doubt; the others wait or exit 2', async () => {
    smtp = await startSmtp({ answerDelay: 5 });
    for (let trial = 0; trial < 10; trial++) {
      const { dir, sendEnv } = trialHome(smtp, 8);
      const wait = trial % 2 === 0 ? ['--wait', '60'] : [];
      const results = await racingRuns([...FAXES, ...wait], runs, { cwd: dir, env: sendEnv });
      const codes = results.map((r) => r.code);
      expect(
        codes.every((code) => code === 0 || code === 2),
        `trial ${trial}: ${results.map((r) => r.stderr).join('\n')}`,
      ).toBe(true);
      expect(codes).toContain(0);
      for (const refused of results.filter((r) => r.code === 2)) expect(refused.stderr).toMatch(/another ua \(pid \d+\) is using the journal/);
      const arrived = faxes(smtp);
      expect(duplicates(arrived), `trial ${trial}`).toEqual([]);
      expect(arrived, `trial ${trial}`).toHaveLength(8);
      expect(new Set(smtp.delivered.flatMap((m) => m.to))).toEqual(new Set([GATEWAY]));
      const report = JSON.parse(ua(['report', '105.22', '--json'], { cwd: dir, env: sendEnv }).stdout)[0];
      expect(report.totals, `trial ${trial}`).toMatchObject({ sent: 8, in_doubt: 0 });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a fax run killed at a random moment', () => {
  it('SIGKILL during a 20-fax send, then a rerun, 10 times: each fax once when known, unknown only if on its way', async () => {
    smtp = await startSmtp({ answerDelay: 15 });
    for (let trial = 0; trial < 10; trial++) {
      const { dir, sendEnv } = trialHome(smtp, 20);
      const server = smtp;
      const first = uaAsync(FAXES, { cwd: dir, env: sendEnv });
      // The PDFs are laid out before the first fax goes: the kill comes once sending has begun.
      const deadline = Date.now() + 60_000;
      while (server.dataStarted === 0 && Date.now() < deadline) await sleep(10);
      await sleep(Math.random() * 400);
      first.child.kill('SIGKILL');
      await first.done;
      const rerun = await uaAsync(FAXES, { cwd: dir, env: sendEnv }).done;
      expect([0, 3], `trial ${trial}: ${rerun.stderr}`).toContain(rerun.code);
      const arrived = faxes(server);
      expect(duplicates(arrived), `trial ${trial}`).toEqual([]);
      const states = journalStates(dir);
      expect(states.size, `trial ${trial}`).toBe(20);
      const known = [...states].filter(([, state]) => state !== 'unknown').map(([fax]) => fax);
      const inDoubt = [...states].filter(([, state]) => state === 'unknown').map(([fax]) => fax);
      expect(
        known.filter((fax) => states.get(fax) !== 'sent' || times(arrived, fax) !== 1),
        `trial ${trial}`,
      ).toEqual([]);
      // At most two faxes on their way per connection (batch opens five) when the kill came: one
      // waiting for the server's answer, the next going after it.
      expect(inDoubt.length, `trial ${trial}`).toBeLessThanOrEqual(10);
      expect(inDoubt.filter((fax) => times(arrived, fax) > 1)).toEqual([]);
      expect(
        arrived.filter((fax) => !states.has(fax)),
        `trial ${trial}: at the server, unknown to the journal`,
      ).toEqual([]);
      expect(rerun.code, `trial ${trial}`).toBe(inDoubt.length > 0 ? 3 : 0);
      server.dataStarted = 0;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ua compose --format fax --send, killed', () => {
  const COMPOSE = [
    'compose',
    '105.22',
    '--name',
    'Ana Pérez',
    '--city',
    'Leeds',
    '--country',
    'UK',
    '--email',
    'ana@example.org',
    '--format',
    'fax',
    '--send',
    '--now',
    '--yes',
    '--after-deadline',
  ];
  const waitFor = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 60_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  };

  it('before the fax went (the gateway stalls at RCPT), then run again: it arrives exactly once', async () => {
    let stall = true;
    let stalled = false;
    smtp = await startSmtp({
      rcpt: () => {
        if (!stall) return undefined;
        stalled = true;
        return 'stall';
      },
    });
    const { dir, sendEnv } = trialHome(smtp, 0);
    const first = uaAsync(COMPOSE, { cwd: dir, env: sendEnv });
    await waitFor(() => stalled, 'the fax to be on its way');
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    stall = false;
    const second = await uaAsync(COMPOSE, { cwd: dir, env: sendEnv }).done;
    expect(second.code, second.stderr).toBe(0);
    expect(smtp.delivered.map((m) => m.to)).toEqual([[GATEWAY]]);
    expect((await uaAsync(COMPOSE, { cwd: dir, env: sendEnv }).done).code).toBe(0);
    expect(smtp.delivered).toHaveLength(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('while the gateway holds the whole fax: the outcome is unknown, and it is not sent twice', async () => {
    let holding = false;
    smtp = await startSmtp({
      data: () => {
        holding = true;
        return 'stall';
      },
    });
    const { dir, sendEnv } = trialHome(smtp, 0);
    const first = uaAsync(COMPOSE, { cwd: dir, env: sendEnv });
    await waitFor(() => holding, 'the fax to arrive whole');
    first.child.kill('SIGKILL');
    await first.done;
    const second = await uaAsync(COMPOSE, { cwd: dir, env: sendEnv }).done;
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/unknown/);
    expect(smtp.dataStarted).toBe(1);
    expect([...journalStates(dir).values()]).toEqual(['unknown']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("the recipient's night, as a process (UA_NOW)", () => {
  it('Sunday 23:00 in Washington: exit 3, nothing sent, when it can go said; --now sends; a later run sends nothing twice', async () => {
    smtp = await startSmtp();
    const { dir, sendEnv } = trialHome(smtp, 0);
    const compose = [
      'compose',
      '105.22',
      '--name',
      'Ana Pérez',
      '--city',
      'Leeds',
      '--country',
      'UK',
      '--format',
      'fax',
      '--send',
      '--yes',
      '--after-deadline',
      '--from',
      'ana@example.org',
    ];
    const night = await uaAsync(compose, { cwd: dir, env: { ...sendEnv, UA_NOW: '2026-12-07T04:00:00Z' } }).done;
    expect(night.code, night.stderr).toBe(3);
    expect(night.stderr).toContain('Oswaldo de Rivero: it is 23:00 there (America/New_York)');
    expect(night.stderr).toContain('It can go from 08:00 their time');
    expect(smtp.dataStarted).toBe(0);
    const morning = await uaAsync(compose, { cwd: dir, env: { ...sendEnv, UA_NOW: '2026-12-07T15:40:00Z' } }).done;
    expect(morning.code, morning.stderr).toBe(0);
    const again = await uaAsync([...compose, '--now'], { cwd: dir, env: { ...sendEnv, UA_NOW: '2026-12-07T04:00:00Z' } }).done;
    expect(again.code).toBe(0);
    expect(smtp.delivered.map((m) => m.to)).toEqual([[GATEWAY]]);
    rmSync(dir, { recursive: true, force: true });
  });
});
