import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { Terminal } from '../helpers/pty.js';
import { tempHome } from '../helpers/spawn.js';

// A print pack is made in a worker thread (io/worker-run.ts), which has no terminal to ask on:
// the offer to report the evening comes from the main thread once the pack is in place, once.

let terminal: Terminal | undefined;
const homes: string[] = [];
afterEach(() => {
  terminal?.kill();
  terminal = undefined;
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ua batch at a real terminal', () => {
  it('after the print pack: asked once whether to report the evening; "no" leaves the line that says how', async () => {
    const { dir, env } = tempHome();
    homes.push(dir, env.XDG_CACHE_HOME as string);
    const actions = join(dir, 'actions');
    mkdirSync(actions);
    writeFileSync(join(actions, '901.26.yaml'), `${readFileSync(join(FIXTURES, '901.26.yaml'), 'utf8')}\nreport:\n  email: informes@seccion.example\n`);
    terminal = new Terminal(['--actions-dir', actions, 'batch', '901.26', '--copies', '2', '--lang', 'es', '--out', 'pack'], { cwd: dir, env });
    await terminal.answer(/Report this evening's actions for UA 901\.26 to the section now\?/, 'n');
    expect(await terminal.exited).toBe(0);
    expect(existsSync(join(dir, 'pack', 'print-pack.pdf'))).toBe(true);
    // What the terminal shows once the prompt has redrawn itself: the question once, the line once.
    const screen = terminal.rows.map((row) => row.text).join('\n');
    expect(screen.match(/Report this evening's actions/g)).toHaveLength(1);
    expect(screen.match(/To report this evening's actions to the section \(counts only\): ua report 901\.26 --submit/g)).toHaveLength(1);
  }, 300_000);
});
