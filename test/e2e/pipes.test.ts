import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../helpers/paths.js';
import { pdfText } from '../helpers/pdf.js';
import { writeSignups } from '../helpers/signups.js';
import { BIN, runProcess, tempHome, ua } from '../helpers/spawn.js';

// A named pipe given as input or output: said at once when nothing is at its other end, never
// waited on for ever; read or written whole when something is, `<(…)` included. The programs at
// the other end run in a real shell, as a user's would.
const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--no-interactive'];

/** A home with a named pipe `p` in it. */
function withPipe(): { dir: string; env: NodeJS.ProcessEnv; done: () => void } {
  const home = tempHome();
  spawnSync('mkfifo', [join(home.dir, 'p')]);
  return { ...home, done: () => rmSync(home.dir, { recursive: true, force: true }) };
}

/** A shell line in the home (ua is "$UA"): its exit code and what it wrote; a generous limit, never a threshold. */
function shell(line: string, home: { dir: string; env: NodeJS.ProcessEnv }) {
  return runProcess('bash', ['-c', line], { cwd: home.dir, env: { ...home.env, UA: `${process.execPath} ${BIN}` } }, 60_000);
}

describe('a named pipe with nothing at the other end: one line, exit 2, at once', () => {
  it.each([
    ['--signers', ['batch', '105.22', '--signers', 'p', '--format', 'text', '--out', 'out/'], 'ua: --signers p: nothing writes to this pipe'],
    ['--answers', ['compose', '105.22', '--answers', 'p', '--no-interactive'], 'ua: --answers p: nothing writes to this pipe'],
    ['the import file', ['import', 'p'], 'p: nothing writes to this pipe'],
    ['compose --out', ['compose', '105.22', ...SENDER, '--out', 'p'], 'ua: cannot write p: no reader on the other end'],
    ['compose --format pdf --out', ['compose', '105.22', ...SENDER, '--format', 'pdf', '--out', 'p'], 'ua: cannot write p: no reader on the other end'],
  ])('%s', (_, argv, message) => {
    const home = withPipe();
    const result = ua(argv, { cwd: home.dir, env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/\n {2}Start the program that (writes to it|reads from the pipe) first, or give a file\.\n$/);
    expect(readdirSync(home.dir).filter((name) => name !== 'cache')).toEqual(['p']);
    home.done();
  });

  it('UA_CONFIG naming a pipe nothing writes to: said, not hung on while the interface language is chosen', () => {
    const home = withPipe();
    const result = ua(['list'], { cwd: home.dir, env: { ...home.env, UA_CONFIG: join(home.dir, 'p') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ua: the config file \S+\/p: nothing writes to this pipe\n/);
    home.done();
  });

  it('import -o a pipe nothing reads: refused, exit 2', () => {
    const home = withPipe();
    const result = ua(['import', join(DOCUMENTS, 'spanish.txt'), '-o', 'p'], { cwd: home.dir, env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ua: cannot write p: no reader on the other end');
    home.done();
  });
});

describe('with something at the other end, a pipe is read and written whole', () => {
  it('--signers <(…) from a slow program, and a named pipe whose writer started first, both past 64 kB', () => {
    const home = withPipe();
    writeSignups(home.dir, { rows: 1500 });
    expect(readFileSync(join(home.dir, 'signups.csv')).length).toBeGreaterThan(64 * 1024);
    const substituted = shell('$UA batch 105.22 --signers <(sleep 1; cat signups.csv) --format text --target boluarte --out a/', home);
    expect(substituted.code, substituted.stderr).toBe(0);
    expect(substituted.stderr).toContain('Wrote 1500 letters to a/');
    const named = shell('cat signups.csv > p & $UA batch 105.22 --signers p --format text --target boluarte --out b/; code=$?; wait; exit $code', home);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toContain('Wrote 1500 letters to b/');
    home.done();
  });

  it('--answers <(…), and --out a named pipe someone reads: the letter, and a whole PDF', () => {
    const home = withPipe();
    writeFileSync(join(home.dir, 'me.yaml'), 'name: Ana Pérez\ncity: León\ncountry: España\nlang: es\n');
    const answers = shell('$UA compose 105.22 --answers <(sleep 1; cat me.yaml) --no-interactive --target boluarte', home);
    expect(answers.code, answers.stderr).toBe(0);
    expect(answers.stdout).toContain('León');
    const text = shell(
      `cat p > letter.txt & $UA compose 105.22 ${SENDER.map((a) => `'${a}'`).join(' ')} --target boluarte --out p; code=$?; wait; exit $code`,
      home,
    );
    expect(text.code, text.stderr).toBe(0);
    expect(readFileSync(join(home.dir, 'letter.txt'), 'utf8')).toContain('Ana Pérez');
    const pdf = shell(`cat p > letter.pdf & $UA compose 105.22 ${SENDER.map((a) => `'${a}'`).join(' ')} --format pdf --out p; code=$?; wait; exit $code`, home);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdfText(join(home.dir, 'letter.pdf'))).toContain('Ana Pérez');
    home.done();
  });
});
