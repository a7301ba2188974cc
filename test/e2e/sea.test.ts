import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEED } from '../helpers/paths.js';
import { pdfText } from '../helpers/pdf.js';
import { writeSignups } from '../helpers/signups.js';
import { deadPid, runProcess, SPAWN_LIMIT_MS, ua } from '../helpers/spawn.js';

// The single executable (npm run build:sea), built once into this file's own temporary folder
// and run as a volunteer runs it: from a folder of theirs, with no Node and no repository in
// sight. Its answers are those of `bin/ua.js`, to the byte.
const COMPOSE = ['compose', '105.22', '--no-interactive', '--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'];

let work = '';
let binary = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ua-sea-'));
  binary = join(work, process.platform === 'win32' ? 'ua.exe' : 'ua');
  // The build lists the package's files with `npm pack --dry-run`: what npm caches and logs stays here.
  const env = { ...process.env, npm_config_cache: join(work, 'npm-cache') };
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-sea.mjs'), '--out', binary], { cwd: ROOT, env, stdio: 'pipe', timeout: 2 * SPAWN_LIMIT_MS });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A clean home inside this file's folder. The cache, where the executable unpacks, is shared by
 * the tests that need not watch the unpacking (one unpacking for them all) unless one is given.
 */
function home(cache = join(work, 'shared-cache')): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(work, 'home-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: cache,
    TMPDIR: tmpdir(),
    LANG: 'C.UTF-8',
  };
  return { dir, env };
}

const sea = (args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }) => runProcess(binary, args, options);

