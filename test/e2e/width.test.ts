import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/core/screen.js';
import { Terminal } from '../helpers/pty.js';
import { tempHome, ua } from '../helpers/spawn.js';

// A line broken between words leaves the text's words whole: with every run of spaces and line
// breaks made one space, the screen reads exactly as the same text written to a pipe (which
// keeps today's widths). A word cut in two ("Chec" / "k") would read differently.
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('a terminal 60 columns wide', () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.kill());

  it('ua show: every line fits, every break falls between words', async () => {
    const { dir, env } = tempHome();
    terminal = new Terminal(['show', '105.22'], { cwd: dir, env, columns: 60 });
    expect(await terminal.exited).toBe(0);
    const screen = terminal.screen;
    const piped = ua(['show', '105.22'], { env }).stdout;
    expect(Math.max(...piped.split('\n').map(displayWidth))).toBeGreaterThan(60);
    // A word longer than the screen (the file's path, from a clone in a deep folder) stands alone on its line.
    expect(screen.split('\n').filter((line) => displayWidth(line) > 60 && /\s/.test(line.trim()))).toEqual([]);
    expect(flat(screen)).toBe(flat(piped));
    rmSync(dir, { recursive: true, force: true });
  });

  it('the preview of ua compose: every line fits, every break falls between words', async () => {
    const { dir, env } = tempHome();
    const args = ['compose', '105.22', '--lang', 'es', '--target', 'all', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'];
    terminal = new Terminal([...args, '--about', '', '--note', ''], { cwd: dir, env, columns: 60 });
    await terminal.answer(/What would you like to do/);
    await terminal.answer(/Remember your details/, 'n');
    expect(await terminal.exited).toBe(0);
    // What ua wrote before its menu: the UA's title, the deadline's note, the letters. (Inquirer
    // then redraws its questions with cursor movements, which a capture cannot lay out as lines.)
    const screen = terminal.screen;
    const shown = screen.slice(0, screen.lastIndexOf('\n', screen.indexOf('What would you like to do')));
    expect(shown.split('\n').filter((line) => displayWidth(line) > 60)).toEqual([]);
    // The letters, the rule between them aside, against the same letters in a pipe; the note
    // against the same note in a pipe.
    const start = shown.indexOf('\nAna Pérez\n');
    const preview = shown.slice(start);
    expect(preview).toMatch(/^={60}$/m);
    const piped = ua([...args, '--no-interactive'], { env });
    expect(flat(preview.replace(/^=+$/gm, ''))).toBe(flat(piped.stdout));
    expect(piped.stderr).toMatch(/deadline/);
    expect(flat(shown.slice(0, start))).toContain(flat(piped.stderr));
    rmSync(dir, { recursive: true, force: true });
  });
});
