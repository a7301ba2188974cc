import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPrivateKey, signIndex } from '../../src/io/feed-keys.js';
import { REAL_UA, realText } from '../helpers/broken.js';
import { SEED } from '../helpers/paths.js';
import { Terminal } from '../helpers/pty.js';
import { tempHome, uaAsync } from '../helpers/spawn.js';
import { huge, type StaticServer, serveFolder, trickle } from '../helpers/static-server.js';
import { t } from '../helpers/words.js';

// A section publishes its UAs as a signed feed on a plain web server; a volunteer subscribes,
// updates, and writes letters from it. What is tampered with is refused, what fails keeps the
// last good copy. The server is a real one on 127.0.0.1.

const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--no-interactive'];
let server: StaticServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Three UAs the section writes, open until next summer. */
function writeSectionUas(folder: string): void {
  for (const [id, title] of [
    ['201.26', 'Journalist detained'],
    ['202.26', 'Defenders threatened'],
    ['203.26', 'Student disappeared'],
  ] as const) {
    mkdirSync(join(folder, id === '203.26' ? 'older' : ''), { recursive: true });
    const text = realText()
      .replace('id: "105.22"', `id: "${id}"`)
      .replace('title: 18 killed during protests', `title: ${title}`)
      .replace('deadline: 2023-03-07', 'deadline: 2027-06-30');
    writeFileSync(join(folder, id === '203.26' ? 'older' : '', `${id}.yaml`), text);
  }
}

const ua = (args: string[], home: { dir: string; env: NodeJS.ProcessEnv }, env: NodeJS.ProcessEnv = {}) =>
  uaAsync(args, { cwd: home.dir, env: { ...home.env, UA_HTTP_TIMEOUT: '3', ...env } }).done;

/** keygen → build → serve → add: a subscribed volunteer, and the section's folders. */
async function subscribed() {
  const section = tempHome();
  writeSectionUas(join(section.dir, 'uas'));
  const keygen = await ua(['feed', 'keygen', '--out', 'section.key'], section);
  expect(keygen.code).toBe(0);
  const key = keygen.stdout.trim();
  expect(key).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
  expect(statSync(join(section.dir, 'section.key')).mode & 0o777).toBe(0o600);
  const build = await ua(['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site', '--name', 'amnesty-test'], section);
  expect(build.stderr).toContain('Built a feed of 3 UAs in site');
  expect(build.code).toBe(0);
  server = await serveFolder(join(section.dir, 'site'));
  const volunteer = tempHome();
  const add = await ua(['feed', 'add', 'section', server.url, '--key', key], volunteer);
  expect(add.code).toBe(0);
  return { section, volunteer, key, site: join(section.dir, 'site') };
}

