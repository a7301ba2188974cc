import type { Action, Lang, Target } from './action.js';
import { BLUESKY_LIMIT, type Platform, X_LIMIT } from './post-length.js';
import { type Account, accountsOf, composerLink } from './post-links.js';
import { fitPost } from './post-text.js';

/**
 * What `ua post` offers, pure: for each target and each account where ua can write, the post
 * and its composer link, or why it cannot fit; for the other accounts, their profiles.
 */
export interface PlannedPost {
  target: Target;
  account: Account & { platform: Platform };
  text: string;
  length: number;
  limit: number;
  shortened: boolean;
  /** The composer, prefilled; none for Mastodon until the volunteer's server is known. */
  link?: string;
}

export interface RefusedPost {
  target: Target;
  account: Account & { platform: Platform };
  reason: 'fixed' | 'firstWord';
  length: number;
  limit: number;
}

export interface PostPlan {
  posts: PlannedPost[];
  refused: RefusedPost[];
  profiles: { target: Target; account: Account }[];
}

/**
 * The languages a UA has posts in: its own `posts`, and the languages of its requests where
 * ua has a template to make a post of them (`templated`). A single list of requests is the
 * UA's own words, in English as UA files write them.
 */
export function postLanguages(action: Action, templated: readonly Lang[]): Lang[] {
  const own = Object.entries(action.posts ?? {})
    .filter(([, texts]) => texts.length > 0)
    .map(([lang]) => lang);
  const asks = action.asks;
  const fromAsks = asks === undefined ? [] : Array.isArray(asks) ? (asks.length > 0 ? ['en'] : []) : Object.keys(asks);
  return [...new Set([...own, ...fromAsks.filter((lang) => templated.includes(lang))])];
}

/** The texts handed out in turn: the UA's posts in that language, else one a request, by the template. */
export function postTexts(action: Action, lang: Lang, fromAsk?: (ask: string) => string): string[] {
  const own = action.posts?.[lang] ?? [];
  if (own.length > 0 || !fromAsk) return [...own];
  const asks = Array.isArray(action.asks) ? (lang === 'en' ? action.asks : []) : ((action.asks as Record<Lang, string[]> | undefined)?.[lang] ?? []);
  return asks.map(fromAsk);
}

/** Every chosen target's accounts: a post (or a refusal) where ua writes, the profile elsewhere. */
export function planPosts(input: {
  targets: readonly Target[];
  text: string;
  hashtags: readonly string[];
  mastodonLimit: number;
  mastodonServer?: string;
}): PostPlan {
  const plan: PostPlan = { posts: [], refused: [], profiles: [] };
  const limits: Readonly<Record<Platform, number>> = { x: X_LIMIT, bluesky: BLUESKY_LIMIT, mastodon: input.mastodonLimit };
  for (const target of input.targets) {
    for (const account of accountsOf(target)) {
      const { platform } = account;
      if (!platform) {
        plan.profiles.push({ target, account });
        continue;
      }
      const limit = limits[platform];
      const fitted = fitPost(platform, limit, { handle: account.handle, body: input.text, hashtags: input.hashtags });
      const on = { target, account: { ...account, platform } };
      if ('refused' in fitted) plan.refused.push({ ...on, reason: fitted.refused, length: fitted.length, limit });
      else {
        const link = platform === 'mastodon' && !input.mastodonServer ? undefined : composerLink(platform, fitted.text, input.mastodonServer);
        plan.posts.push({ ...on, ...fitted, limit, link });
      }
    }
  }
  return plan;
}
