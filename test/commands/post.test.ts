import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { type Captured, fakeWorld, run, scriptedPrompter } from '../helpers/world.js';

const POSTS = join(ROOT, 'test', 'fixtures', 'posts');
const NOW = new Date('2026-12-07T15:40:00Z');
const ANA = ['--name', 'Ana Pérez', '--city', 'Leeds'];

/** A world with its own journal and config, the clock fixed; `again` runs where it ran. */
function postWorld(more: Parameters<typeof fakeWorld>[0] = {}, again?: Captured): Captured {
  const captured = again ? fakeWorld({ cwd: again.world.cwd, env: again.world.env, now: () => NOW, ...more }) : fakeWorld({ now: () => NOW, ...more });
  if (!again)
    captured.world = { ...captured.world, env: { ...captured.world.env, UA_JOURNAL: join(captured.world.cwd, 'journal.jsonl'), LANG: 'en_GB.UTF-8' } };
  return captured;
}

const post = (captured: Captured, ...args: string[]) => run(['--actions-dir', POSTS, 'post', '902.26', ...args], captured);
const journal = (captured: Captured) =>
  readFileSync(join(captured.world.cwd, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('ua post without a terminal', () => {
  it('prints a post and a composer link for each account, the others as profiles; nothing recorded without --posted', async () => {
    const captured = postWorld();
    const { code, stdout, stderr } = await post(captured, '--lang', 'en', '--mastodon-server', 'mastodon.social');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Ministra Ñúñez · X @JusticiaTL · \d+\/280\n@JusticiaTL .+\n\n#Testland #LibertadYa\nhttps:\/\/x\.com\/intent\/post\?text=%40JusticiaTL%20/m,
    );
    expect(stdout).toMatch(/· Bluesky @justicia-tl\.bsky\.social · \d+\/300\n[\s\S]*?\nhttps:\/\/bsky\.app\/intent\/compose\?text=/);
    expect(stdout).toMatch(/· Mastodon @justicia@social\.testland\.example · \d+\/500\n[\s\S]*?\nhttps:\/\/mastodon\.social\/share\?text=/);
    expect(stdout).toContain('Presidente Peña · X @PresidenciaTL');
    expect(stdout).toContain('Ministra Ñúñez · Instagram @justicia_tl · https://www.instagram.com/justicia_tl/');
    expect(stderr).toContain('Nothing recorded: give --posted');
    expect(() => journal(captured)).toThrow();
  });

  it('--posted writes one journal line a post, and ua report counts them', async () => {
    const captured = postWorld();
    expect((await post(captured, ...ANA, '--lang', 'es', '--target', 'president', '--posted')).code).toBe(0);
    const [line, ...rest] = journal(captured);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      v: 3,
      at: NOW.toISOString(),
      ua: '902.26',
      channel: 'social',
      state: 'posted',
      target: 'president',
      target_name: 'Presidente Peña',
      lang: 'es',
      to: ['x:@PresidenciaTL'],
      sender: 'Ana Pérez',
    });
    expect(line.key).toMatch(/^[0-9a-f]{32}:social:x$/);
    const report = await run(['report'], postWorld({}, captured));
    expect(report.stdout).toMatch(/post on social media\/es +1 posted/);
  });

  it('--posted says which flags a record needs; a Mastodon target needs a server', async () => {
    const nameless = await post(postWorld(), '--target', 'president', '--posted');
    expect(nameless.code).toBe(2);
    expect(nameless.stderr).toContain('--posted records who posted: give --name and --city');
    const serverless = await post(postWorld(), '--target', 'minister');
    expect(serverless.code).toBe(2);
    expect(serverless.stderr).toContain('give your server with --mastodon-server');
  });

  it('rotates the texts: two names get different ones, and one name the next text after posting', async () => {
    const texts = async (captured: Captured, ...who: string[]) =>
      JSON.parse((await post(captured, ...who, '--lang', 'en', '--target', 'president', '--format', 'json')).stdout).posts[0].text;
    const first = postWorld();
    const ana = await texts(first, ...ANA);
    expect(await texts(postWorld({}, first), '--name', 'Margaret Hughes', '--city', 'York')).not.toBe(ana);
    expect((await post(postWorld({}, first), ...ANA, '--target', 'president', '--posted', '--lang', 'en')).code).toBe(0);
    expect(await texts(postWorld({}, first), ...ANA)).not.toBe(ana);
  });

  it('--format json: each post with its length, limit and link; a custom Mastodon limit', async () => {
    const { stdout, code } = await post(
      postWorld(),
      '--lang',
      'fr',
      '--target',
      'minister',
      '--mastodon-server',
      'mstdn.example',
      '--limit',
      '1000',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ ua: '902.26', lang: 'fr', refused: [] });
    expect(json.posts.map((p: { platform: string; limit: number }) => [p.platform, p.limit])).toEqual([
      ['x', 280],
      ['bluesky', 300],
      ['mastodon', 1000],
    ]);
    const mastodon = json.posts[2];
    expect(new URL(mastodon.link).searchParams.get('text')).toBe(mastodon.text);
    expect(mastodon.link.startsWith('https://mstdn.example/share?text=')).toBe(true);
    expect(json.profiles).toEqual([{ target: 'minister', network: 'instagram', handle: '@justicia_tl', link: 'https://www.instagram.com/justicia_tl/' }]);
  });

  it('a UA without a text in that language, or a target without accounts, is refused in one line', async () => {
    const german = await post(postWorld(), '--lang', 'de');
    expect(german.code).toBe(2);
    expect(german.stderr).toContain('UA 902.26 has no posts or requests in "de"');
    const none = await post(postWorld(), '--target', 'governor');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no target of UA 902.26 has an account on social media');
  });
});