describe('a section publishes, a volunteer subscribes', () => {
  it('keygen, build, serve, add, update: ua list shows the three with their source; compose works; a second update asks only for the index', async () => {
    const { volunteer } = await subscribed();
    const first = await ua(['update'], volunteer);
    expect(first.stderr).toContain('section: 3 new, 0 updated, 0 withdrawn.');
    expect(first.code).toBe(0);
    const list = await ua(['list'], volunteer);
    for (const id of ['201.26', '202.26', '203.26']) expect(list.stdout).toMatch(new RegExp(`${id}.*feed section`));
    expect(list.stderr).toMatch(/Feed section: last updated (just now|\d+ minutes? ago)/);
    const compose = await ua(['compose', '202.26', ...SENDER, '--lang', 'es', '--target', 'boluarte'], volunteer);
    expect(compose.code).toBe(0);
    expect(compose.stdout).toContain('Señora Presidenta:');

    const before = server?.log.length ?? 0;
    const second = await ua(['update'], volunteer);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('section: up to date.');
    expect(server?.log.slice(before)).toEqual([{ method: 'GET', path: '/index.json', status: 304 }]);
    const show = await ua(['show', '201.26'], volunteer);
    expect(show.stdout).toMatch(/From: feed section — .*201\.26\.yaml/);
  });

  it('a UA file changed on the server without a new signature: that file keeps its previous copy, exit 3', async () => {
    const { volunteer, site, section } = await subscribed();
    expect((await ua(['update'], volunteer)).code).toBe(0);
    // The section changes two UAs and rebuilds; then someone edits one of them on the host.
    for (const [id, from, to] of [
      ['201.26', 'Journalist detained', 'Journalist freed'],
      ['202.26', 'Defenders threatened', 'Defenders attacked'],
    ] as const)
      writeFileSync(join(section.dir, 'uas', `${id}.yaml`), readFileSync(join(section.dir, 'uas', `${id}.yaml`), 'utf8').replace(from, to));
    expect((await ua(['feed', 'build', 'uas', '--key', 'section.key', '--name', 'amnesty-test', '--out', 'site', '--force'], section)).code).toBe(0);
    appendFileSync(join(site, '202.26.yaml'), '# and a line added on the server\n');
    const update = await ua(['update'], volunteer);
    expect(update.stderr).toContain('202.26.yaml: not the file the index signed (its hash differs); its previous copy is kept');
    expect(update.code).toBe(3);
    // The good change arrived; the tampered file did not, and the previous one still works.
    expect((await ua(['show', '201.26'], volunteer)).stdout).toContain('Journalist freed');
    const previous = await ua(['show', '202.26'], volunteer);
    expect(previous.stdout).toContain('Defenders threatened');
    const compose = await ua(['compose', '202.26', ...SENDER, '--lang', 'es', '--target', 'boluarte'], volunteer);
    expect(compose.code).toBe(0);
  });

  it('an index signed with another key is refused: nothing changes, exit 1', async () => {
    const { volunteer, section } = await subscribed();
    expect((await ua(['update'], volunteer)).code).toBe(0);
    expect((await ua(['feed', 'keygen', '--out', 'other.key'], section)).code).toBe(0);
    rmSync(join(section.dir, 'uas', 'older'), { recursive: true });
    expect((await ua(['feed', 'build', 'uas', '--key', 'other.key', '--name', 'amnesty-test', '--out', 'site', '--force'], section)).code).toBe(0);
    const update = await ua(['update'], volunteer);
    expect(update.stderr).toContain('the index is not signed by the feed');
    expect(update.code).toBe(1);
    const list = await ua(['list'], volunteer);
    for (const id of ['201.26', '202.26', '203.26']) expect(list.stdout).toContain(id);
  });

  it('a local copy edited after the update is refused by compose and batch, exit 2, with what to do', async () => {
    const { volunteer } = await subscribed();
    expect((await ua(['update'], volunteer)).code).toBe(0);
    const feeds = join(volunteer.dir, '.local', 'share', 'ua', 'feeds', 'section');
    const version = readdirSync(feeds).find((name) => name.startsWith('v-')) as string;
    const file = join(feeds, version, '201.26.yaml');
    appendFileSync(file, '# edited here, after the update\n');
    // Not a file the volunteer wrote: no line of it to fix, only the feed's copy to fetch again.
    const said = `ua: ${file} has changed since feed section signed it\n  Run "ua update" to fetch it again as the feed signed it.\n`;
    const compose = await ua(['compose', '201.26', ...SENDER], volunteer);
    expect(compose.code).toBe(2);
    expect(compose.stderr).toBe(said);
    const batch = await ua(['batch', '201.26', '--copies', '1', '--out', 'x/'], volunteer);
    expect(batch.code).toBe(2);
    expect(batch.stderr).toBe(said);
    const list = await ua(['list'], volunteer);
    expect(list.stderr).toContain(`ua: warning: skipped ${file} (changed since feed section signed it; run "ua update")`);
    expect(list.stderr).not.toContain('ua validate');
  });

  it('a file that failed once is fetched again at the next update (not "up to date")', async () => {
    const section = tempHome();
    writeSectionUas(join(section.dir, 'uas'));
    const key = (await ua(['feed', 'keygen', '--out', 'section.key'], section)).stdout.trim();
    await ua(['feed', 'build', 'uas', '--key', 'section.key', '--name', 'amnesty-test', '--out', 'site'], section);
    let refuse = true;
    server = await serveFolder(join(section.dir, 'site'), {
      '/202.26.yaml': (_req, res) => {
        if (refuse) {
          refuse = false;
          res.statusCode = 503;
          res.end('busy');
        } else res.end(readFileSync(join(section.dir, 'site', '202.26.yaml')));
      },
    });
    const volunteer = tempHome();
    await ua(['feed', 'add', 'section', server.url, '--key', key], volunteer);
    const first = await ua(['update'], volunteer);
    expect(first.code).toBe(3);
    expect(first.stderr).toContain('section: 2 new, 0 updated, 0 withdrawn.');
    expect(first.stderr).toContain('the server answered 503');
    const second = await ua(['update'], volunteer);
    expect(second.stderr).toContain('section: 1 new, 0 updated, 0 withdrawn.');
    expect(second.code).toBe(0);
    expect((await ua(['show', '202.26'], volunteer)).code).toBe(0);
  });

  it('ua update mends a copy edited here, although the feed has not changed; ua validate checks feeds as compose does', async () => {
    const { volunteer } = await subscribed();
    expect((await ua(['update'], volunteer)).code).toBe(0);
    expect((await ua(['validate'], volunteer)).code).toBe(0);
    const feeds = join(volunteer.dir, '.local', 'share', 'ua', 'feeds', 'section');
    const version = readdirSync(feeds).find((name) => name.startsWith('v-')) as string;
    appendFileSync(join(feeds, version, '201.26.yaml'), '# edited here\n');
    const validate = await ua(['validate'], volunteer);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain('changed since feed section signed it');
    const update = await ua(['update'], volunteer);
    expect(update.code).toBe(0);
    expect((await ua(['compose', '201.26', ...SENDER, '--lang', 'es', '--target', 'boluarte'], volunteer)).code).toBe(0);
  });

  it("titles in a signed index reach the terminal escaped: an index is the feed's words, not ua's", async () => {
    const { volunteer, section, site } = await subscribed();
    const index = JSON.parse(readFileSync(join(site, 'index.json'), 'utf8')) as { uas: { title: string }[] };
    for (const entry of index.uas) entry.title = `\u001b]0;owned\u0007\u001b[2J${entry.title}`;
    const json = Buffer.from(`${JSON.stringify(index, null, 2)}\n`);
    writeFileSync(join(site, 'index.json'), json);
    writeFileSync(join(site, 'index.json.sig'), signIndex(json, readPrivateKey(t, join(section.dir, 'section.key'))));
    const update = await ua(['update'], volunteer);
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('+ 201.26  \\u001b]0;owned\\u0007\\u001b[2JJournalist detained');
    expect(update.stderr).not.toMatch(/[\u001b\u0007]/);
  });

  it('an older index, even one the section signed, is refused: what was corrected stays corrected', async () => {
    const { volunteer, section, site } = await subscribed();
    expect((await ua(['update'], volunteer)).code).toBe(0);
    cpSync(site, join(section.dir, 'site.old'), { recursive: true });
    writeFileSync(
      join(section.dir, 'uas', '201.26.yaml'),
      readFileSync(join(section.dir, 'uas', '201.26.yaml'), 'utf8').replace('Journalist detained', 'Journalist freed'),
    );
    expect((await ua(['feed', 'build', 'uas', '--key', 'section.key', '--name', 'amnesty-test', '--out', 'site', '--force'], section)).code).toBe(0);
    expect((await ua(['update'], volunteer)).code).toBe(0);
    rmSync(site, { recursive: true });
    cpSync(join(section.dir, 'site.old'), site, { recursive: true });
    const replay = await ua(['update'], volunteer);
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain('the index is older than the one you have');
    expect((await ua(['show', '201.26'], volunteer)).stdout).toContain('Journalist freed');
  });

  it('unsubscribing from the last feed leaves no config file behind; subscribing again writes it as people read it', async () => {
    const { volunteer, key } = await subscribed();
    expect((await ua(['feed', 'remove', 'section'], volunteer)).code).toBe(0);
    expect(readdirSync(join(volunteer.dir, 'config', 'ua'))).toEqual([]);
    expect((await ua(['feed', 'add', 'again', server?.url ?? '', '--key', key], volunteer)).code).toBe(0);
    expect(readFileSync(join(volunteer.dir, 'config', 'ua', 'config.yaml'), 'utf8')).toMatch(/^feeds:\n {2}again:\n {4}url: /m);
  });

  it('the server down: ua update exits 1 at once; ua list still lists the feed, with when it was last updated', async () => {
    const { volunteer } = await subscribed();
    expect((await ua(['update'], volunteer)).code).toBe(0);
    await server?.close();
    server = undefined;
    const update = await ua(['update'], volunteer);
    expect(update.code).toBe(1);
    expect(update.stderr).toMatch(/section: not updated: cannot fetch .*index\.json: the server refused the connection/);
    const list = await ua(['list'], volunteer);
    expect(list.stdout).toContain('201.26');
    expect(list.stderr).toMatch(/Feed section: last updated/);
  });

  it('a build with a broken UA file is refused with file:line:col, and nothing is written', async () => {
    const section = tempHome();
    writeSectionUas(join(section.dir, 'uas'));
    writeFileSync(
      join(section.dir, 'uas', '204.26.yaml'),
      realText().replace('id: "105.22"', 'id: "204.26"').replace('deadline: 2023-03-07', 'deadline: someday'),
    );
    await ua(['feed', 'keygen', '--out', 'section.key'], section);
    const build = await ua(['feed', 'build', 'uas', '--key', 'section.key', '--name', 'amnesty-test', '--out', 'site'], section);
    expect(build.code).toBe(2);
    expect(build.stderr).toMatch(/204\.26\.yaml:\d+:\d+: deadline: /);
    expect(readdirSync(section.dir)).not.toContain('site');
  });
});

