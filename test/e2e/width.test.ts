import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/core/screen.js';
import { FIXTURES } from '../helpers/paths.js';
import { Terminal } from '../helpers/pty.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
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
    await terminal.answer(/Also call/); // the UA's embassy has a phone: not now
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

// What a person reads at a narrow terminal: every line ua writes (notes, questions, the answers
// Inquirer echoes, the summary before a send, its outcome) breaks between words. The rows are read
// as the terminal shows them (helpers/pty.ts rows): none may be one the terminal began itself
// because a line ran past its edge, and every answer must read whole when its lines are joined.
describe.each([40, 60])('a terminal %i columns wide, from the first question to the last word', (columns) => {
  let terminal: Terminal | undefined;
  let smtp: TestSmtp | undefined;
  afterEach(async () => {
    terminal?.kill();
    await smtp?.close();
    smtp = undefined;
  });

  const shown = (rows: { text: string; wrapped: boolean }[]) => flat(rows.map((row) => row.text).join('\n'));
  const fits = (rows: { text: string; wrapped: boolean }[]) => {
    expect(rows.filter((row) => row.wrapped).map((row) => row.text)).toEqual([]);
    expect(rows.filter((row) => displayWidth(row.text) > columns).map((row) => row.text)).toEqual([]);
  };

  it('compose: the questions, the choices and the answers echoed after them', async () => {
    const { dir, env } = tempHome();
    // A saved profile: the question is whether to write as its sender, and nothing is offered to save.
    mkdirSync(join(dir, 'config', 'ua'), { recursive: true });
    writeFileSync(join(dir, 'config', 'ua', 'config.yaml'), 'profile:\n  name: Ana Pérez\n  city: Leeds\n  country: Reino Unido\n  lang: es\n');
    terminal = new Terminal(['compose', '105.22'], { cwd: dir, env, columns });
    await terminal.answer(/Write as Ana Pérez/);
    await terminal.answer(/Language of the letter/);
    await terminal.waitFor(/Write to/);
    // While asked: the officials' names and titles, and the keys' help, between words.
    fits(terminal.rows);
    expect(shown(terminal.rows)).toContain('Oswaldo de Rivero — Embajador del Perú en los Estados Unidos');
    for (const key of ['↑↓ navigate', 'space select', 'a all', 'i invert', '⏎ submit'])
      expect(terminal.rows.filter((row) => row.text.includes(key))).not.toEqual([]);
    await terminal.answer(/Write to/);
    await terminal.answer(/One sentence about yourself/, 'I am a nurse in a public hospital in the north of England');
    await terminal.answer(/A personal paragraph/);
    await terminal.answer(/What would you like to do/);
    await terminal.answer(/Also call/);
    expect(await terminal.exited).toBe(0);
    const rows = terminal.rows;
    fits(rows);
    for (const echoed of [
      '✔ Write as Ana Pérez, Leeds, Reino Unido? Yes',
      '✔ Language of the letter Español (es) — preferred by the targets',
      '✔ Write to Dina Ercilia Boluarte Zegarra — Presidenta de la República del Perú, Oswaldo de Rivero — Embajador del Perú en los Estados Unidos',
      '✔ One sentence about yourself, in Spanish (optional) I am a nurse in a public hospital in the north of England',
      '✔ What would you like to do? Done: keep them as shown above',
      'Your letters are above: print them from your terminal',
    ])
      expect(shown(rows)).toContain(echoed);
    rmSync(dir, { recursive: true, force: true });
  });

  it('compose --send: the summary before the question, the question, and how the send went', async () => {
    smtp = await startSmtp({ rcpt: (address) => (address === 'fiscal@fiscalia.example' ? 550 : undefined) });
    const { dir, env } = tempHome();
    const sender = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--email', 'ana@example.org', '--about', '', '--note', ''];
    const args = ['--actions-dir', FIXTURES, 'compose', '901.26', '--lang', 'es', '--target', 'all', ...sender, '--send'];
    terminal = new Terminal(args, { cwd: dir, env: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }, columns });
    await terminal.answer(/Send these 4 emails\?/, 'y');
    await terminal.answer(/Remember your details/, 'n');
    expect(await terminal.exited).toBe(3);
    const rows = terminal.rows;
    fits(rows);
    expect(shown(rows)).toMatch(/About to send 4 emails from ana@example\.org via 127\.0\.0\.1:\d+ \(STARTTLS if offered\):/);
    expect(shown(rows)).toContain('4. Defensora Muñoz <defensora@defensoria.example> [es] "Acción Urgente 901.26: liberen a los manifestantes"');
    expect(shown(rows)).toContain('Gobernador Sin Correo has no email address in UA 901.26: write by post.');
    expect(shown(rows)).toContain('✔ Send these 4 emails? Yes');
    expect(shown(rows)).toContain('3 of 4 letters sent');
    // And the sentence `ua report` gives to paste into the section's form.
    terminal = new Terminal(['report'], { cwd: dir, env, columns });
    expect(await terminal.exited).toBe(0);
    fits(terminal.rows);
    expect(shown(terminal.rows)).toMatch(
      /Urgent Action 901\.26: I sent 3 emails \(in Spanish\) to Ministra Ñúñez, Presidente Peña and Defensora Muñoz, on \d+ \w+ \d{4}\./,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.each([40, 60])('ua batch in a terminal %i columns wide', (columns) => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.kill());

  it('the progress bar stays on its one line; the notes and what was written break between words', async () => {
    const { dir, env } = tempHome();
    // A batch runs in a worker thread, which learns the terminal's width from the main thread:
    // COLUMNS, which most shells do not export, is left out.
    const args = ['--lang-ui', 'es', 'batch', '105.22', '--copies', '40', '--lang', 'es,fr', '--out', 'pack/'];
    terminal = new Terminal(args, { cwd: dir, env: { ...env, COLUMNS: undefined }, columns });
    expect(await terminal.exited).toBe(0);
    const rows = terminal.rows;
    expect(rows.filter((row) => row.wrapped).map((row) => row.text)).toEqual([]);
    expect(flat(rows.map((row) => row.text).join('\n'))).toContain('80 cartas escritas en pack/: envelopes.pdf, labels.pdf, print-pack.pdf, tally.csv.');
    rmSync(dir, { recursive: true, force: true });
  });
});
