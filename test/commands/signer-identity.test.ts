import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { journalEntries, journalPath } from '../helpers/journal.js';
import { serverPool, type TestSmtp } from '../helpers/smtp.js';
import { type Captured, run, smtpWorld } from '../helpers/world.js';

// A letter belongs to the person who signs it. Margaret's profile (her name, her email) is on the
// laptop; Tom Lee writes with it. Tom's letter carries none of Margaret's details, and the journal
// counts his letter as his: Margaret's own letter is still sent, in either order.

const pool = serverPool();
afterEach(() => pool.closeAll());

const MARGARET = ['--name', 'Margaret Brown', '--city', 'Leeds', '--country', 'UK'];
const TOM = ['--name', 'Tom Lee', '--city', 'Leeds', '--country', 'UK'];
const compose = (...signer: string[]) => [
  'compose',
  '105.22',
  '--no-interactive',
  '-t',
  'rivero',
  '--lang',
  'en',
  ...signer,
  '--send',
  '--yes',
  '--after-deadline',
];

/** A laptop with Margaret's profile, sending through `smtp` and keeping one journal. */
function margaretsLaptop(smtp: TestSmtp): Captured {
  const laptop = smtpWorld(smtp, { env: { UA_FROM: 'letters@amnesty-leeds.example' } });
  const dir = join(laptop.world.env.XDG_CONFIG_HOME as string, 'ua');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), 'profile:\n  name: Margaret Brown\n  city: Leeds\n  country: UK\n  email: maggie@example.org\n');
  return laptop;
}

const again = (smtp: TestSmtp, laptop: Captured) => smtpWorld(smtp, { rerunOf: laptop, env: { UA_FROM: 'letters@amnesty-leeds.example' } });

async function replyTos(smtp: TestSmtp): Promise<string[]> {
  return Promise.all(smtp.delivered.map(async ({ raw }) => (await simpleParser(raw)).replyTo?.text ?? '(none)'));
}

describe('compose: a profile fills in only the details of the person who signs', () => {
  it('Tom, then Margaret: Tom’s letter has no email of Margaret’s, and Margaret’s is still sent', async () => {
    const smtp = await pool.start();
    const laptop = margaretsLaptop(smtp);
    const tom = await run(compose(...TOM), laptop);
    expect(tom.code).toBe(0);
    expect(tom.stdout).not.toContain('maggie@example.org');
    const margaret = await run(compose('--name', 'Margaret Brown'), again(smtp, laptop));
    expect(margaret.code).toBe(0);
    expect(margaret.stderr).toContain('1 of 1 letter sent');
    expect(await replyTos(smtp)).toEqual(['(none)', '"Margaret Brown" <maggie@example.org>']);
    expect(
      journalEntries(journalPath(laptop))
        .filter((entry) => entry.state === 'sent')
        .map((entry) => entry.sender),
    ).toEqual(['Tom Lee', 'Margaret Brown']);
  });

  it('Margaret, then Tom: Tom’s letter is sent too, and a rerun of either sends nothing more', async () => {
    const smtp = await pool.start();
    const laptop = margaretsLaptop(smtp);
    expect((await run(compose(), laptop)).code).toBe(0);
    const tom = await run(compose(...TOM), again(smtp, laptop));
    expect(tom.stderr).toContain('1 of 1 letter sent');
    expect(await replyTos(smtp)).toEqual(['"Margaret Brown" <maggie@example.org>', '(none)']);
    for (const signer of [MARGARET, TOM]) {
      const rerun = await run(compose(...signer), again(smtp, laptop));
      expect(rerun.stderr).toContain('(1 before this run)');
    }
    expect(smtp.delivered).toHaveLength(2);
  });

  it('the profile’s own name, written another way, is still Margaret: her details fill in', async () => {
    const smtp = await pool.start();
    const result = await run(compose('--name', '  margaret   BROWN '), margaretsLaptop(smtp));
    expect(result.code).toBe(0);
    expect(await replyTos(smtp)).toEqual(['"margaret   BROWN" <maggie@example.org>']);
  });
});

describe('at a terminal, another person writing keeps none of the saved details', () => {
  it('"Write as Margaret?" no, "Tom Lee": the city, country and email are asked afresh, Margaret’s not offered', async () => {
    const smtp = await pool.start();
    const laptop = margaretsLaptop(smtp);
    const asked: { message: string; fallback?: string }[] = [];
    const answers: Record<string, unknown> = { 'Write as': false, 'Your name': 'Tom Lee', 'Your city': 'York', 'Your country': 'UK', 'Your email': '' };
    const answer = (message: string) => Object.entries(answers).find(([start]) => message.startsWith(start))?.[1];
    laptop.world = {
      ...laptop.world,
      stdin: Object.assign(laptop.world.stdin, { isTTY: true }),
      stderr: Object.assign(laptop.world.stderr, { isTTY: true }),
      prompter: async () => ({
        select: async (message: string) => answer(message) as never,
        checkbox: async () => [] as never[],
        confirm: async () => false,
        password: async () => '',
        input: async (message: string, options?: { default?: string }) => {
          asked.push({ message, fallback: options?.default });
          const typed = answer(message) as string;
          return typed === '' && options?.default !== undefined ? options.default : typed;
        },
      }),
    };
    await run(['compose', '105.22', '-t', 'rivero', '--lang', 'en', '--about', '', '--note', '', '--format', 'text', '--out', 'tom.txt'], laptop);
    expect(asked.slice(0, 4).map(({ message, fallback }) => [message.split(' (')[0], fallback])).toEqual([
      ['Your name', 'Margaret Brown'],
      ['Your city', undefined],
      ['Your country', undefined],
      ['Your email', undefined],
    ]);
  });
});

describe('batch: two people who share an address are two signers', () => {
  const sheet = (laptop: Captured, name: string, rows: string[]) =>
    writeFileSync(join(laptop.world.cwd, name), `name,city,country,email,targets\n${rows.join('\n')}\n`);
  const batch = (file: string) => ['batch', '105.22', '--signers', file, '--send', '--yes', '--after-deadline', '--from', 'org@example.org'];
  const TOM_ROW = 'Tom Lee,Leeds,UK,family@example.org,rivero';
  const MARGARET_ROW = 'Margaret Brown,Leeds,UK,family@example.org,rivero';

  it.each([
    ['Tom, then Margaret', TOM_ROW, MARGARET_ROW],
    ['Margaret, then Tom', MARGARET_ROW, TOM_ROW],
  ])('%s: each letter is sent once', async (_, first, second) => {
    const smtp = await pool.start();
    const laptop = smtpWorld(smtp);
    sheet(laptop, 'first.csv', [first]);
    sheet(laptop, 'second.csv', [second]);
    expect((await run(batch('first.csv'), laptop)).code).toBe(0);
    const later = await run(batch('second.csv'), smtpWorld(smtp, { rerunOf: laptop }));
    expect(later.code).toBe(0);
    expect(later.stderr).toContain('1 of 1 letter sent');
    expect(smtp.delivered).toHaveLength(2);
  });

  it('one sheet with both: two letters, not "the same signer twice"', async () => {
    const smtp = await pool.start();
    const laptop = smtpWorld(smtp);
    sheet(laptop, 'both.csv', [TOM_ROW, MARGARET_ROW]);
    const result = await run(batch('both.csv'), laptop);
    expect(result.code).toBe(0);
    expect(smtp.delivered).toHaveLength(2);
  });
});
