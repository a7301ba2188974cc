import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalEntry } from '../helpers/journal.js';
import { FIXTURES } from '../helpers/paths.js';
import { serverPool } from '../helpers/smtp.js';
import { intoMaildir, receivedSubmissions } from '../helpers/submissions.js';
import { fakeWorld, run, smtpWorld } from '../helpers/world.js';

// An evening bigger than one submission may hold: 12,000 emails on one day, past the 5,000 a
// submission counts for a day. `ua report --submit` sends as many submissions as it takes, each
// once, in order; the coordinator's tally adds them up to the 12,000 sent.

const pool = serverPool();
afterEach(() => pool.closeAll());

const SECTION = 'informes@seccion.example';
const TARGETS = ['minister', 'president', 'prosecutor', 'ombudsman'];
const SUBMIT = ['--actions-dir', FIXTURES, 'report', '901.26', '--submit', '--to', SECTION];

/** A journal of 12,000 letters by email, each sent on the evening of 7 December 2026. */
function bigEvening(file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < 12_000; i++) {
    const entry = journalEntry({ key: `k${i}`, at: '2026-12-07T19:30:00.000Z', target: TARGETS[i % 4], sender: `Signer ${i}`, evening: '2026-12-07' });
    lines.push(JSON.stringify(entry));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const received = (delivered: { raw: string; to: string[] }[]) => receivedSubmissions(delivered, SECTION);

/** What `ua tally --json` says of the messages, from a Maildir. */
async function tallied(raws: string[]) {
  const captured = fakeWorld();
  const maildir = join(captured.world.cwd, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  intoMaildir(maildir, raws);
  const result = await run(['tally', maildir, '--json'], captured);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('ua report --submit past the limits of one submission', () => {
  it('12,000 emails of one evening: three submissions, each valid and sent once; the tally counts 12,000 and one evening', async () => {
    const smtp = await pool.start();
    const captured = smtpWorld(smtp, { env: { UA_FROM: 'buzon@proveedor.example' } });
    bigEvening(captured.world.env.UA_JOURNAL as string);

    const rehearsal = await run([...SUBMIT, '--dry-run'], captured);
    expect(rehearsal.code, rehearsal.stderr).toBe(0);
    expect(rehearsal.stderr).toContain('Above: the 3 attachments that would go to informes@seccion.example, one message each, exactly.');
    expect(smtp.delivered).toHaveLength(0);

    const sent = await run(SUBMIT, smtpWorld(smtp, { rerunOf: captured, env: { UA_FROM: 'buzon@proveedor.example' } }));
    expect(sent.code, sent.stderr).toBe(0);
    const submissions = received(smtp.delivered);
    expect(submissions.map((s) => [s.sequence, s.evenings, s.counts.map((row) => row.count)])).toEqual([
      [1, 1, [5000]],
      [2, undefined, [5000]],
      [3, undefined, [2000]],
    ]);
    // What --dry-run printed is what left: the same three attachments, one after another.
    expect(rehearsal.stdout).toBe(submissions.map((s) => `${JSON.stringify(s, null, 2)}\n`).join(''));
    expect(sent.stderr).toMatch(
      /submission 1 sent to informes@seccion\.example \(5000 actions\)[\s\S]*submission 2 sent[\s\S]*submission 3 sent[\s\S]*\(2000 actions\)/,
    );

    const again = await run(SUBMIT, smtpWorld(smtp, { rerunOf: captured }));
    expect(again.stderr).toMatch(/nothing new to report since your last submission \(12000 so far\)/);
    const totals = await tallied(smtp.delivered.map((m) => m.raw));
    expect(totals.uas).toEqual([{ ua: '901.26', count: 12_000, attempts: 0, answers: 0, volunteers: 1, evenings: 1 }]);
    expect(totals).toMatchObject({ submissions: 3, setAside: [] });
  });

  it('the second refused by the server: the first is kept as sent, exit 3; the next run sends the rest, and the tally is right', async () => {
    let refuse = true;
    const smtp = await pool.start({ data: (raw) => (refuse && raw.includes('submission 2') ? 552 : undefined) });
    const captured = smtpWorld(smtp, { env: { UA_FROM: 'buzon@proveedor.example' } });
    bigEvening(captured.world.env.UA_JOURNAL as string);

    const first = await run(SUBMIT, captured);
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/submission 1 sent/);
    expect(first.stderr).toMatch(/^ua: UA 901\.26: the submission was not sent to informes@seccion\.example/m);
    expect(received(smtp.delivered).map((s) => s.sequence)).toEqual([1]);

    refuse = false;
    const rest = await run(SUBMIT, smtpWorld(smtp, { rerunOf: captured }));
    expect(rest.code, rest.stderr).toBe(0);
    expect(received(smtp.delivered).map((s) => [s.sequence, s.counts[0]?.count])).toEqual([
      [1, 5000],
      [2, 5000],
      [3, 2000],
    ]);
    expect((await tallied(smtp.delivered.map((m) => m.raw))).uas[0]).toMatchObject({ count: 12_000, evenings: 1 });
  });

  it('the connection cut as the second ends: it is in doubt, said, and not sent again unasked; --resend sends it, the next run the third', async () => {
    let drop = true;
    const smtp = await pool.start({
      data: (raw) => {
        if (!drop || !raw.includes('submission 2')) return undefined;
        drop = false;
        return 'drop';
      },
    });
    const captured = smtpWorld(smtp, { env: { UA_FROM: 'buzon@proveedor.example' } });
    bigEvening(captured.world.env.UA_JOURNAL as string);
    const first = await run(SUBMIT, captured);
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/^ua: UA 901\.26: submission 2 to informes@seccion\.example may or may not have arrived/m);
    const told = await run(SUBMIT, smtpWorld(smtp, { rerunOf: captured }));
    expect(told.code).toBe(1);
    expect(told.stderr).toMatch(/submission 2 to informes@seccion\.example may have arrived/);
    // The one in doubt alone, as it was; what follows it waits for the next run.
    const resent = await run([...SUBMIT, '--resend'], smtpWorld(smtp, { rerunOf: captured }));
    expect(resent.code, resent.stderr).toBe(0);
    const rest = await run(SUBMIT, smtpWorld(smtp, { rerunOf: captured }));
    expect(rest.code, rest.stderr).toBe(0);
    expect(received(smtp.delivered).map((s) => [s.sequence, s.counts[0]?.count])).toEqual([
      [1, 5000],
      [2, 5000],
      [3, 2000],
    ]);
    expect((await tallied(smtp.delivered.map((m) => m.raw))).uas[0]).toMatchObject({ count: 12_000, evenings: 1 });
  });
});
