import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/journal-entries.js';
import { journalEntries, journalPath } from '../helpers/journal.js';
import { FIXTURES } from '../helpers/paths.js';
import { deliveredTo, serverPool } from '../helpers/smtp.js';
import { type Captured, fakeWorld, run, smtpWorld } from '../helpers/world.js';

// What the journal keeps of a person: nothing past journal.keep_text_days; the counts stay,
// and a letter still never goes twice.

const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--email', 'ana@example.org'];
const send901 = (target: string) => ['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--send', '--yes', '--target', target];
const PERSONAL = ['from', 'message_id', 'test_to', 'pack'] as const;
const personal = (entry: JournalEntry) => entry.sender !== '' || PERSONAL.some((field) => entry[field] !== undefined);

const pool = serverPool();
afterEach(() => pool.closeAll());

/** Runs on one journal and home, each at its own moment. */
function sameHome(first: Captured) {
  return (now: Date, more: Partial<Captured['world']> = {}) => {
    const captured = fakeWorld({ cwd: first.world.cwd, env: first.world.env, now: () => now, ...more });
    captured.world = { ...captured.world, mailer: first.world.mailer };
    return captured;
  };
}

function writeConfig(captured: Captured, text: string): void {
  const folder = join(captured.world.env.XDG_CONFIG_HOME as string, 'ua');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'config.yaml'), text);
}

const counts = async (at: Captured) => {
  const [report] = JSON.parse((await run(['report', '901.26', '--json'], at)).stdout);
  return {
    totals: report.totals,
    by_channel: report.by_channel,
    states: report.letters.map((l: { target: string; state: string }) => `${l.target} ${l.state}`),
  };
};

describe('journal.keep_text_days', () => {
  it('send; four weeks later a run that records letters removes the old lines’ names and addresses; counts stay; sending again sends nothing twice', async () => {
    const smtp = await pool.start();
    const first = smtpWorld(smtp);
    const at = sameHome(first);
    const october = new Date('2026-10-01T10:00:00Z');
    expect((await run(send901('minister'), at(october))).code).toBe(0);
    expect((await run(send901('president'), at(october))).code).toBe(0);
    const before = await counts(at(october));

    // 29 November: another letter is sent, and the run rids the journal of October's names.
    const november = new Date('2026-11-29T10:00:00Z');
    expect((await run(send901('prosecutor'), at(november))).code).toBe(0);
    const lines = journalEntries(journalPath(first));
    expect(lines.filter((line) => line.at.startsWith('2026-10')).filter(personal)).toEqual([]);
    expect(lines.filter((line) => line.at.startsWith('2026-11')).every((line) => line.sender === 'Ana Pérez' && line.message_id)).toBe(true);
    expect(readFileSync(journalPath(first), 'utf8')).not.toMatch(/2026-10[^\n]*Ana/);

    // The same numbers for October's letters; the new one beside them.
    const after = await counts(at(november));
    expect(after.states).toEqual([...before.states, 'prosecutor sent']);
    expect(after.totals.sent).toBe(before.totals.sent + 1);

    // The same letters again: nothing goes twice.
    const delivered = deliveredTo(smtp);
    for (const target of ['minister', 'president']) {
      const again = await run(send901(target), at(november));
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/sent before|already/);
    }
    expect(deliveredTo(smtp)).toEqual(delivered);
  });

  it('0: nothing personal outlives the run that wrote it', async () => {
    const smtp = await pool.start();
    const first = smtpWorld(smtp);
    writeConfig(first, 'journal:\n  keep_text_days: 0\n');
    expect((await run(send901('minister'), sameHome(first)(new Date('2026-11-28T10:00:00Z')))).code).toBe(0);
    expect(journalEntries(journalPath(first)).filter(personal)).toEqual([]);
    expect(journalEntries(journalPath(first)).at(-1)).toMatchObject({ state: 'sent', channel: 'email', lang: 'es', target: 'minister', sender: '' });
  });

  it.each([['-3'], ['2.5'], ['"a month"'], ['99999']])('keep_text_days: %s is a config error, exit 2, nothing sent', async (value) => {
    const smtp = await pool.start();
    const first = smtpWorld(smtp);
    writeConfig(first, `journal:\n  keep_text_days: ${value}\n`);
    const result = await run(send901('minister'), first);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.yaml:2:\d+: journal\.keep_text_days: must be a whole number of days, 0 to 3650/);
    expect(result.stderr).toMatch(/^ua: your config file .* has 1 problem$/m);
    expect(smtp.delivered).toEqual([]);
  });
});