describe("the feed's name is the section's to give", () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.kill());

  const section = async () => {
    const home = tempHome();
    writeSectionUas(join(home.dir, 'uas'));
    expect((await ua(['feed', 'keygen', '--out', 'section.key'], home)).code).toBe(0);
    return home;
  };
  const indexOf = (home: { dir: string }) => JSON.parse(readFileSync(join(home.dir, 'site', 'index.json'), 'utf8')) as { feed: string };

  it('--name names it (not the folder it is written to); without a terminal and without --name: one line, exit 2, nothing written', async () => {
    const home = await section();
    const refused = await ua(['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site'], home);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("ua: --name is needed: the feed's name, e.g. amnesty-es\n");
    expect(readdirSync(home.dir)).not.toContain('site');
    const badName = await ua(['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site', '--name', 'Amnesty ES'], home);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toBe('ua: --name "Amnesty ES": not a feed name (lowercase letters, digits and -, e.g. amnesty-es)\n');
    expect((await ua(['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site', '--name', 'amnesty-es'], home)).code).toBe(0);
    expect(indexOf(home).feed).toBe('amnesty-es');
  });

  it('at a terminal, it is asked for, and checked as --name is', async () => {
    const home = await section();
    terminal = new Terminal(['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site'], { cwd: home.dir, env: home.env });
    await terminal.answer(/Name of the feed/, 'Sección Madrid');
    await terminal.waitFor(/not a feed name/);
    terminal.type('\x7f'.repeat(20));
    await terminal.answer(/Name of the feed/, 'amnistia-madrid');
    expect(await terminal.exited).toBe(0);
    expect(indexOf(home).feed).toBe('amnistia-madrid');
  });
});

