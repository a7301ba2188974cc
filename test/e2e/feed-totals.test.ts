import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPrivateKey, signIndex } from '../../src/io/feed-keys.js';
import { realText } from '../helpers/broken.js';
import { tempHome, uaAsync } from '../helpers/spawn.js';
import { type StaticServer, serveFolder } from '../helpers/static-server.js';
import { t } from '../helpers/words.js';

// The coordinator's totals travel in the section's signed feed: ua feed build --tallies, a real
// web server on 127.0.0.1, ua update on a volunteer's machine, then ua show and ua list.

let server: StaticServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Home = ReturnType<typeof tempHome>;
const ua = (args: string[], home: Home, env: NodeJS.ProcessEnv = {}) =>
  uaAsync(args, { cwd: home.dir, env: { ...home.env, UA_HTTP_TIMEOUT: '3', ...env } }).done;

/** Two UAs the section publishes, and the totals `ua tally --json` printed for them and one more. */
function section(): Home {
  const home = tempHome();
  mkdirSync(join(home.dir, 'uas'));
  for (const id of ['201.26', '202.26'])
    writeFileSync(
      join(home.dir, 'uas', `${id}.yaml`),
      realText().replace('id: "105.22"', `id: "${id}"`).replace('deadline: 2023-03-07', 'deadline: 2027-06-30'),
    );
  const uas = [
    { ua: '201.26', count: 2340, volunteers: 311, channels: { letter: 2000, email: 340 } },
    { ua: '999.20', count: 5, volunteers: 2 },
  ];
  writeFileSync(join(home.dir, 'totals.json'), JSON.stringify({ uas, set_aside: [] }));
  return home;
}

async function published(home: Home): Promise<{ key: string; volunteer: Home }> {
  const keygen = await ua(['feed', 'keygen', '--out', 'section.key'], home);
  expect(keygen.code).toBe(0);
  const build = await ua(
    ['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site', '--name', 'amnesty-test', '--tallies', 'totals.json', '--tallied-on', '2026-12-07'],
    home,
  );
  expect(build.stderr).toContain('ua: warning: totals.json: UA 999.20 is not in this feed; its total is left out\n');
  expect(build.stderr).toContain('Built a feed of 2 UAs in site');
  expect(build.code).toBe(0);
  server = await serveFolder(join(home.dir, 'site'));
  const volunteer = tempHome();
  expect((await ua(['feed', 'add', 'section', server.url, '--key', keygen.stdout.trim()], volunteer)).code).toBe(0);
  return { key: keygen.stdout.trim(), volunteer };
}

describe('totals published in the signed feed', () => {
  it('build --tallies, serve, add, update: ua show prints the total, ua list marks it, --json gives it; a UA without one shows nothing', async () => {
    const home = section();
    const { volunteer } = await published(home);
    expect((await ua(['update'], volunteer)).code).toBe(0);

    const show = await ua(['show', '201.26'], volunteer);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('\n2,340 actions reported by 311 people (tallied 7 December 2026)\n');
    const fr = await ua(['show', '201.26', '--lang-ui', 'fr'], volunteer);
    expect(fr.stdout).toContain('\n2\u202f340 actions signalées par 311 personnes (décompte du 7 décembre 2026)\n');
    expect((await ua(['show', '202.26'], volunteer)).stdout).not.toMatch(/reported by|tallied/);
    // The bundled UA is no feed's: no total.
    expect((await ua(['show', '105.22'], volunteer)).stdout).not.toMatch(/reported by|tallied/);
    expect(JSON.parse((await ua(['show', '201.26', '--json'], volunteer)).stdout).reported).toEqual({ actions: 2340, people: 311, on: '2026-12-07' });

    const json = JSON.parse((await ua(['list', '--json', '--all'], volunteer)).stdout) as { id: string; reported: unknown }[];
    const reported = Object.fromEntries(json.map((row) => [row.id, row.reported]));
    expect(reported).toEqual({ '201.26': { actions: 2340, people: 311, on: '2026-12-07' }, '202.26': null, '105.22': null });
    const list = await ua(['list'], volunteer);
    expect(list.stdout).toMatch(/201\.26 .*feed section · 2\.3K\n/);
    expect(list.stdout).toMatch(/202\.26 .*feed section\n/);
    expect(list.stderr).toContain("· N: actions the section's volunteers reported");
  });

  it('a total changed on the server without a new signature: ua update refuses the index, exit 1, and nothing changes', async () => {
    const home = section();
    const { volunteer } = await published(home);
    expect((await ua(['update'], volunteer)).code).toBe(0);
    // A new build (a day later) that someone then inflates on the host.
    expect(
      (await ua(['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site', '--name', 'amnesty-test', '--tallies', 'totals.json', '--force'], home)).code,
    ).toBe(0);
    const file = join(home.dir, 'site', 'index.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"actions": 2340', '"actions": 9999999'));
    const update = await ua(['update'], volunteer);
    expect(update.stderr).toContain('the index is not signed by the feed');
    expect(update.code).toBe(1);
    expect((await ua(['show', '201.26'], volunteer)).stdout).toContain('2,340 actions reported by 311 people (tallied 7 December 2026)');
  });

  it('a total the section signed, but impossible, is refused by update all the same (not an index)', async () => {
    const home = section();
    const { volunteer } = await published(home);
    const file = join(home.dir, 'site', 'index.json');
    const json = Buffer.from(readFileSync(file, 'utf8').replace('"actions": 2340', '"actions": -5'));
    writeFileSync(file, json);
    writeFileSync(`${file}.sig`, signIndex(json, readPrivateKey(t, join(home.dir, 'section.key'))));
    const update = await ua(['update'], volunteer);
    expect(update.stderr).toContain("not updated: the index is not a feed's index");
    expect(update.code).toBe(1);
  });

  it('a bad totals file: one line naming the file and the entry, exit 2, no feed written; --tallied-on checked', async () => {
    const home = section();
    expect((await ua(['feed', 'keygen', '--out', 'section.key'], home)).code).toBe(0);
    writeFileSync(
      join(home.dir, 'bad.json'),
      JSON.stringify({
        uas: [
          { ua: '201.26', count: 12, volunteers: 3 },
          { ua: '202.26', count: 1e9, volunteers: 3 },
        ],
      }),
    );
    const build = (extra: string[]) => ua(['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site', '--name', 'amnesty-test', ...extra], home);
    const bad = await build(['--tallies', 'bad.json']);
    expect(bad.stderr).toBe('ua: bad.json, uas[1] ("202.26"): "count" is not a whole number from 0 to 10,000,000; no feed was written\n');
    expect(bad.code).toBe(2);
    const missing = await build(['--tallies', 'nowhere.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ua: .*nowhere\.json/);
    const day = await build(['--tallies', 'totals.json', '--tallied-on', '2026-02-30']);
    expect(day.stderr).toContain('--tallied-on "2026-02-30": not a date (YYYY-MM-DD)');
    expect(day.code).toBe(2);
    const alone = await build(['--tallied-on', '2026-12-07']);
    expect(alone.stderr).toBe('ua: --tallied-on goes with --tallies (the day those totals were added up)\n');
    expect(alone.code).toBe(2);
    expect(() => readFileSync(join(home.dir, 'site', 'index.json'))).toThrow();
  });
});
