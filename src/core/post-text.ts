import { sha256Hex } from './digest.js';
import { signerName } from './identity.js';
import { type Platform, postLength } from './post-length.js';

/**
 * A post's text, pure: the target's handle, one of the UA's texts (handed out in turn), the
 * UA's hashtags; shortened to the platform's limit at a word boundary when it must be. Handles,
 * hashtags and links are never cut: the text loses whole words, and a post whose handle and
 * hashtags alone, or whose first word, cannot fit is refused, saying which.
 */

export type Fitted =
  | { text: string; length: number; shortened: boolean }
  /** `fixed`: the handle and hashtags alone are too long; `firstWord`: the text's first word with them is. */
  | { refused: 'fixed' | 'firstWord'; length: number };

const ELLIPSIS = '…';
/** A word a post must not end inside or run into: a link, a handle, a hashtag. */
const WHOLE = /^(?:https?:\/\/|www\.|[@#])|\.[a-z]{2,}(?:\/\S*)?$/iu;

/** "#ua10522" for "ua10522" or "#ua10522": hashtags as a post writes them. */
export function hashtag(tag: string): string {
  return tag.startsWith('#') ? tag : `#${tag}`;
}

/** The post: "@handle text" then the hashtags the text does not already hold, within `limit`. */
export function fitPost(platform: Platform, limit: number, parts: { handle: string; body: string; hashtags: readonly string[] }): Fitted {
  const body = parts.body.trim().replace(/\s+/g, ' ');
  const lower = body.toLocaleLowerCase();
  const tags = parts.hashtags.map(hashtag).filter((tag) => !new RegExp(`${escaped(tag.toLocaleLowerCase())}(?![\\p{L}\\p{N}_])`, 'u').test(lower));
  const whole = (text: string) => [`${parts.handle} ${text}`.trim(), tags.join(' ')].filter(Boolean).join('\n\n');
  const measure = (text: string) => postLength(platform, whole(text));
  if (measure(body) <= limit) return { text: whole(body), length: measure(body), shortened: false };
  if (measure(ELLIPSIS) > limit) return { refused: 'fixed', length: measure(ELLIPSIS) };
  const words = body.split(' ');
  // The most words that fit: lengths grow with words, so a binary search finds the last one.
  let low = 0;
  let high = words.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(cut(words, middle)) <= limit) low = middle;
    else high = middle - 1;
  }
  if (low === 0) return { refused: 'firstWord', length: measure(cut(words, 1)) };
  const text = cut(words, low);
  return { text: whole(text), length: measure(text), shortened: true };
}

/** The first `count` words and "…": after a link, handle or hashtag a space first, so it stays whole. */
function cut(words: readonly string[], count: number): string {
  const kept = words.slice(0, count);
  const last = (kept.pop() ?? '').replace(/[,;:–—-]+$/u, '');
  return [...kept, WHOLE.test(last) ? `${last} ${ELLIPSIS}` : `${last}${ELLIPSIS}`].join(' ');
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Which of a UA's texts a volunteer gets: a number drawn from their name (as the journal keys
 * signers, so "ana  pérez" is Ana Pérez), plus how many posts the journal already records of
 * them for this UA. Two volunteers start at different texts; one volunteer posting again moves
 * on to the next.
 */
export function variantIndex(count: number, name: string, earlierPosts: number): number {
  if (count <= 1) return 0;
  const drawn = Number.parseInt(sha256Hex(signerName(name)).slice(0, 8), 16);
  return (drawn + earlierPosts) % count;
}

export type { Platform };
