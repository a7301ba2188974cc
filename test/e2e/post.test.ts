import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { Terminal } from '../helpers/pty.js';
import { tempHome, ua } from '../helpers/spawn.js';

const POSTS = join(ROOT, 'test', 'fixtures', 'posts');
const LOCALES = { en: 'en_GB.UTF-8', es: 'es_ES.UTF-8', fr: 'fr_FR.UTF-8' } as const;

/** What each interface language says: the platform names stay, the words around them change. */
const WORDS = {
  en: { profile: 'ua writes no post there', recorded: 'Recorded 1 post in the journal.' },
  es: { profile: 'ua no escribe publicaciones allí', recorded: '1 publicación anotada en el registro.' },
  fr: { profile: "ua n'y écrit pas", recorded: '1 publication notée dans le journal.' },
} as const;

describe('ua post as a process', () => {
  const homes: string[] = [];
  const terminals: Terminal[] = [];
  afterEach(() => {
    for (const terminal of terminals.splice(0)) terminal.kill();
    for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['en', 'es', 'fr'] as const)('in %s: posts and links on stdout; --posted records; ua report counts it', (lang) => {
    const { dir, env } = tempHome();
    homes.push(dir);
    const inLang = { ...env, LANG: LOCALES[lang], UA_JOURNAL: join(dir, 'journal.jsonl') };
    const shown = ua(['--actions-dir', POSTS, 'post', '902.26', '--lang', lang, '--target', 'minister', '--mastodon-server', 'mastodon.social'], {
      env: inLang,
    });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('https://x.com/intent/post?text=%40JusticiaTL%20');
    expect(shown.stdout).toContain('https://bsky.app/intent/compose?text=%40justicia-tl.bsky.social%20');
    expect(shown.stdout).toContain('https://mastodon.social/share?text=%40justicia%40social.testland.example%20');
    expect(shown.stdout).toContain(WORDS[lang].profile);
    // The post is in the language asked for: the UA's own texts in it.
    const first = new URL((shown.stdout.match(/https:\/\/x\.com\S+/) ?? [''])[0]).searchParams.get('text') ?? '';
    expect(first).toMatch({ en: /Testland (must|today)|Free the protesters/, es: /Liberen|Testland debe/, fr: /Libérez|Testland doit/ }[lang]);

    const posted = ua(
      ['--actions-dir', POSTS, 'post', '902.26', '--lang', lang, '--target', 'president', '--name', 'Ana Pérez', '--city', 'Leeds', '--posted'],
      {
        env: inLang,
      },
    );
    expect(posted.code).toBe(0);
    expect(posted.stderr).toContain(WORDS[lang].recorded);
    const line = JSON.parse(readFileSync(join(dir, 'journal.jsonl'), 'utf8'));
    expect(line).toMatchObject({ channel: 'social', state: 'posted', to: ['x:@PresidenciaTL'], lang });
    const report = ua(['report', '--json'], { env: inLang });
    expect(JSON.parse(report.stdout)[0].by_channel).toEqual([expect.objectContaining({ channel: 'social', lang, outcomes: { posted: 1 } })]);
  });

  it('usage errors are one line and exit 2', () => {
    const { dir, env } = tempHome();
    homes.push(dir);
    const limit = ua(['post', '105.22', '--limit', 'lots'], { env });
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('a post limit is a whole number from 100 to 100000');
    const server = ua(['post', '105.22', '--mastodon-server', 'me@mastodon.social'], { env });
    expect(server.code).toBe(2);
    expect(server.stderr).toContain('not a Mastodon server');
  });

  it("the seed UA: a post for the embassy on X, one of the UA's own in each language; the Instagram profile as a link", () => {
    const { dir, env } = tempHome();
    homes.push(dir);
    const result = ua(['post', '105.22', '--format', 'text'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Oswaldo de Rivero · X @PeruInTheUSA · \d+\/280\n@PeruInTheUSA .*\(AU 105\.22 de Amnist/);
    expect(result.stdout).toContain('https://www.instagram.com/peruintheusa/');
    for (const [lang, mark] of [
      ['en', /\(Amnesty (International )?UA 105\.22\)/],
      ['fr', /\(AU 105\.22 d'Amnesty/],
    ] as const) {
      expect(ua(['post', '105.22', '--format', 'text', '--lang', lang], { env }).stdout).toMatch(mark);
    }
  });

  it('at a real terminal: asks the Mastodon server, then whether each was posted, and records the yes', async () => {
    const { dir, env } = tempHome();
    homes.push(dir);
    const args = ['--actions-dir', POSTS, 'post', '902.26', '--lang', 'es', '--target', 'minister', '--name', 'Ana Pérez', '--city', 'Leeds'];
    const terminal = new Terminal(args, { cwd: dir, env: { ...env, LANG: LOCALES.es, UA_JOURNAL: join(dir, 'journal.jsonl') } });
    terminals.push(terminal);
    await terminal.answer(/Su servidor de Mastodon/, 'mastodon.social');
    await terminal.answer(/La ha publicado en X/, 'y');
    await terminal.answer(/La ha publicado en Bluesky/, 'n');
    await terminal.answer(/La ha publicado en Mastodon/, 'n');
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen).toContain('https://mastodon.social/share?text=');
    expect(terminal.screen).toContain('1 publicación anotada en el registro.');
    const line = JSON.parse(readFileSync(join(dir, 'journal.jsonl'), 'utf8'));
    expect(line).toMatchObject({ channel: 'social', state: 'posted', to: ['x:@JusticiaTL'], sender: 'Ana Pérez', lang: 'es' });
    expect(readFileSync(join(dir, 'config', 'ua', 'config.yaml'), 'utf8')).toContain('server: mastodon.social');
  });
});
