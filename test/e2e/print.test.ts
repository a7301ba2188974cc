import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfText, pdfWordBoxes } from '../helpers/pdf.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { tempHome, ua } from '../helpers/spawn.js';

// Letters that print right: every name as written (or a clear refusal, never empty boxes), the
// return line never inside the envelope window's address, and a terminal that shows them once.
const NAMES = ['陳美玲', 'محمد عبد الله', 'Łukasz Wróbel', "Zoë O'Brien"];

describe('names in every script, in a print pack', () => {
  it('a PDF cannot print Chinese or Arabic yet: exit 2 before writing, naming the rows and characters', () => {
    const { dir, env } = tempHome();
    writeFileSync(join(dir, 'signups.csv'), `name,city,country\n${NAMES.map((name) => `${name},Leeds,UK`).join('\n')}\n`);
    const refused = ua(['batch', '105.22', '--signers', 'signups.csv', '--out', 'pack/'], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('signups.csv:2: name: "陳美玲" has characters a PDF from ua cannot print yet (陳, 美, 玲)');
    expect(refused.stderr).toMatch(/signups\.csv:3: name: "محمد عبد الله" has characters a PDF from ua cannot print yet \(م, ح, د/);
    expect(readdirSync(dir).sort()).toEqual(['cache', 'signups.csv'].filter((name) => readdirSync(dir).includes(name)).sort());

    // The others print, and a PDF reader reads every name back exactly.
    const rest = ua(['batch', '105.22', '--signers', 'signups.csv', '--out', 'pack/', '--skip-invalid'], { cwd: dir, env });
    expect(rest.code).toBe(0);
    const text = pdfText(join(dir, 'pack', 'print-pack.pdf'));
    expect(text).toContain('Łukasz Wróbel');
    expect(text).toContain("Zoë O'Brien");
    expect(text).not.toContain('陳');
    rmSync(dir, { recursive: true, force: true });
  });

  it('ua compose --format pdf with such a name: exit 2, nothing written, and the way that works', () => {
    const { dir, env } = tempHome();
    const result = ua(['compose', '105.22', '--name', '陳美玲', '--city', 'Leeds', '--country', 'UK', '--format', 'pdf', '--out', 'x.pdf'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ua: a PDF from ua cannot print 陳, 美, 玲 yet (in --name "陳美玲"); nothing was written');
    expect(result.stderr).toContain('Use --format html');
    expect(readdirSync(dir)).not.toContain('x.pdf');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the return line above the window', () => {
  it('a 60-character name and a three-line address: the return line stays one line, clear of the recipient', () => {
    const { dir, env } = tempHome();
    const name = 'María de los Ángeles Fernández-Villavicencio y Castañeda Ruz';
    expect(name).toHaveLength(60);
    const address = ['--address', 'Flat 12, Riverside Court', '--address', '123 Long Street Name Avenue', '--address', 'Leeds LS1 2AB'];
    const args = [
      'compose',
      '105.22',
      '--name',
      name,
      '--city',
      'Leeds',
      '--country',
      'UK',
      ...address,
      '--target',
      'boluarte',
      '--format',
      'pdf',
      '--out',
      'x.pdf',
    ];
    expect(ua(args, { cwd: dir, env }).code).toBe(0);
    const pdf = join(dir, 'x.pdf');

    // The words, where the PDF puts them: the return line (small type) and the recipient's name.
    const words = [...pdfWordBoxes(pdf, { first: 1, last: 1 }).matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
      top: Number(m[1]),
      bottom: Number(m[2]),
      text: m[3] as string,
    }));
    const recipientTop = words.find((word) => word.text === 'Dina')?.top as number;
    const returnLine = words.filter((word) => word.bottom - word.top < 9 && Math.abs(word.top - 127.6) < 12);
    expect(returnLine.length).toBeGreaterThan(3);
    expect(new Set(returnLine.map((word) => word.top)).size).toBe(1);
    expect(returnLine.map((w) => w.text).join(' ')).toMatch(/…$/);
    expect(Math.max(...returnLine.map((word) => word.bottom))).toBeLessThan(recipientTop);

    // And as printed: in the window (25–105 mm across, 45–85 mm down, at 100 dpi) a blank row
    // separates the return line's ink from the recipient's.
    const [width, rows] = [315, 158];
    const gray = execFileSync('pdftoppm', ['-gray', '-r', '100', '-f', '1', '-l', '1', '-x', '98', '-y', '177', '-W', String(width), '-H', String(rows), pdf]);
    const pixels = gray.subarray(gray.length - width * rows);
    const inked = Array.from({ length: rows }, (_, row) => pixels.subarray(row * width, (row + 1) * width).some((value) => value < 128));
    const bands = inked.flatMap((ink, row) => (ink && !inked[row - 1] ? [row] : []));
    expect(bands.length).toBeGreaterThanOrEqual(2);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('at a real terminal', () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.kill());

  it('the letters are shown once; "Done" keeps them on the screen', async () => {
    const { dir, env } = tempHome();
    terminal = new Terminal(['compose', '105.22', '--lang', 'es', '--target', 'boluarte', '--name', 'Ana', '--city', 'Leeds', '--country', 'UK'], {
      cwd: dir,
      env,
    });
    await terminal.answer(/about yourself/);
    await terminal.answer(/personal paragraph/);
    await terminal.answer(/What would you like to do/);
    await terminal.answer(/Also call/); // the UA's embassy has a phone: not now
    await terminal.answer(/Remember your details/, 'n');
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen.match(/Señora Presidenta:/g)).toHaveLength(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('Ctrl-C while the editor is open: the one cancellation line, exit 130, no temporary file left', async () => {
    const { dir, env } = tempHome();
    const temp = mkdtempSync(join(tmpdir(), 'ua-editor-'));
    // An editor that takes its time, in a folder whose name has a space (no shell splits it).
    const editor = join(dir, 'slow editor');
    writeFileSync(editor, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    terminal = new Terminal(['compose', '105.22', '--lang', 'es', '--target', 'boluarte', '--name', 'Ana', '--city', 'Leeds', '--country', 'UK'], {
      cwd: dir,
      env: { ...env, EDITOR: `'${editor}'`, TMPDIR: temp },
    });
    await terminal.answer(/about yourself/);
    await terminal.answer(/personal paragraph/);
    await terminal.waitFor(/What would you like to do/);
    terminal.type(KEY.down);
    terminal.type(KEY.down);
    await terminal.answer(/❯ Edit it in your editor/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    terminal.type(KEY.ctrlC);
    expect(await terminal.exited).toBe(130);
    expect(terminal.screen.match(/Cancelled — nothing was sent\./g)).toHaveLength(1);
    expect(readdirSync(temp)).toEqual([]);
    rmSync(temp, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });
});
