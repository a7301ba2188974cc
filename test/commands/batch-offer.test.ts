import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalEntries, journalPath } from '../helpers/journal.js';
import { FIXTURES } from '../helpers/paths.js';
import { writeSignups } from '../helpers/signups.js';
import { serverPool, type TestSmtp } from '../helpers/smtp.js';
import { receivedSubmissions } from '../helpers/submissions.js';
import { type Captured, run, type Script, scriptedPrompter, smtpWorld } from '../helpers/world.js';

// After a letter-writing evening (`ua batch`, printed or sent), one submission for the evening:
// asked at a terminal, said how without one, sent without asking with --submit. The journal
// keeps the evening's day with its letters, so that a later submission counts the evening once.

const pool = serverPool();
afterEach(() => pool.closeAll());

const SECTION = 'informes@seccion.example';
const ENV = { UA_FROM: 'letters@amnesty-leeds.example' };

/** An evening's world: the SMTP test server, a sheet of signers, and UA 901.26 naming the section's report address (or none). */
function evening(smtp: TestSmtp, report = `report:\n  email: ${SECTION}\n`, tty?: Script): Captured & { actions: string } {
  const captured = smtpWorld(smtp, { env: ENV });
  const actions = join(captured.world.cwd, 'actions');
  mkdirSync(actions);
  writeFileSync(join(actions, '901.26.yaml'), `${readFileSync(join(FIXTURES, '901.26.yaml'), 'utf8')}\n${report}`);
  writeSignups(captured.world.cwd, { rows: 3, languages: ['es'], targets: () => 'minister' });
  if (tty) {
    const prompter = scriptedPrompter(tty);
    Object.assign(captured.world.stdin, { isTTY: true });
    Object.assign(captured.world.stderr, { isTTY: true });
    captured.world = { ...captured.world, prompter: async () => prompter };
  }
  return { ...captured, actions };
}

const batch = (captured: Captured & { actions: string }, ...args: string[]) => run(['--actions-dir', captured.actions, 'batch', '901.26', ...args], captured);

const submissions = (smtp: TestSmtp) => receivedSubmissions(smtp.delivered, SECTION);

const LATER = "To report this evening's actions to the section (counts only): ua report 901.26 --submit\n";

describe("ua batch offers one submission for the evening's actions", () => {
  it('without a terminal: a line says how; the journal keeps the evening with each letter', async () => {
    const smtp = await pool.start();
    const world = evening(smtp);
    const printed = await batch(world, '--signers', 'signups.csv', '--out', 'pack');
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stderr).toContain(LATER);
    expect(submissions(smtp)).toEqual([]);
    expect(journalEntries(journalPath(world)).map((entry) => entry.evening)).toEqual(['2026-11-28', '2026-11-28', '2026-11-28']);
    // A rehearsal is no evening: no line.
    const rehearsal = await batch(world, '--signers', 'signups.csv', '--send', '--dry-run');
    expect(rehearsal.stderr.slice(printed.stderr.length)).not.toContain('To report');
  });

  it('at a terminal, "yes": the evening goes as one submission, counts only, marked as one evening', async () => {
    const smtp = await pool.start();
    const world = evening(smtp, undefined, [[/^Report this evening's actions for UA 901\.26 to the section now\? Counts only/, true]]);
    const printed = await batch(world, '--signers', 'signups.csv', '--copies', '2', '--out', 'pack');
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stderr).toMatch(/UA 901\.26: submission 1 sent to informes@seccion\.example \(5 actions\)/);
    const [only, ...more] = submissions(smtp);
    expect(more).toEqual([]);
    expect(only).toMatchObject({ sequence: 1, evenings: 1, counts: [{ day: '2026-11-28', channel: 'post', lang: 'es', outcome: 'prepared', count: 5 }] });
  });

  it('at a terminal, "no" or Ctrl-C: nothing leaves, the line says how; Ctrl-C exits 130 and the pack stays', async () => {
    const smtp = await pool.start();
    const no = evening(smtp, undefined, [[/^Report this evening's actions/, false]]);
    const declined = await batch(no, '--signers', 'signups.csv', '--out', 'pack');
    expect([declined.code, declined.stderr.endsWith(LATER)]).toEqual([0, true]);
    const stop = evening(smtp, undefined, [[/^Report this evening's actions/, '^C']]);
    const stopped = await batch(stop, '--signers', 'signups.csv', '--out', 'pack');
    expect([stopped.code, stopped.stderr.endsWith(LATER)]).toEqual([130, true]);
    expect(existsSync(join(stop.world.cwd, 'pack', 'print-pack.pdf'))).toBe(true);
    expect(submissions(smtp)).toEqual([]);
  });

  it('--submit: sent without asking; a second batch the same day is a new submission of the same evening', async () => {
    const smtp = await pool.start();
    const world = evening(smtp);
    const sent = await batch(world, '--signers', 'signups.csv', '--send', '--yes', '--submit');
    expect(sent.code, sent.stderr).toBe(0);
    const printed = await batch(world, '--copies', '2', '--out', 'walk-ins', '--submit');
    expect(printed.code, printed.stderr).toBe(0);
    expect(
      submissions(smtp).map(({ sequence, evenings, counts }) => [sequence, evenings, counts.map((row) => `${row.channel} ${row.outcome} ${row.count}`)]),
    ).toEqual([
      [1, 1, ['email sent 3']],
      [2, undefined, ['post prepared 2']],
    ]);
    // Nothing new: no submission, no line.
    const again = await batch(world, '--signers', 'signups.csv', '--send', '--yes', '--submit');
    expect(again.code, again.stderr).toBe(0);
    expect(submissions(smtp)).toHaveLength(2);
  });

  it('--submit for a UA that says nowhere to report: refused before any letter, exit 2; --submit with --dry-run refused', async () => {
    const smtp = await pool.start();
    const world = evening(smtp, '');
    const refused = await batch(world, '--signers', 'signups.csv', '--send', '--yes', '--submit');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^ua: UA 901\.26 says nowhere to report/);
    expect(smtp.delivered).toEqual([]);
    const rehearsal = await batch(world, '--signers', 'signups.csv', '--send', '--dry-run', '--submit');
    expect(rehearsal.code).toBe(2);
    expect(rehearsal.stderr).toMatch(/--submit.*--dry-run|--dry-run.*--submit/);
  });
});
