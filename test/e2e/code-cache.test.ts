import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome, ua } from '../helpers/spawn.js';

const COMPOSE = ['compose', '105.22', '--no-interactive', '--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'];

const homes: string[] = [];
afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function home() {
  const made = tempHome();
  homes.push(made.dir, made.env.XDG_CACHE_HOME as string);
  return made;
}

/** The code cache's files: name and size. */
function cached(env: NodeJS.ProcessEnv): [string, number][] {
  const folder = join(env.XDG_CACHE_HOME as string, 'ua-letters', 'code');
  return readdirSync(folder).map((name) => [name, statSync(join(folder, name)).size]);
}

// src/io/code-cache.ts: V8's compiled code of a command, kept for its next start.
describe("the code cache: a copy of V8's compiled code, never needed", () => {
  it('a first run leaves a placeholder, the second the code, and every run writes the same letter', () => {
    const { env } = home();
    const first = ua(COMPOSE, { env });
    expect(cached(env)).toEqual([[expect.stringMatching(/^compose-[0-9a-f]{16}\.v8$/), 0]]);
    const second = ua(COMPOSE, { env });
    const [[name, size] = ['', 0]] = cached(env);
    expect(size).toBeGreaterThan(10_000);
    const third = ua(COMPOSE, { env });
    expect(cached(env)).toEqual([[name, size]]);
    expect(first.stdout).toContain('Señora Presidenta:');
    expect([second.stdout, third.stdout]).toEqual([first.stdout, first.stdout]);
    expect([first.code, second.code, third.code]).toEqual([0, 0, 0]);
  });

  it("another build's cache stays (two builds in use take no turns); only beyond the last three does one go", () => {
    const { env } = home();
    const folder = join(env.XDG_CACHE_HOME as string, 'ua-letters', 'code');
    mkdirSync(folder, { recursive: true });
    const others = ['compose-0000000000000001.v8', 'compose-0000000000000002.v8', 'compose-0000000000000003.v8'];
    others.forEach((name, age) => {
      writeFileSync(join(folder, name), 'another build');
      const when = new Date(Date.UTC(2026, 0, 1 + age));
      utimesSync(join(folder, name), when, when);
    });
    ua(COMPOSE, { env });
    ua(COMPOSE, { env });
    const names = cached(env).map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['compose-0000000000000002.v8', 'compose-0000000000000003.v8']));
    expect(names).not.toContain('compose-0000000000000001.v8');
    expect(names).toHaveLength(3);
  });

  it("a batch send, which tunes V8's heap as it runs, leaves a cache the next run takes (not refused and written again)", () => {
    const { dir, env } = home();
    const sheet = join(dir, 'signers.csv');
    writeFileSync(sheet, 'name,city,country,email\nAna Pérez,Leeds,UK,ana@example.org\n');
    const dryRun = ['batch', '105.22', '--signers', sheet, '--send', '--dry-run', '--after-deadline', '--from', 'o@example.org', '-q'];
    ua(dryRun, { env });
    ua(dryRun, { env });
    const file = join(env.XDG_CACHE_HOME as string, 'ua-letters', 'code', cached(env).find(([name]) => name.startsWith('batch-'))?.[0] ?? '');
    const written = statSync(file).mtimeMs;
    for (let run = 0; run < 2; run++) expect(ua(dryRun, { env }).code).toBe(0);
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('a damaged cache is refused by V8, and written again', () => {
    const { env } = home();
    const letter = ua(COMPOSE, { env }).stdout;
    ua(COMPOSE, { env });
    const [[name] = ['', 0]] = cached(env);
    const file = join(env.XDG_CACHE_HOME as string, 'ua-letters', 'code', name);
    writeFileSync(file, Buffer.alloc(5000, 7));
    expect(ua(COMPOSE, { env })).toMatchObject({ code: 0, stdout: letter, stderr: expect.not.stringMatching(/bug|Error/) });
    expect(readFileSync(file).equals(Buffer.alloc(5000, 7))).toBe(false);
  });

  it('a cache folder that cannot be written, or UA_CODE_CACHE=0: the same letter, and no cache', () => {
    const { dir, env } = home();
    const letter = ua(COMPOSE, { env }).stdout;
    writeFileSync(join(dir, 'a-file'), '');
    expect(ua(COMPOSE, { env: { ...env, XDG_CACHE_HOME: join(dir, 'a-file') } })).toMatchObject({ code: 0, stdout: letter });
    const off = { ...env, XDG_CACHE_HOME: join(dir, 'off'), UA_CODE_CACHE: '0' };
    for (let run = 0; run < 2; run++) expect(ua(COMPOSE, { env: off })).toMatchObject({ code: 0, stdout: letter });
    expect(existsSync(join(dir, 'off', 'ua-letters'))).toBe(false);
  });
});
