import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/core/action.js';
import { BLUESKY_LIMIT, type Platform, postLength, X_LIMIT } from '../../src/core/post-length.js';
import { accountsOf, composerLink, mastodonHost } from '../../src/core/post-links.js';
import { type Fitted, fitPost, variantIndex } from '../../src/core/post-text.js';

const HANDLE = '@JusticiaTL';
const TAGS = ['#Testland'];
// "@JusticiaTL " + body + "\n\n#Testland": 23 characters besides the body.
const AROUND = HANDLE.length + 1 + 2 + '#Testland'.length;

function fitted(result: Fitted): { text: string; length: number; shortened: boolean } {
  if ('refused' in result) throw new Error(`refused: ${result.refused}`);
  return result;
}

/** Words of `word` and a space, then `tail`, to exactly `length` as the platform counts. */
function bodyOf(platform: Platform, word: string, length: number): string {
  let body = '';
  while (postLength(platform, `${body}${word} `) <= length) body += `${word} `;
  while (postLength(platform, body) < length) body += 'x';
  return body;
}

describe('a post at its limit, and one past it', () => {
  it.each([
    ['x', X_LIMIT, 'libertad'],
    ['x', X_LIMIT, '日本語'],
    ['bluesky', BLUESKY_LIMIT, 'liberté'],
    ['bluesky', BLUESKY_LIMIT, 'e\u0301👨‍👩‍👧'],
    ['mastodon', 1000, 'Freiheit'],
  ] as const)('%s (%s): %s', (platform, limit, word) => {
    const body = bodyOf(platform, word, limit - AROUND);
    const exact = fitted(fitPost(platform, limit, { handle: HANDLE, body, hashtags: TAGS }));
    expect(exact).toMatchObject({ length: limit, shortened: false });
    expect(postLength(platform, exact.text)).toBe(limit);

    const over = fitted(fitPost(platform, limit, { handle: HANDLE, body: `${body}y`, hashtags: TAGS }));
    expect(over.shortened).toBe(true);
    expect(over.length).toBeLessThanOrEqual(limit);
    expect(postLength(platform, over.text)).toBe(over.length);
    // Cut between words: what is left is whole words of the text, and "…".
    const kept = over.text.slice(HANDLE.length + 1, over.text.indexOf('\n\n'));
    expect(kept.endsWith('…')).toBe(true);
    expect(`${body}y`.startsWith(kept.slice(0, -1).trimEnd())).toBe(true);
    expect(`${body}y`[kept.length - 1]).toBe(' ');
    expect(over.text.startsWith(`${HANDLE} `)).toBe(true);
    expect(over.text.endsWith('\n\n#Testland')).toBe(true);
  });
});