describe('what a feed server may not do', () => {
  it.each([
    ['a redirect to another scheme', { '/index.json': redirectTo('https://127.0.0.1:1/index.json') }, /a redirect to https, another scheme/],
    ['a 50 MB index', { '/index.json': huge }, /larger than 1 MB/],
    ['a server that trickles (slow-loris)', { '/index.json': trickle }, /no complete answer/],
  ])('%s: refused with one line', async (_, routes, message) => {
    const volunteer = tempHome();
    const site = join(volunteer.dir, 'site');
    mkdirSync(site);
    server = await serveFolder(site, routes);
    expect((await ua(['feed', 'add', 'bad', server.url, '--key', `ed25519:${Buffer.alloc(32, 7).toString('base64')}`], volunteer)).code).toBe(0);
    const update = await ua(['update'], volunteer, { UA_HTTP_TIMEOUT: '2' });
    expect(update.code).toBe(1);
    const lines = update.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('a feed address that is not https (and not this machine) is refused when added', async () => {
    const volunteer = tempHome();
    const add = await ua(['feed', 'add', 'x', 'http://example.org/feed/', '--key', `ed25519:${Buffer.alloc(32).toString('base64')}`], volunteer);
    expect(add.code).toBe(2);
    expect(add.stderr).toContain('must be https://');
  });
});

describe('UA folders', () => {
  it('UA_ACTIONS_DIR as a path list, subfolders searched; the same id as a bundled UA: show names the file used and the one hidden', async () => {
    const home = tempHome();
    const a = join(home.dir, 'a');
    const b = join(home.dir, 'b');
    writeSectionUas(join(a, 'deep'));
    mkdirSync(b);
    cpSync(REAL_UA, join(b, '105.22.yaml'));
    const env = { UA_ACTIONS_DIR: `${a}:${b}` };
    const list = await ua(['list', '--all'], home, env);
    for (const id of ['201.26', '202.26', '203.26', '105.22']) expect(list.stdout).toContain(id);
    const show = await ua(['show', '105.22'], home, env);
    expect(show.stdout).toMatch(/From: folder .*\/b — .*b\/105\.22\.yaml/);
    expect(show.stdout).toMatch(/hides .*actions\/105\.22\.yaml/);
    const validate = await ua(['validate'], home, env);
    expect(validate.stderr).toMatch(/warning: UA 105\.22 is in .*b\/105\.22\.yaml and in .*actions\/105\.22\.yaml/);
  });

  it('actions_dirs in the config file, and --actions-dir given twice', async () => {
    const home = tempHome();
    writeSectionUas(join(home.dir, 'mine'));
    mkdirSync(join(home.dir, 'config', 'ua'), { recursive: true });
    writeFileSync(join(home.dir, 'config', 'ua', 'config.yaml'), `actions_dirs:\n  - ${join(home.dir, 'mine')}\n`);
    const list = await ua(['list'], home);
    expect(list.stdout).toContain('201.26');
    const twice = await ua(['--actions-dir', 'mine/older', '--actions-dir', join(home.dir, 'mine'), 'show', '203.26'], home);
    expect(twice.stdout).toMatch(/From: folder .*mine\/older/);
  });
});

describe('folders that loop, overlap or are missing', () => {
  it('a link back up is not followed; the same folder twice hides nothing; a missing folder of UA_ACTIONS_DIR is passed over with a warning', async () => {
    const home = tempHome();
    const uas = join(home.dir, 'uas');
    writeSectionUas(uas);
    symlinkSync('..', join(uas, 'older', 'up'));
    const list = await ua(['--actions-dir', 'uas', '--actions-dir', './uas/', 'list'], home, { UA_ACTIONS_DIR: join(home.dir, 'usb-stick') });
    expect(list.code).toBe(0);
    expect(list.stdout.match(/201\.26/g)).toHaveLength(1);
    expect(list.stderr).toMatch(/warning: folder .*usb-stick passed over: cannot read the UA folder .*usb-stick: no such file or folder/);
    const show = await ua(['--actions-dir', 'uas', '--actions-dir', './uas/', 'show', '201.26'], home);
    expect(show.stdout).not.toContain('hides');
  });
});

describe('import from the web', () => {
  it('a page nested thousands of levels deep: one line, not a crash', async () => {
    const home = tempHome();
    writeFileSync(join(home.dir, 'deep.html'), `<html><body>${'<div><span>x '.repeat(5000)}</body></html>`);
    const result = await ua(['import', 'deep.html'], home);
    // 3: a page of nothing but x is written as an unfinished UA file; 2: refused as too deep.
    expect([2, 3]).toContain(result.code);
    expect(result.stderr).not.toMatch(/bug|\n\s+at /);
  });

  it('a server that compresses though asked not to: the page is read all the same', async () => {
    const home = tempHome();
    const seed = readFileSync(SEED);
    const { gzipSync } = await import('node:zlib');
    server = await serveFolder(home.dir, {
      '/ua.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'gzip' });
        res.end(gzipSync(seed));
      },
    });
    const result = await ua(['import', `${server.url}ua.txt`, '--json'], home);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { id: string }).id).toBe('105.22');
  });

  it('ua import <url> of a web page: its words, as a UA file', async () => {
    const home = tempHome();
    const site = join(home.dir, 'site');
    mkdirSync(site);
    const seed = readFileSync(SEED, 'utf8');
    const html = `<!doctype html><html><body>${seed
      .split(/\n\s*\n/)
      .map((paragraph) => `<p>${paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`)
      .join('\n')}</body></html>`;
    writeFileSync(join(site, 'ua.html'), html);
    server = await serveFolder(site);
    const result = await ua(['import', `${server.url}ua.html`, '--json'], home);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as { id: string; targets: unknown[] };
    expect(data.id).toBe('105.22');
    expect(data.targets.length).toBeGreaterThanOrEqual(2);
  });
});

function redirectTo(location: string) {
  return (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(302, { location });
    res.end();
  };
}
