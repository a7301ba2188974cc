import { describe, expect, it } from 'vitest';
import { graphemeLength, mastodonLength, postLength, xLength } from '../../src/core/post-length.js';

// Known cases of twitter-text's configuration v3: the weights come from its published ranges
// (0–4351, 8192–8205, 8208–8223, 8242–8247 weigh 1, the rest 2), an emoji sequence weighs 2,
// a link 23 however long.
describe('X: twitter-text v3 weights', () => {
  it.each([
    ['plain ASCII', 'Hello world', 11],
    ['280 ASCII letters', 'a'.repeat(280), 280],
    ['CJK: each character weighs 2', '日本語', 6],
    ['140 CJK characters fill a post', '中'.repeat(140), 280],
    ['Hangul syllables weigh 2', '한국어', 6],
    ['Cyrillic and Georgian (below 4352) weigh 1', 'Свобода ქართული', 15],
    ['Latin accents, composed or not (NFC first)', 'Pe\u0301rez Ñúñez', 11],
    ['curly quotes and dashes (8208–8223) weigh 1', '“free” – ‘now’', 14],
    ['prime (8242–8247) weighs 1, the ellipsis (8230) 2', '′…', 3],
    ['a simple emoji weighs 2', '😀', 2],
    ['a ZWJ family of seven code points weighs 2', '👨‍👩‍👧‍👦', 2],
    ['a flag weighs 2', '🇵🇪', 2],
    ['a skin tone stays one emoji', '👍🏽', 2],
    ['a heart with its variation selector', '❤️', 2],
    ['a keycap', '#️⃣', 2],
    ['an emoji among words', 'Free them 🕊️ now', 16],
    ['a long link weighs 23', `See https://www.amnesty.org/en/documents/${'x'.repeat(80)}/`, 27],
    ['a short link weighs 23 too', 'https://a.co', 23],
    ['a link without https:// (X links it)', 'see amnesty.org.', 28],
    ['a mention is text', '@PeruInTheUSA', 13],
    ['a hashtag is text', '#LibertadYa', 11],
  ])('%s', (_, text, weight) => {
    expect(xLength(text)).toBe(weight);
    expect(postLength('x', text)).toBe(weight);
  });
});

describe('Bluesky: graphemes', () => {
  it('counts what a reader sees as one character: combining marks and ZWJ sequences are one', () => {
    expect(graphemeLength('e\u0301')).toBe(1);
    expect(graphemeLength('👨‍👩‍👧‍👦')).toBe(1);
    expect(graphemeLength('🇵🇪 Perú')).toBe(6);
    expect(graphemeLength('日本語')).toBe(3);
    expect(postLength('bluesky', 'e\u0301'.repeat(300))).toBe(300);
  });

  it('counts a link at its full length', () => {
    expect(postLength('bluesky', 'https://www.amnesty.org/')).toBe(24);
  });
});

describe('Mastodon: links 23, handles by their local part', () => {
  it('counts every http(s) link as 23 and a remote handle as @user', () => {
    expect(mastodonLength('@justicia@social.testland.example hola')).toBe('@justicia hola'.length);
    expect(mastodonLength(`https://example.org/${'x'.repeat(100)} ok`)).toBe(26);
    expect(mastodonLength('👨‍👩‍👧‍👦 é')).toBe(3);
    // A bare domain is not a link to Mastodon: it counts as written.
    expect(mastodonLength('amnesty.org')).toBe(11);
  });
});