describe('shortening never cuts a link, a handle or a hashtag', () => {
  const link = 'https://www.amnesty.org/en/documents/amr46/0000/2026/en/';
  it('a link where the cut falls is left out whole; one that fits stays whole, with a space before "…"', () => {
    // X counts the link 23 wherever it is: the cut falls after it, or before it.
    for (const words of [50, 56, 58, 60, 63]) {
      const body = `${'abc '.repeat(words)}${link} and then more words here`;
      const { text } = fitted(fitPost('x', X_LIMIT, { handle: HANDLE, body, hashtags: TAGS }));
      expect(postLength('x', text)).toBeLessThanOrEqual(X_LIMIT);
      const links = text.match(/https?:\/\/\S+/g) ?? [];
      for (const found of links) expect(found).toBe(link);
    }
    // Bluesky counts the link in full: 12 + 80 + 56 = 148, and " …" makes 150, where nothing more fits.
    const { text } = fitted(fitPost('bluesky', 150, { handle: HANDLE, body: `${'b '.repeat(40)}${link} c d e f g h i j`, hashtags: [] }));
    expect(text).toContain(`${link} …`);
  });

  it('a hashtag or mention in the text stays whole', () => {
    const body = `${'word '.repeat(50)}#VeryLongHashtagForTheCase @SomeoneElse and more`;
    for (const limit of [270, 275, 280]) {
      const { text } = fitted(fitPost('x', limit, { handle: HANDLE, body, hashtags: [] }));
      expect(text).toMatch(/(?:word…|#VeryLongHashtagForTheCase …|@SomeoneElse …)$/);
    }
  });

  it('a hashtag the text already holds is not added twice', () => {
    const { text } = fitted(fitPost('x', X_LIMIT, { handle: HANDLE, body: 'Free them #testland', hashtags: ['#Testland', '#LibertadYa'] }));
    expect(text).toBe('@JusticiaTL Free them #testland\n\n#LibertadYa');
  });

  it('is refused, saying why, when even that cannot fit', () => {
    const tags = Array.from({ length: 30 }, (_, i) => `#hashtag${i}`);
    expect(fitPost('x', X_LIMIT, { handle: HANDLE, body: 'Free them', hashtags: tags })).toMatchObject({ refused: 'fixed' });
    expect(fitPost('x', X_LIMIT, { handle: HANDLE, body: `${'z'.repeat(300)} end`, hashtags: TAGS })).toMatchObject({ refused: 'firstWord' });
  });
});

describe('rotation', () => {
  it('two volunteers start at different texts; one volunteer posting again moves to the next', () => {
    const ana = variantIndex(3, 'Ana Pérez', 0);
    expect(variantIndex(3, 'Margaret Hughes', 0)).not.toBe(ana);
    // Over many volunteers each text gets its share: none is handed to nearly everyone.
    const names = Array.from({ length: 60 }, (_, i) => `Volunteer ${i}`);
    const shares = [0, 1, 2].map((text) => names.filter((name) => variantIndex(3, name, 0) === text).length);
    for (const share of shares) expect(share).toBeGreaterThan(10);
    expect(variantIndex(3, 'Ana Pérez', 1)).toBe((ana + 1) % 3);
    // The name as the journal compares signers: spacing and case do not make another person.
    expect(variantIndex(3, '  ana   PÉREZ ', 0)).toBe(ana);
    expect(variantIndex(1, 'Tom Lee', 5)).toBe(0);
  });
});

describe('share links', () => {
  const text = '@JusticiaTL Libérez-les & vite: 100% #Testland ¿ya? 日本 👨‍👩‍👧\n\n#LibertadYa';
  it.each([
    ['x', 'https://x.com/intent/post'],
    ['bluesky', 'https://bsky.app/intent/compose'],
    ['mastodon', 'https://mastodon.social/share'],
  ] as const)('%s: spaces, #, &, non-ASCII encoded, and decoded back equal', (platform, base) => {
    const link = composerLink(platform, text, 'mastodon.social');
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(base);
    expect(url.hash).toBe('');
    expect([...url.searchParams.keys()]).toEqual(['text']);
    expect(url.searchParams.get('text')).toBe(text);
    // Nothing in the value a browser or the platform would read as the end of it, or mangle.
    expect(link.slice(link.indexOf('?text=') + 6)).not.toMatch(/[\s#&?\u0080-\uffff]/u);
  });

  it('a Mastodon server as typed, or refused', () => {
    expect(mastodonHost(' https://Mastodon.Social/ ')).toBe('mastodon.social');
    expect(mastodonHost('mstdn.example:8443')).toBe('mstdn.example:8443');
    expect(mastodonHost('me@mastodon.social')).toBeUndefined();
    expect(mastodonHost('mastodon.social/about')).toBeUndefined();
    expect(mastodonHost('localhost')).toBeUndefined();
  });
});

describe('accounts', () => {
  it('handles as written or as profile links; platforms first, the others as profiles', () => {
    const target = {
      id: 'm',
      name: 'M',
      salutation: { en: 'Dear M,' },
      social: { instagram: 'justicia_tl', twitter: 'https://twitter.com/JusticiaTL', mastodon: 'justicia@social.example', bluesky: '@j.bsky.social' },
    } as Target;
    expect(accountsOf(target).map(({ network, platform, handle, profile }) => [network, platform, handle, profile])).toEqual([
      ['twitter', 'x', '@JusticiaTL', 'https://twitter.com/JusticiaTL'],
      ['mastodon', 'mastodon', '@justicia@social.example', 'https://social.example/@justicia'],
      ['bluesky', 'bluesky', '@j.bsky.social', 'https://bsky.app/profile/j.bsky.social'],
      ['instagram', undefined, '@justicia_tl', 'https://www.instagram.com/justicia_tl/'],
    ]);
  });
});
