import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/journal-entries.js';
import { journalEntries, journalEntry } from '../helpers/journal.js';
import { serverPool } from '../helpers/smtp.js';
import { fakeWorld, run, type Script, scriptedPrompter } from '../helpers/world.js';

// `ua report <id> --forget`: nothing personal of one UA stays in the journal, whatever its
// age; its counts stay, and ua asks nothing more about replies to it.

const PERSONAL = ['from', 'message_id', 'test_to', 'pack'] as const;
const personal = (entry: JournalEntry) => entry.sender !== '' || PERSONAL.some((field) => entry[field] !== undefined);

const pool = serverPool();
afterEach(() => pool.closeAll());

describe('ua report <id> --forget', () => {
  /** Ana's sent emails for 901.26 and a letter for 105.22, recorded in a home's journal. */
  function journalled(script: Script = [], tty = false) {
    const captured = fakeWorld({ tty, prompter: async () => scriptedPrompter(script) });
    const journal = join(captured.world.cwd, 'journal.jsonl');
    const sent = { from: 'ana@provider.example', message_id: '<m@provider.example>', addresses: { 'ministra@justicia.example': 'sent' as const } };
    const entries = [
      journalEntry({ key: 'm', ...sent, to: ['ministra@justicia.example'] }),
      journalEntry({ key: 'p', target: 'president', ...sent, to: ['presidente@gobierno.example'], addresses: { 'presidente@gobierno.example': 'sent' } }),
      journalEntry({ key: 'r', test_to: 'ana@example.org', to: ['ana@example.org'], addresses: { 'ana@example.org': 'sent' } }),
      journalEntry({ ua: '105.22', key: 'b', target: 'boluarte', ...sent }),
    ];
    writeFileSync(journal, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    captured.world = { ...captured.world, env: { ...captured.world.env, UA_JOURNAL: journal } };
    /** Another run in the same home, with streams of its own. */
    const again = () => fakeWorld({ cwd: captured.world.cwd, env: captured.world.env });
    return { captured, journal, again, text: () => readFileSync(journal, 'utf8') };
  }

  it('--yes: that UA’s lines lose every personal field, whatever their age; the rehearsal’s line goes; another UA’s stay; the counts and the report are the same', async () => {
    const { captured, journal, again: next } = journalled();
    const before = (await run(['report', '901.26'], next())).stdout;
    const result = await run(['report', '901.26', '--forget', '--yes'], captured);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'UA 901.26: names, addresses and message ids removed from 3 journal lines; its counts are kept, and ua will not ask about replies to it.\n',
    );
    const entries = journalEntries(journal);
    expect(entries.filter((entry) => entry.ua === '901.26').filter(personal)).toEqual([]);
    expect(entries.map((entry) => entry.key)).toEqual(['m', 'p', 'b']);
    expect(entries.find((entry) => entry.ua === '105.22')).toMatchObject({ sender: 'Ana Pérez', from: 'ana@provider.example' });
    expect((await run(['report', '901.26'], next())).stdout).toBe(before);
    const again = await run(['report', '901.26', '--forget', '--yes'], next());
    expect(again.stderr).toBe('UA 901.26: the journal keeps nothing personal for it; ua will not ask about replies to it.\n');
  });

  it('a submission afterwards sends nothing new', async () => {
    const smtp = await pool.start();
    const { captured } = journalled();
    const env = { ...captured.world.env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, UA_FROM: 'ana@provider.example' };
    const again = () => fakeWorld({ cwd: captured.world.cwd, env });
    const submit = ['report', '901.26', '--submit', '--to', 'informes@seccion.example'];
    expect((await run(submit, again())).code).toBe(0);
    expect(smtp.delivered).toHaveLength(1);
    expect((await run(['report', '901.26', '--forget', '--yes'], again())).code).toBe(0);
    const after = await run(submit, again());
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(/UA 901\.26: nothing new to report since your last submission \(2 so far\)/);
    expect(smtp.delivered).toHaveLength(1);
  });

  it('the follow-up: no question about the UA comes after it', async () => {
    const { captured } = journalled();
    expect((await run(['report', '901.26', '--forget', '--yes'], captured)).code).toBe(0);
    const prompter = scriptedPrompter([[/you wrote to boluarte|Boluarte|UA 105\.22/, 'reply']]);
    const later = fakeWorld({
      cwd: captured.world.cwd,
      env: captured.world.env,
      tty: true,
      now: () => new Date('2026-12-20T10:00:00Z'),
      prompter: async () => prompter,
    });
    expect((await run(['report'], later)).code).toBe(0);
    // Only UA 105.22's letter is asked about.
    expect(prompter.asked).toHaveLength(1);
    expect(prompter.asked[0]).toMatch(/UA 105\.22/);
  });

  it('at a terminal it asks first; "no" is cancelled (exit 130) and nothing is removed; without one, --yes is needed (exit 2)', async () => {
    const refused = journalled([[/^Remove the names and addresses in 3 journal lines for UA 901\.26\? Its counts are kept\.$/, false]], true);
    const before = refused.text();
    const no = await run(['report', '901.26', '--forget'], refused.captured);
    expect([no.code, no.stderr]).toEqual([130, 'ua: Cancelled — nothing was removed.\n']);
    expect(refused.text()).toBe(before);

    const confirmed = journalled([[/^Remove the names/, true]], true);
    expect((await run(['report', '901.26', '--forget'], confirmed.captured)).code).toBe(0);
    expect(confirmed.text()).not.toMatch(/901\.26[^\n]*Ana Pérez/);

    const scripted = journalled();
    const noTerminal = await run(['report', '901.26', '--forget'], scripted.captured);
    expect([noTerminal.code, noTerminal.stderr]).toEqual([
      2,
      'ua: --forget asks for confirmation, and there is no terminal to ask at\n  Add --yes: ua report 901.26 --forget --yes\n',
    ]);
    expect(scripted.text()).toBe(before);
  });

  it('a UA id that is not one, no id, --yes alone, with --json: exit 2 in one line', async () => {
    const { again, text } = journalled();
    const before = text();
    for (const [args, message] of [
      [['report', 'boluarte', '--forget', '--yes'], 'ua: boluarte is not a UA id (e.g. 105.22)\n'],
      [['report', '--forget', '--yes'], 'ua: --forget needs a UA: ua report <id> --forget\n'],
      [['report', '901.26', '--yes'], 'ua: --yes only goes with --forget\n'],
    ] as const) {
      const result = await run([...args], again());
      expect([result.code, result.stderr]).toEqual([2, message]);
    }
    const json = await run(['report', '901.26', '--forget', '--json'], again());
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/^error: option '--forget' cannot be used with option '--json'|--json/);
    expect(text()).toBe(before);
  });
});
