import type { Target } from './action.js';
import type { Platform } from './post-length.js';

/**
 * A target's accounts and the links that open them, pure: where ua can write a post (X,
 * Bluesky, Mastodon: a composer link, prefilled) and where it can only point (Instagram,
 * Facebook… : the profile).
 */
export interface Account {
  /** The UA file's name for it: twitter, x, bluesky, mastodon, instagram… */
  network: string;
  /** Where ua writes a post; undefined: shown as a link to the profile only. */
  platform?: Platform;
  /** "@PeruInTheUSA", "@gob.bsky.social", "@prensa@mastodon.social"; a profile's URL as the UA gives it. */
  handle: string;
  profile: string;
}

const PLATFORMS: Readonly<Record<string, Platform>> = { twitter: 'x', x: 'x', bluesky: 'bluesky', mastodon: 'mastodon' };

const PROFILES: Readonly<Record<string, (name: string) => string>> = {
  twitter: (name) => `https://x.com/${name}`,
  x: (name) => `https://x.com/${name}`,
  bluesky: (name) => `https://bsky.app/profile/${name}`,
  instagram: (name) => `https://www.instagram.com/${name}/`,
  facebook: (name) => `https://www.facebook.com/${name}`,
  threads: (name) => `https://www.threads.net/@${name}`,
  tiktok: (name) => `https://www.tiktok.com/@${name}`,
  youtube: (name) => `https://www.youtube.com/@${name}`,
  linkedin: (name) => `https://www.linkedin.com/in/${name}`,
};

/** Every account of a target, the ones ua writes for first, in the UA file's order. */
export function accountsOf(target: Target): Account[] {
  const accounts = Object.entries(target.social ?? {}).map(([network, written]) => account(network, written.trim()));
  return [...accounts.filter((a) => a.platform), ...accounts.filter((a) => !a.platform)];
}

function account(network: string, written: string): Account {
  const platform = PLATFORMS[network];
  if (/^https?:\/\//i.test(written)) {
    // A profile's address: its last part is the name ("https://x.com/PeruInTheUSA" is @PeruInTheUSA).
    const url = new URL(written);
    const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
    const local = last.replace(/^@/, '');
    const handle = platform === 'mastodon' ? `@${local}@${url.host}` : local ? `@${local}` : written;
    return { network, platform: local ? platform : undefined, handle, profile: written };
  }
  const name = written.replace(/^@/, '');
  if (platform === 'mastodon') {
    const [user = '', server = ''] = name.split('@');
    return { network, platform: server ? platform : undefined, handle: `@${name}`, profile: server ? `https://${server}/@${user}` : written };
  }
  return { network, platform, handle: `@${name}`, profile: (PROFILES[network] ?? ((n: string) => n))(encodeURIComponent(name)) };
}

/** The link that opens the platform's composer with the post written in it. */
export function composerLink(platform: Platform, text: string, mastodonServer?: string): string {
  const query = `text=${encodeURIComponent(text)}`;
  if (platform === 'x') return `https://x.com/intent/post?${query}`;
  if (platform === 'bluesky') return `https://bsky.app/intent/compose?${query}`;
  return `https://${mastodonServer}/share?${query}`;
}

/**
 * A Mastodon server as a person types it ("mastodon.social", "https://Mastodon.Social/"): its
 * host, or undefined when it is not one (a path, a space, an address with a user).
 */
export function mastodonHost(typed: string): string | undefined {
  const host = typed
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
  if (!/^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}(?::\d{1,5})?$/u.test(host)) return undefined;
  return host;
}