describe('ua post at a terminal', () => {
  it('asks the Mastodon server once and keeps it; opens each link; records the posts said yes to', async () => {
    const opened: string[] = [];
    const prompter = scriptedPrompter([
      [/Mastodon server/, 'https://Mastodon.Social/'],
      [/Did you post it on X \(@JusticiaTL\)/, true],
      [/Did you post it on Bluesky/, false],
      [/Did you post it on Mastodon/, true],
    ]);
    const captured = postWorld({ tty: true, prompter: async () => prompter, openUrl: async (url) => void opened.push(url) });
    const { code, stderr } = await post(captured, ...ANA, '--lang', 'en', '--target', 'minister', '--open');
    expect(code).toBe(0);
    expect(prompter.remaining()).toBe(0);
    expect(opened.map((url) => new URL(url).host)).toEqual(['x.com', 'bsky.app', 'mastodon.social']);
    expect(journal(captured).map((line) => line.to[0])).toEqual(['x:@JusticiaTL', 'mastodon:@justicia@social.testland.example']);
    expect(stderr).toContain('Recorded 2 posts in the journal.');
    const config = readFileSync(join(captured.world.env.XDG_CONFIG_HOME as string, 'ua', 'config.yaml'), 'utf8');
    expect(config).toContain('mastodon:\n  server: mastodon.social');

    // Kept: the next run asks no server.
    const again = scriptedPrompter([
      [/Did you post it on X/, false],
      [/Did you post it on Bluesky/, false],
      [/Did you post it on Mastodon/, false],
    ]);
    const second = await post(postWorld({ tty: true, prompter: async () => again }, captured), ...ANA, '--lang', 'en', '--target', 'minister');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('https://mastodon.social/share?text=');
  });

  it('the config file says the server and the limit; a wrong one is refused where it is', async () => {
    const captured = postWorld();
    const file = join(captured.world.cwd, 'config.yaml');
    captured.world = { ...captured.world, env: { ...captured.world.env, UA_CONFIG: file } };
    writeFileSync(file, 'mastodon:\n  server: social.example\n  limit: 700\n');
    const json = JSON.parse((await post(captured, '--target', 'minister', '--format', 'json')).stdout);
    expect(json.posts[2]).toMatchObject({ platform: 'mastodon', limit: 700 });
    expect(json.posts[2].link).toMatch(/^https:\/\/social\.example\/share\?/);
    writeFileSync(file, 'mastodon:\n  server: not a server\n');
    const bad = await post(postWorld({}, captured), '--target', 'minister');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a Mastodon server');
  });
});
