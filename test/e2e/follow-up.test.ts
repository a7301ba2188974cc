import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KEY, Terminal } from '../helpers/pty.js';
import { tempHome, ua } from '../helpers/spawn.js';

// Two weeks after a letter, the next `ua` at a terminal asks once whether a reply came; the
// answer goes in the next submission. In a real terminal, as a volunteer meets it. UA_NOW sets
// the spawned ua's clock: the draft on 23 November, the question on 7 December.

const UP = '\x1b[A';
// The question's last choice: once it is drawn, the whole list is, pointer included.
const CHOICES = /Don't ask me about this again/;
const QUESTION = /14 days ago you wrote to Dina Ercilia Boluarte Zegarra \(UA 105\.22, email draft, 23 Nov\)\.\s+Did a\s+reply\s+come\?/;
const terminals: Terminal[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.kill();
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A volunteer who prepared an email draft to President Boluarte on 23 November. */
function volunteer() {
  const { dir, env } = tempHome();
  folders.push(dir, env.XDG_CACHE_HOME as string);
  const sender = ['--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--target', 'boluarte'];
  const drafted = ua(['compose', '105.22', ...sender, '--format', 'eml', '--out', 'drafts/'], { env: { ...env, UA_NOW: '2026-11-23T10:00:00Z' } });
  expect(drafted.code, drafted.stderr).toBe(0);
  const on = (day: string) => ({ ...env, UA_NOW: `${day}T15:00:00Z` });
  const atTerminal = (args: string[], day = '2026-12-07') => {
    const terminal = new Terminal(args, { cwd: dir, env: on(day) });
    terminals.push(terminal);
    return terminal;
  };
  const replies = join(dir, 'state', 'ua', 'replies.json');
  return { dir, on, atTerminal, replies };
}

describe('the follow-up question, in a real terminal', () => {
  it('asked after the command’s own work; "only an acknowledgement" goes in the next submission, as a count', async () => {
    const { dir, on, atTerminal, replies } = volunteer();
    const terminal = atTerminal(['list', '--all']);
    await terminal.waitFor(QUESTION);
    // The list came first.
    expect(terminal.screen.indexOf('105.22')).toBeLessThan(terminal.screen.search(QUESTION));
    // The pointer starts on "Ask me again tomorrow": an Enter pressed by mistake records nothing.
    await terminal.waitFor(CHOICES);
    expect(terminal.screen).toMatch(/❯ Ask me again tomorrow/);
    terminal.type(UP.repeat(3));
    await terminal.answer(/❯ Only an acknowledgement/);
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen).toContain('Noted. It goes with your next report, as a count only: ua report 105.22 --submit');
    expect(JSON.parse(readFileSync(replies, 'utf8')).uas['105.22'].boluarte).toEqual({ answer: 'acknowledged', day: '2026-12-07', channel: 'eml', lang: 'es' });

    const dryRun = ua(['report', '105.22', '--submit', '--dry-run', '--to', 'informes@seccion.example'], { cwd: dir, env: on('2026-12-08') });
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(JSON.parse(dryRun.stdout).counts).toEqual([
      { day: '2026-11-23', channel: 'eml', lang: 'es', outcome: 'prepared', count: 1 },
      { day: '2026-12-07', channel: 'eml', lang: 'es', outcome: 'acknowledged', count: 1 },
    ]);
    expect(dryRun.stderr).toContain('  email draft, 1 acknowledgement only\n');
    expect(dryRun.stderr).toContain('In all: 1 action.');

    // Asked once: the next run at a terminal goes straight to its end.
    const next = atTerminal(['list'], '2026-12-09');
    expect(await next.exited).toBe(0);
    expect(next.screen).not.toMatch(/Did a\s+reply/);
  });

  it('without a terminal: never asked, never waiting, nothing written; the question waits for a terminal', async () => {
    const { dir, on, atTerminal, replies } = volunteer();
    for (const args of [['list'], ['report', '105.22'], ['show', '105.22']]) {
      const result = ua(args, { cwd: dir, env: on('2026-12-07') });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/reply/);
    }
    expect(existsSync(replies)).toBe(false);
    const terminal = atTerminal(['show', '105.22']);
    await terminal.answer(QUESTION);
    expect(await terminal.exited).toBe(0);
  });

  it('Ctrl-C at the question: exit 130, quietly; the question comes again next time', async () => {
    const { atTerminal, replies } = volunteer();
    const stopped = atTerminal(['list']);
    await stopped.waitFor(QUESTION);
    stopped.type(KEY.ctrlC);
    expect(await stopped.exited).toBe(130);
    expect(stopped.screen).not.toMatch(/ua: |bug/);
    expect(existsSync(replies)).toBe(false);
    const again = atTerminal(['list']);
    await again.waitFor(QUESTION);
    await again.answer(/Did a\s+reply\s+come/);
    expect(await again.exited).toBe(0);
  });

  it('two runs at once: one asks, the other does not wait for it and asks nothing', async () => {
    const { atTerminal, replies } = volunteer();
    const [one, two] = [atTerminal(['list']), atTerminal(['show', '105.22'])] as [Terminal, Terminal];
    // The first to reach the question holds it; the other ends without asking.
    await Promise.race([one.waitFor(QUESTION), two.waitFor(QUESTION)]);
    const asking = QUESTION.test(one.screen) ? one : two;
    const other = asking === one ? two : one;
    expect(await other.exited).toBe(0);
    expect(other.screen).not.toMatch(/Did a\s+reply/);
    terminals.splice(terminals.indexOf(other), 1);
    await asking.waitFor(CHOICES);
    asking.type(UP.repeat(2));
    await asking.answer(/❯ No reply$/m);
    expect(await asking.exited).toBe(0);
    expect(JSON.parse(readFileSync(replies, 'utf8')).uas['105.22'].boluarte.answer).toBe('no-reply');
  });
});
