import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { homeJournalPath, journalEntries } from '../helpers/journal.js';
import { tempHome, ua } from '../helpers/spawn.js';

// journal.keep_text_days, as a volunteer's weeks go by: UA_NOW sets each spawned ua's clock.

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('journal.keep_text_days, run by run', () => {
  it('a run that records letters rids the journal of the names and message ids older than 28 days; the report counts the same', () => {
    const { dir, env } = tempHome();
    folders.push(dir, env.XDG_CACHE_HOME as string);
    const draft = (day: string, target: string) => {
      const args = ['compose', '105.22', '--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--target', target];
      const result = ua([...args, '--format', 'eml', '--out', `${day}/`], { cwd: dir, env: { ...env, UA_NOW: `${day}T10:00:00Z` } });
      expect(result.code, result.stderr).toBe(0);
    };
    const report = (day: string) => {
      const result = ua(['report', '--json'], { cwd: dir, env: { ...env, UA_NOW: `${day}T10:00:00Z` } });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout).map(({ totals, by_channel }: Record<string, unknown>) => ({ totals, by_channel }));
    };
    draft('2026-10-25', 'boluarte');
    draft('2026-11-20', 'rivero');
    const before = report('2026-11-20');
    // Reading is not writing: a report on 29 November leaves the journal as it is.
    report('2026-11-29');
    expect(journalEntries(homeJournalPath(dir)).map((entry) => entry.sender)).toEqual(['Ana Pérez', 'Ana Pérez']);

    // 29 November: a run that records a letter; 25 October's line is 35 days old, 20 November's 9.
    draft('2026-11-29', 'boluarte');
    const lines = journalEntries(homeJournalPath(dir));
    expect(lines.map((entry) => [entry.at.slice(0, 10), entry.sender, entry.message_id === undefined])).toEqual([
      ['2026-10-25', '', true],
      ['2026-11-20', 'Ana Pérez', false],
      ['2026-11-29', 'Ana Pérez', false],
    ]);
    // The letter to Boluarte drafted again is the same letter (its key, a digest, stayed): still two.
    expect(report('2026-11-29')).toEqual(before);
    expect(before[0].totals.prepared).toBe(2);
  });
});
