/**
 * How long a post is, counted as each platform counts it, pure. A post that the platform's
 * composer would refuse must be refused (or shortened) here, so every rule is the platform's own:
 *
 * - X: twitter-text's configuration v3 (the published rules; the npm package is unmaintained):
 *   the text in NFC; code points in 0–4351, 8192–8205, 8208–8223 and 8242–8247 weigh 1, every
 *   other one 2; every emoji sequence (ZWJ families, flags, keycaps, skin tones) 2; every URL 23.
 * - Bluesky: graphemes (what a reader sees as one character), links at their full length.
 * - Mastodon: graphemes; every http(s) link 23; a handle @user@server only its "@user".
 */

export type Platform = 'x' | 'bluesky' | 'mastodon';

export const X_LIMIT = 280;
export const BLUESKY_LIMIT = 300;
export const MASTODON_LIMIT = 500;
/** What X and Mastodon count for any link, however long. */
export const LINK_LENGTH = 23;

const X_LIGHT: readonly (readonly [number, number])[] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

// Built with RegExp, not a literal: the target (ES2022) predates the `v` flag Node 20 has.
const EMOJI_SOURCE = '^(?:\\p{RGI_Emoji}|\\p{Extended_Pictographic}\\uFE0F?)$';
const EMOJI = new RegExp(EMOJI_SOURCE, 'v');
// Top-level domains twitter-text links without "https://" that a UA's post is likely to hold.
const BARE_TLDS = 'com|org|net|int|edu|gov|info|io|es|fr|pe|uk|de|it|mx|ar|cl|co|ca|us|eu|be|ch|br|ly|gl|me';
const X_URL = new RegExp(`(?:https?://|www\\.)[^\\s]+|(?<![@#\\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${BARE_TLDS})\\b(?:/[^\\s]*)?`, 'giu');
const PROTOCOL_URL = /https?:\/\/[^\s]+/giu;
const MASTODON_HANDLE = /(^|[^\w/])(@[\w.]+)@[a-z0-9.-]+\.[a-z]{2,}/giu;
/** What a link ends before, as the platforms read it: "see example.org." is a link and a full stop. */
const TRAILING = /[.,;:!?)\]'"»…]+$/u;

/** The links in a text as X finds them: [start, end) in UTF-16 units. */
export function xLinks(text: string): [number, number][] {
  return spans(text, X_URL);
}

/** The weighted length X counts (twitter-text v3). */
export function xLength(text: string): number {
  const normal = text.normalize('NFC');
  let length = 0;
  let at = 0;
  for (const [start, end] of [...xLinks(normal), [normal.length, normal.length] as [number, number]]) {
    length += xWeight(normal.slice(at, start)) + (end > start ? LINK_LENGTH : 0);
    at = end;
  }
  return length;
}

/** Graphemes, as Bluesky counts a post (300). */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) count++;
  return count;
}

/** As Mastodon counts: links 23, remote handles by their local part, graphemes. */
export function mastodonLength(text: string): number {
  const links = spans(text, PROTOCOL_URL);
  let rest = '';
  let at = 0;
  for (const [start, end] of links) {
    rest += text.slice(at, start);
    at = end;
  }
  rest += text.slice(at);
  return graphemeLength(rest.replace(MASTODON_HANDLE, '$1$2')) + links.length * LINK_LENGTH;
}

export function postLength(platform: Platform, text: string): number {
  if (platform === 'x') return xLength(text);
  if (platform === 'bluesky') return graphemeLength(text);
  return mastodonLength(text);
}

function xWeight(text: string): number {
  let weight = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    if (segment.length > 1 && EMOJI.test(segment)) weight += 2;
    else if (/\p{Regional_Indicator}{2}|\u20E3/u.test(segment)) weight += 2;
    else for (const char of segment) weight += lightPoint(char.codePointAt(0) ?? 0) ? 1 : 2;
  }
  return weight;
}

function lightPoint(point: number): boolean {
  return X_LIGHT.some(([start, end]) => point >= start && point <= end);
}

function spans(text: string, pattern: RegExp): [number, number][] {
  const found: [number, number][] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const link = match[0].replace(TRAILING, '');
    if (link.length > 0) found.push([start, start + link.length]);
  }
  return found;
}
