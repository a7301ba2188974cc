import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_UA } from '../helpers/broken.js';
import { SEED } from '../helpers/paths.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempHome, uaAsync } from '../helpers/spawn.js';

const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--email', 'ana@example.org'];

/** Every key of a JSON value that is not snake_case, with where it is. */
function otherKeys(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => otherKeys(item, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(/^[a-z0-9]+(_[a-z0-9]+)*$/.test(key) ? [] : [`${at}.${key}`]),
    ...otherKeys(item, `${at}.${key}`),
  ]);
}

// Scripts read ua's JSON: one key style (snake_case) in every command, and no object keyed by
// data (an address, "email/es") where a list of records belongs.
describe('JSON output, command by command', () => {
  let smtp: TestSmtp;
  let run: (args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;
  let dir: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    const home = tempHome();
    dir = home.dir;
    const env = { ...home.env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    run = (args) => uaAsync(args, { cwd: dir, env }).done;
    mkdirSync(join(dir, 'config', 'ua'), { recursive: true });
    writeFileSync(join(dir, 'config', 'ua', 'config.yaml'), 'profile:\n  name: Ana Pérez\n  city: Leeds\n  country: Reino Unido\n');
    writeFileSync(join(dir, 'signups.csv'), 'name,city,country,email\nZoë Müller,York,UK,zoe@example.org\n');
    writeFileSync(join(dir, 'broken.yaml'), 'id: 1\n');
    // A feed to list (never fetched here).
    const key = await run(['feed', 'keygen', '--out', 'section.key']);
    expect((await run(['feed', 'add', 'section', 'https://example.org/ua/', '--key', key.stdout.trim()])).code).toBe(0);
    // Something in the journal for the report to tell.
    expect((await run(['compose', '105.22', ...SENDER, '--send', '--yes', '--after-deadline'])).code).toBe(0);
  });
  afterAll(async () => smtp.close());

  it.each([
    ['list', ['list', '--all', '--json'], 0],
    ['show', ['show', '105.22', '--json'], 0],
    ['compose --format json', ['compose', '105.22', '--no-interactive', ...SENDER, '--format', 'json'], 0],
    ['compose --send --json', ['compose', '105.22', ...SENDER, '--send', '--yes', '--after-deadline', '--resend', '--json'], 0],
    ['batch --send --json', ['batch', '105.22', '--signers', 'signups.csv', '--send', '--yes', '--after-deadline', '--from', 'org@example.org', '--json'], 0],
    ['report', ['report', '--json'], 0],
    ['validate', ['validate', REAL_UA, '--json'], 0],
    ['validate, a broken file', ['validate', 'broken.yaml', '--json'], 2],
    ['profile', ['profile', '--json'], 0],
    ['feed list', ['feed', 'list', '--json'], 0],
    ['import', ['import', SEED, '--json'], 0],
  ])('%s', async (_name, args, code) => {
    const result = await run(args as string[]);
    expect(result.code, result.stderr).toBe(code);
    const json = JSON.parse(result.stdout);
    expect(otherKeys(json)).toEqual([]);
    if (Array.isArray(json)) expect(json.length).toBeGreaterThan(0);
  });

  it('validate --json gives each file its verdict and its problems, located', async () => {
    const result = await run(['validate', REAL_UA, 'broken.yaml', '--json']);
    const [good, bad] = JSON.parse(result.stdout);
    expect(good).toMatchObject({ valid: true, id: '105.22', problems: [] });
    expect(bad).toMatchObject({ file: 'broken.yaml', valid: false, id: null });
    expect(bad.problems[0]).toMatchObject({ file: 'broken.yaml', line: expect.any(Number), col: expect.any(Number), message: expect.any(String) });
  });

  it('-v is --version', async () => {
    const [short, long] = await Promise.all([run(['-v']), run(['--version'])]);
    expect(short.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(short.stdout).toBe(long.stdout);
  });
});