describe('the single executable', () => {
  it('list and compose answer as bin/ua.js does: the same letter, notes and exit codes', () => {
    for (const args of [['list', '--all'], COMPOSE, ['compose', '999.99', '--no-interactive'], ['--version']]) {
      // Each in a fresh home: a list remembers what it has shown.
      const mine = home();
      const theirs = home(join(work, 'node-cache'));
      expect(sea(args, { cwd: mine.dir, env: mine.env }), args.join(' ')).toEqual(ua(args, { cwd: theirs.dir, env: theirs.env }));
      rmSync(mine.dir, { recursive: true, force: true });
      rmSync(theirs.dir, { recursive: true, force: true });
    }
    const { dir, env } = home();
    const letter = sea(COMPOSE, { cwd: dir, env });
    expect(letter.code).toBe(0);
    expect(letter.stdout).toMatch(/^Ana Pérez\nLeeds\nReino Unido\n/);
    expect(letter.stdout).toContain('\nSeñora Presidenta:\n');
    expect(letter.stderr).toContain('105.22');
    rmSync(dir, { recursive: true, force: true });
  });

  it('batch --format pdf writes a print pack with the signers’ names in it', () => {
    const { dir, env } = home();
    writeSignups(dir, { rows: 3 });
    const result = sea(['batch', '105.22', '--signers', 'signups.csv', '--format', 'pdf', '--out', `${join(dir, 'out')}/`], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(expect.arrayContaining(['envelopes.pdf', 'labels.pdf', 'print-pack.pdf', 'tally.csv']));
    expect(pdfText(join(dir, 'out', 'print-pack.pdf'))).toContain('Łukasz Wróbel 2');
    rmSync(dir, { recursive: true, force: true });
  });

  it('import of a text UA document, from a file and from stdin', () => {
    const { dir, env } = home();
    // A UA file is named by its id: 105.22.yaml (another name is written, but exit 3: ua would not find it).
    const fromFile = sea(['import', SEED, '-o', join(dir, '105.22.yaml')], { cwd: dir, env });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stderr).toContain(`It validates: ua validate ${join(dir, '105.22.yaml')}.`);
    expect(readFileSync(join(dir, '105.22.yaml'), 'utf8')).toContain('id: "105.22"');
    const fromStdin = sea(['import', '-', '-o', 'stdin/'], { cwd: dir, env, input: readFileSync(SEED, 'utf8') });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(existsSync(join(dir, 'stdin', '105.22.yaml'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGINT during a batch: exit 130, one cancellation line, nothing written', async () => {
    const { dir, env } = home();
    writeSignups(dir, { rows: 2000 });
    const child = spawn(binary, ['batch', '105.22', '--signers', 'signups.csv', '--out', 'letters/'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Once the staging folder exists, the letters are being written.
    const deadline = Date.now() + 20_000;
    while (!readdirSync(dir).some((name) => name.startsWith('.letters.ua-')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr.match(/Cancelled — nothing was written\./g)).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['signups.csv']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('two started at once on an empty cache both answer, and leave one whole folder', async () => {
    const { dir, env } = home();
    env.XDG_CACHE_HOME = join(dir, 'cache');
    const runs = [0, 1].map(
      () =>
        new Promise<{ code: number | null; stdout: string }>((resolve) => {
          const child = spawn(binary, COMPOSE, { cwd: dir, env, stdio: ['ignore', 'pipe', 'ignore'] });
          let stdout = '';
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString('utf8');
          });
          child.on('close', (code) => resolve({ code, stdout }));
        }),
    );
    const [first, second] = await Promise.all(runs);
    expect(first?.code).toBe(0);
    expect(second?.code).toBe(0);
    expect(second?.stdout).toBe(first?.stdout);
    expect(first?.stdout).toContain('Señora Presidenta:');
    // The unpacked files, and V8's code of the commands that ran (src/io/code-cache.ts).
    const kept = readdirSync(join(dir, 'cache', 'ua-letters'));
    expect(kept.filter((name) => name !== 'code')).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a half-unpacked folder left by a killed run is never used, and goes', () => {
    const { dir, env } = home();
    env.XDG_CACHE_HOME = join(dir, 'cache');
    // A run killed half-way (its process is gone): a partial folder with a broken ua in it.
    const dead = deadPid();
    const partial = join(dir, 'cache', 'ua-letters', `0123456789abcdef.partial-${dead}-x`);
    mkdirSync(join(partial, 'dist'), { recursive: true });
    writeFileSync(join(partial, 'dist', 'start.cjs'), 'process.exitCode = 9;');
    expect(sea(['--version'], { cwd: dir, env })).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    expect(readdirSync(join(dir, 'cache', 'ua-letters'))).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a cache it cannot write to: one line naming the folder and the way out, exit 1', () => {
    const { dir, env } = home();
    // A file where the folder should be: refused even to root, who may write anywhere else.
    writeFileSync(join(dir, 'not-a-folder'), '');
    env.XDG_CACHE_HOME = join(dir, 'not-a-folder');
    const english = sea(['--version'], { cwd: dir, env });
    expect(english).toEqual({
      code: 1,
      stdout: '',
      stderr: `ua: cannot unpack its files into ${join(dir, 'not-a-folder', 'ua-letters')} (a part of the path is a file, not a folder): set XDG_CACHE_HOME to a folder you can write to\n`,
    });
    const french = sea(['--version'], { cwd: dir, env: { ...env, LANG: 'fr_FR.UTF-8' } });
    expect(french.stderr).toMatch(
      /^ua: impossible d'extraire ses fichiers dans .* \(une partie du chemin est un fichier, pas un dossier\) : définissez XDG_CACHE_HOME/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('files gone from the unpacked folder: one line saying which folder to delete, exit 1', () => {
    const { dir, env } = home();
    env.XDG_CACHE_HOME = join(dir, 'cache');
    expect(sea(['--version'], { cwd: dir, env }).code).toBe(0);
    const [id] = readdirSync(join(dir, 'cache', 'ua-letters'));
    const folder = join(dir, 'cache', 'ua-letters', id ?? '');
    rmSync(join(folder, 'dist', 'cmd', 'compose.cjs'));
    const result = sea(['compose', '105.22'], { cwd: dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^ua: some of its files in ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} are missing \\(.*\\): delete that folder and run ua again\\n$`),
    );
    rmSync(folder, { recursive: true });
    expect(sea(['--version'], { cwd: dir, env }).code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
