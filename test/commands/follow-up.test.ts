import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/journal-entries.js';
import { journalEntry } from '../helpers/journal.js';
import { type Captured, fakeWorld, run, type Script, scriptedPrompter } from '../helpers/world.js';

// The follow-up question after a run at a terminal, with a scripted prompter: when it comes,
// when it does not, what the answer becomes. (test/e2e/follow-up.test.ts asks it in a real terminal.)

const SENT = new Date('2026-11-23T10:00:00Z');
const LATER = (days: number) => new Date(SENT.getTime() + days * 86_400_000);

/** Ana's email to the minister of UA 901.26, sent on 23 November. */
const letters: JournalEntry[] = [
  journalEntry({
    at: SENT.toISOString(),
    target_name: 'Ministra Ñúñez',
    addresses: { 'ministra@justicia.example': 'sent', 'despacho@justicia.example': 'sent' },
  }),
];

/** A home whose journal holds `entries`; each run at `now`, at a terminal unless told, answering `script`. */
function home(entries: JournalEntry[] = letters) {
  const first = fakeWorld();
  const journal = join(first.world.cwd, 'journal.jsonl');
  writeFileSync(journal, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  const env: Record<string, string | undefined> = { ...first.world.env, UA_JOURNAL: journal, LANG: 'en_GB.UTF-8' };
  const state = join(env.XDG_STATE_HOME as string, 'ua');
  const at = (now: Date, script: Script = [], more: { tty?: boolean; env?: Record<string, string> } = {}) => {
    const prompter = scriptedPrompter(script);
    const captured: Captured = fakeWorld({
      cwd: first.world.cwd,
      env: { ...env, ...more.env },
      tty: more.tty ?? true,
      now: () => now,
      prompter: async () => prompter,
    });
    return { captured, prompter };
  };
  return { at, journal, state, replies: () => JSON.parse(readFileSync(join(state, 'replies.json'), 'utf8')) };
}

const QUESTION = /^14 days ago you wrote to Ministra Ñúñez \(UA 901\.26, email, 23 Nov\)\. Did a reply come\?$/;

describe('the follow-up question', () => {
  it('two weeks after a letter, after the run’s own work: asked once; the answer is recorded, with the letter’s channel and language', async () => {
    const { at, replies } = home();
    const thirteen = at(LATER(13));
    expect((await run(['report'], thirteen.captured)).code).toBe(0);
    expect(thirteen.prompter.asked).toEqual([]);

    const fourteen = at(LATER(14), [[QUESTION, 'acknowledged']]);
    const result = await run(['report'], fourteen.captured);
    expect(result.code).toBe(0);
    expect(fourteen.prompter.asked).toHaveLength(1);
    // The report came first: the question is asked after the command's work.
    expect(result.stdout).toMatch(/^UA 901\.26/);
    expect(result.stderr).toContain('Noted. It goes with your next report, as a count only: ua report 901.26 --submit');
    expect(replies().uas['901.26'].minister).toEqual({ answer: 'acknowledged', day: '2026-12-07', channel: 'email', lang: 'es' });

    const again = at(LATER(15));
    expect((await run(['report'], again.captured)).code).toBe(0);
    expect(again.prompter.asked).toEqual([]);
  });

  it('never without a terminal, under CI, with --quiet, or after JSON or CSV; nothing is written then', async () => {
    const { at, state } = home();
    for (const [args, more] of [
      [['report'], { tty: false }],
      [['report'], { env: { CI: 'true' } }],
      [['--quiet', 'report'], {}],
      [['report', '--json'], {}],
      [['report', '--csv'], {}],
      [['list', '--json'], {}],
    ] as const) {
      const { captured, prompter } = at(LATER(20), [], more);
      expect((await run([...args], captured)).code).toBe(0);
      expect(prompter.asked).toEqual([]);
    }
    expect(existsSync(join(state, 'replies.json')) || existsSync(join(state, 'follow-up.json'))).toBe(false);
    // The question was due all along: it waits for a run at a terminal.
    const terminal = at(LATER(20), [[/^20 days ago/, 'later']]);
    expect((await run(['report'], terminal.captured)).code).toBe(0);
    expect(terminal.prompter.remaining()).toBe(0);
  });

  it('a run that failed asks nothing: the next one that goes well does', async () => {
    const { at } = home();
    const failed = at(LATER(20));
    expect((await run(['show', '999.99'], failed.captured)).code).toBe(2);
    expect(failed.prompter.asked).toEqual([]);
    const next = at(LATER(20), [[/^20 days ago/, 'reply']]);
    expect((await run(['report'], next.captured)).code).toBe(0);
    expect(next.prompter.remaining()).toBe(0);
  });

  it('Ctrl-C at the question: exit 130, nothing recorded, and the question comes again next time', async () => {
    const { at, state } = home();
    const stopped = at(LATER(14), [[QUESTION, '^C']]);
    const result = await run(['report'], stopped.captured);
    expect(result.code).toBe(130);
    expect(existsSync(join(state, 'replies.json'))).toBe(false);
    const next = at(LATER(14), [[QUESTION, 'no-reply']]);
    expect((await run(['report'], next.captured)).code).toBe(0);
    expect(next.prompter.remaining()).toBe(0);
  });

  it('"ask me again tomorrow": not again today, again tomorrow; "don’t ask again": never, and not counted', async () => {
    const { at, replies } = home();
    await run(['report'], at(LATER(14), [[QUESTION, 'later']]).captured);
    const today = at(LATER(14.5));
    await run(['report'], today.captured);
    expect(today.prompter.asked).toEqual([]);
    const tomorrow = at(LATER(15), [[/^15 days ago/, 'never']]);
    await run(['report'], tomorrow.captured);
    expect(tomorrow.prompter.remaining()).toBe(0);
    expect(replies().uas['901.26'].minister.answer).toBe('never');
    const report = await run(['report', '--json'], at(LATER(16)).captured);
    expect(JSON.parse(report.stdout)[0].replies).toEqual({ reply: 0, acknowledged: 0, no_reply: 0, not_expected: 0 });
  });

  it('a few questions a run, the oldest letter first; the rest after the next run', async () => {
    const targets = ['minister', 'president', 'prosecutor', 'ombudsman'];
    const { at } = home(targets.map((target, i) => journalEntry({ key: target, target, target_name: target, at: LATER(-i).toISOString() })));
    const first = at(LATER(20), [
      [/you wrote to ombudsman/, 'reply'],
      [/you wrote to prosecutor/, 'no-reply'],
      [/you wrote to president/, 'not-expected'],
    ]);
    await run(['report'], first.captured);
    expect(first.prompter.remaining()).toBe(0);
    const second = at(LATER(20), [[/you wrote to minister/, 'reply']]);
    await run(['report'], second.captured);
    expect(second.prompter.remaining()).toBe(0);
  });

  it('in Spanish and French, formal', async () => {
    const es = home();
    const spanish = es.at(
      LATER(14),
      [[/^Hace 14 días escribió a Ministra Ñúñez \(AU 901\.26, correo electrónico, 23 nov\)\. ¿Recibió respuesta\?$/, 'reply']],
      {
        env: { LANG: 'es_ES.UTF-8' },
      },
    );
    await run(['report'], spanish.captured);
    expect(spanish.prompter.remaining()).toBe(0);
    const fr = home();
    const french = fr.at(
      LATER(14),
      [[/^Il y a 14 jours, vous avez écrit à Ministra Ñúñez \(AU 901\.26, e-mail, 23 nov\.\)\. Avez-vous reçu une réponse \?$/, 'reply']],
      {
        env: { LANG: 'fr_FR.UTF-8' },
      },
    );
    await run(['report'], french.captured);
    expect(french.prompter.remaining()).toBe(0);
  });
});

describe('what the follow-up keeps never fails a run', () => {
  it('a state file that cannot be written (a folder where it should be): the letters are written and recorded, exit 0', async () => {
    const { at, journal, state } = home();
    mkdirSync(join(state, 'follow-up.json'), { recursive: true });
    const sender = ['--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'];
    const result = await run(['compose', '105.22', ...sender, '--format', 'text', '--out', 'letters/'], at(LATER(1), [], { tty: false }).captured);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(journal, 'utf8')).toContain('"ua":"105.22"');
  });
});

