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
    expect(ua.totals).toEqual({ sent: 0, prepared: 8, failed: 0, in_doubt: 0 });
    expect(ua.by_channel).toEqual([{ channel: 'post', lang: 'es', sent: 0, prepared: 8, failed: 0, in_doubt: 0 }]);

    expect((await run([...print, '--force'], again(captured))).code).toBe(0);
    expect((await reportJson(captured))[0].totals.prepared).toBe(8);

    const journal = homeJournalPath(captured.world.cwd);
    const lines = journalEntries(journal).length;
    writeSignups(captured.world.cwd, { rows: 3, bad: [1] }, 'bad.csv');
    expect((await run(['batch', '105.22', '--signers', 'bad.csv', '--out', 'bad/'], again(captured))).code).toBe(2);
    expect(existsSync(join(captured.world.cwd, 'bad'))).toBe(false);
    expect(journalEntries(journal)).toHaveLength(lines);
  });
});
