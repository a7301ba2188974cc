import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeJournalPath, journalEntries } from '../helpers/journal.js';
import { writeSignups } from '../helpers/signups.js';
import { type Captured, fakeWorld, run } from '../helpers/world.js';

/** Another run in the same folder, home and journal. */
const again = (captured: Captured) => fakeWorld({ cwd: captured.world.cwd, env: captured.world.env });

const reportJson = async (captured: Captured) => JSON.parse((await run(['report', '105.22', '--json'], again(captured))).stdout);

describe('ua batch records its print pack; ua report counts it', () => {
  it('every letter of the pack, signed or not, is prepared for the post; a reprint that day counts once; a refused sheet records nothing', async () => {
    const captured = fakeWorld();
    writeSignups(captured.world.cwd, { rows: 3, languages: ['es'] });
    const print = ['batch', '105.22', '--signers', 'signups.csv', '--copies', '2', '--lang', 'es', '--format', 'text', '--out', 'letters/'];
    expect((await run(print, captured)).code).toBe(0);
    const [ua] = await reportJson(captured);
    // 3 signers × 2 targets, and 2 unsigned copies.
    expect(ua.totals).toEqual({ sent: 0, prepared: 8, done: 0, to_do: 0, failed: 0, in_doubt: 0 });
    expect(ua.by_channel).toEqual([
      { channel: 'post', lang: 'es', sent: 0, prepared: 8, done: 0, to_do: 0, failed: 0, in_doubt: 0, outcomes: { prepared: 8 } },
    ]);

    expect((await run([...print, '--force'], again(captured))).code).toBe(0);
    expect((await reportJson(captured))[0].totals.prepared).toBe(8);

    const journal = homeJournalPath(captured.world.cwd);
    const lines = journalEntries(journal).length;
    writeSignups(captured.world.cwd, { rows: 3, bad: [1] }, 'bad.csv');
    expect((await run(['batch', '105.22', '--signers', 'bad.csv', '--out', 'bad/'], again(captured))).code).toBe(2);
    expect(existsSync(join(captured.world.cwd, 'bad'))).toBe(false);
    expect(journalEntries(journal)).toHaveLength(lines);
  });

  it('a sentence for each person and for the pack, never "I prepared 9 letters" for everyone who used the machine', async () => {
    const captured = fakeWorld();
    const { cwd } = captured.world;
    writeSignups(cwd, { rows: 2, languages: ['es'] });
    const print = ['batch', '105.22', '--signers', 'signups.csv', '--copies', '1', '--lang', 'es', '--format', 'text', '--out', 'letters/'];
    expect((await run(print, captured)).code).toBe(0);
    for (const [name, city, lang] of [
      ['Bo Li', 'York', 'en'],
      ['Zoë Müller', 'Bern', 'fr'],
    ] as const) {
      const compose = ['compose', '105.22', '--name', name, '--city', city, '--country', 'UK', '--lang', lang, '--out', `${lang}.txt`];
      expect((await run(compose, again(captured))).code).toBe(0);
    }

    const text = (await run(['report', '105.22'], again(captured))).stdout;
    expect(text).toContain('UA 105.22: 0 sent, 9 prepared, 0 failed, 0 in doubt');
    expect(text).not.toContain('9 letters');
    const to = 'to Dina Ercilia Boluarte Zegarra and Oswaldo de Rivero';
    expect(text).toContain(
      [
        '  To paste into the report form, a sentence for each person or print pack:',
        `    The print pack in ${join(cwd, 'letters')} (5 prepared):`,
        `      Urgent Action 105.22: we printed 5 letters to send by post (in Spanish) ${to}: 4 signed by 2 people, 1 unsigned copy for someone to sign, on 28 November 2026.`,
        '    Bo Li (2 prepared):',
        `      Urgent Action 105.22: I prepared 2 letters by post (in English) ${to}, on 28 November 2026.`,
        '    Zoë Müller (2 prepared):',
        `      Urgent Action 105.22: I prepared 2 letters by post (in French) ${to}, on 28 November 2026.`,
      ].join('\n'),
    );

    const [ua] = await reportJson(captured);
    expect(ua.by_author.map(({ kind, name, prepared }: { kind: string; name: string; prepared: number }) => [kind, name, prepared])).toEqual([
      ['pack', join(cwd, 'letters'), 5],
      ['signer', 'Bo Li', 2],
      ['signer', 'Zoë Müller', 2],
    ]);
    const csv = (await run(['report', '105.22', '--csv'], again(captured))).stdout.split('\r\n');
    expect(csv[0]).toBe('\ufeffua,target,name,channel,lang,state,to,sent_to,at,signer,pack,reply');
    expect(csv.filter((row) => row.endsWith(`,Ana Pérez 1,${join(cwd, 'letters')},`))).toHaveLength(2);
  });

  it('a pack of more letters than the journal takes at once: every one recorded once, with its official and its pack', async () => {
    const captured = fakeWorld();
    const { cwd } = captured.world;
    // 130 signers × 2 officials and 3 copies: 263 entries, written a few hundred at a time.
    writeSignups(cwd, { rows: 130, languages: ['es', 'en', 'fr'] });
    const print = ['batch', '105.22', '--signers', 'signups.csv', '--copies', '3', '--lang', 'es', '--format', 'text', '--out', 'letters/'];
    expect((await run(print, captured)).code).toBe(0);
    const entries = journalEntries(homeJournalPath(cwd));
    expect(entries).toHaveLength(263);
    expect(new Set(entries.map((entry) => entry.key)).size).toBe(263);
    expect(entries.every((entry) => entry.pack === join(cwd, 'letters') && entry.state === 'prepared')).toBe(true);
    expect(entries.filter((entry) => entry.sender === 'Ana Pérez 1').map((entry) => [entry.target, entry.lang, Object.values(entry.addresses ?? {})])).toEqual([
      [expect.any(String), 'es', ['prepared']],
      [expect.any(String), 'es', ['prepared']],
    ]);
    expect((await reportJson(captured))[0].totals.prepared).toBe(263);
  });
});