describe('the answers in ua report: apart from the actions', () => {
  it('text, JSON and CSV', async () => {
    const { at } = home([
      ...letters,
      journalEntry({ key: 'p', target: 'president', target_name: 'Presidente Peña', at: SENT.toISOString(), to: ['presidente@gobierno.example'] }),
    ]);
    await run(
      ['report'],
      at(LATER(14), [
        [/Ministra/, 'reply'],
        [/Presidente/, 'no-reply'],
      ]).captured,
    );
    const text = await run(['report', '901.26'], at(LATER(15)).captured);
    expect(text.stdout).toContain('UA 901.26: 2 sent, 0 prepared, 0 failed, 0 in doubt\n');
    expect(text.stdout).toContain('  Replies: 1 reply received, 1 with no reply\n');
    const json = JSON.parse((await run(['report', '901.26', '--json'], at(LATER(15)).captured)).stdout)[0];
    expect(json.totals.sent).toBe(2);
    expect(json.replies).toEqual({ reply: 1, acknowledged: 0, no_reply: 1, not_expected: 0 });
    expect(json.letters.map((letter: { target: string; reply: string }) => [letter.target, letter.reply])).toEqual([
      ['minister', 'reply'],
      ['president', 'no-reply'],
    ]);
    const csv = (await run(['report', '901.26', '--csv'], at(LATER(15)).captured)).stdout.split('\r\n');
    expect(csv[0]).toMatch(/,signer,pack,reply$/);
    expect(csv.slice(1, 3).map((row) => row.split(',').at(-1))).toEqual(['reply', 'no-reply']);
  });
});
