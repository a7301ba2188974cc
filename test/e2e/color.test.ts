import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/pty.js';
import { tempHome, ua } from '../helpers/spawn.js';

// Colours and text styles (bold, dim) are SGR sequences: ESC [ … m. Cursor movements, which the
// prompts need to redraw themselves, are other sequences and not what these tests are about.
const SGR = /\x1b\[[0-9;]*m/;

const ANSWERED = ['compose', '105.22', '--lang', 'es', '--target', 'boluarte', '--name', 'Ana', '--city', 'Leeds', '--country', 'UK'];

/** A compose at a terminal, through its prompts and its output, to the end; what the terminal received. */
async function composeAtTerminal(extraArgs: string[], extraEnv: NodeJS.ProcessEnv, terminals: Terminal[]): Promise<string> {
  const { dir, env } = tempHome();
  const terminal = new Terminal([...extraArgs, ...ANSWERED], { cwd: dir, env: { ...env, ...extraEnv } });
  terminals.push(terminal);
  await terminal.answer(/about yourself/);
  await terminal.answer(/personal paragraph/);
  await terminal.answer(/What would you like to do/);
  await terminal.answer(/Also call/); // the UA's embassy has a phone: not now
  await terminal.answer(/Remember your details/, 'n');
  expect(await terminal.exited).toBe(0);
  rmSync(dir, { recursive: true, force: true });
  return terminal.raw;
}

describe('colour everywhere as asked, the prompts included', () => {
  const terminals: Terminal[] = [];
  afterEach(() => {
    for (const terminal of terminals.splice(0)) terminal.kill();
  });

  it('at a terminal: colours by default; none with NO_COLOR=1, TERM=dumb or --no-color, in the prompts or the output', async () => {
    const [plain, noColor, dumb, flag] = await Promise.all([
      composeAtTerminal([], {}, terminals),
      composeAtTerminal([], { NO_COLOR: '1' }, terminals),
      composeAtTerminal([], { TERM: 'dumb' }, terminals),
      composeAtTerminal(['--no-color'], {}, terminals),
    ]);
    // The same run with nothing said is coloured (so the check below can fail): the question
    // mark, the letter's header, the highlighted choice.
    expect(plain).toMatch(SGR);
    for (const raw of [noColor, dumb, flag]) {
      expect(raw).toContain('Señora Presidenta:');
      expect(raw).toContain('What would you like to do');
      expect(raw).not.toMatch(SGR);
    }
  });

  it('in a pipe: no colour, unless FORCE_COLOR=1; --no-color still wins', () => {
    const { dir, env } = tempHome();
    expect(ua(['show', '105.22'], { env }).stdout).not.toMatch(SGR);
    const forced = ua(['show', '105.22'], { env: { ...env, FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[1mUA 105\.22 — 18 killed during protests/);
    expect(ua(['--no-color', 'show', '105.22'], { env: { ...env, FORCE_COLOR: '1' } }).stdout).not.toMatch(SGR);
    rmSync(dir, { recursive: true, force: true });
  });
});
