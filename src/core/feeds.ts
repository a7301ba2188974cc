import { checkEmail } from './address.js';
import { isReported, type Reported } from './feed-totals.js';
import type { Translate } from './i18n.js';
import { normalizeId } from './ids.js';

/**
 * A feed: a folder of UA files a section publishes on any static web host, with an index of
 * their hashes signed by the section's Ed25519 key. What it says, and the rules a name, an
 * address, a key and an index must follow; fetching and checking signatures is io/'s.
 */
export interface FeedConfig {
  url: string;
  /** "ed25519:" and the 32 bytes of the public key in base64, as `ua feed keygen` prints it. */
  key: string;
}

export interface FeedEntry {
  id: string;
  title: string;
  country: string;
  deadline: string;
  /** The file's name in the feed's folder (no path). */
  file: string;
  sha256: string;
  size: number;
  /** The section's total for this UA, signed with the rest (`ua feed build --tallies`). */
  reported?: Reported;
}

/** Where the feed's volunteers report their actions (`ua report --submit`), for every UA whose file names nowhere itself. */
export interface FeedReport {
  /** The section's report address: one address. */
  email?: string;
  /** Its web form. */
  url?: string;
}

export interface FeedIndex {
  feed: string;
  built_at: string;
  /** Signed with the rest: an address changed on the host is an index that fails its signature. */
  report?: FeedReport;
  uas: FeedEntry[];
}

export const MAX_INDEX_BYTES = 1024 * 1024;
export const MAX_FEED_FILE_BYTES = 1024 * 1024;
const KEY_PREFIX = 'ed25519:';

/** A name a volunteer types: lowercase letters, digits, hyphens. */
export function checkFeedName(t: Translate, name: string): string | undefined {
  return /^[a-z0-9][a-z0-9-]{0,39}$/.test(name) ? undefined : t('feed.badName');
}

/** HTTPS, or plain HTTP to this machine only (a section's test server). */
export function checkFeedUrl(t: Translate, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return t('feed.badUrl');
  }
  // A password in the address would be kept in the config file and shown in every message.
  if (parsed.username || parsed.password) return t('feed.urlCredentials');
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopback(parsed.hostname)) return undefined;
  return t('feed.notHttps');
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The address of a file of the feed: the feed's URL is its folder. */
export function feedFileUrl(url: string, file: string): string {
  return new URL(file, url.endsWith('/') ? url : `${url}/`).toString();
}

/** A report form's address: http(s), one address, nothing that could hide another line or a second address. */
export function checkReportUrl(t: Translate, url: string): string | undefined {
  if (!/^https?:\/\/[^\s\p{C}]+$/iu.test(url)) return t('feed.badReportUrl');
  try {
    new URL(url);
  } catch {
    return t('feed.badReportUrl');
  }
  return undefined;
}

/** A feed's report block as an index holds it: an object with one address and/or one web form, each checked. */
export function reportProblem(t: Translate, value: unknown): string | undefined {
  const report = value as Record<string, unknown> | null;
  if (!report || typeof report !== 'object' || Array.isArray(report)) return t('feed.indexNotIndex');
  if (Object.keys(report).some((key) => key !== 'email' && key !== 'url')) return t('feed.indexNotIndex');
  const { email, url } = report;
  if (email === undefined && url === undefined) return t('feed.indexNotIndex');
  if (email !== undefined && (typeof email !== 'string' || checkEmail(t, email)))
    return t('feed.indexBadReport', { value: JSON.stringify(email).slice(0, 80) });
  if (url !== undefined && (typeof url !== 'string' || checkReportUrl(t, url))) return t('feed.indexBadReport', { value: JSON.stringify(url).slice(0, 80) });
  return undefined;
}

/** The raw public key, or undefined when the text is not a key as `ua feed keygen` prints it. */
export function publicKeyBytes(text: string): Buffer | undefined {
  if (!text.startsWith(KEY_PREFIX)) return undefined;
  const bytes = Buffer.from(text.slice(KEY_PREFIX.length), 'base64');
  return bytes.length === 32 && bytes.toString('base64') === text.slice(KEY_PREFIX.length) ? bytes : undefined;
}

export function publicKeyText(raw: Buffer): string {
  return `${KEY_PREFIX}${raw.toString('base64')}`;
}

/** A file name an index may hold: never a path, never hidden (it is written into a folder as it is). */
export function isFeedFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.ya?ml$/.test(name);
}

/** The index as signed, read strictly: a field of the wrong kind is a problem, not a guess. */
export function parseIndex(t: Translate, text: string): { index: FeedIndex } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: t('feed.indexNotJson') };
  }
  const record = value as Partial<FeedIndex> | null;
  if (!record || typeof record !== 'object' || typeof record.feed !== 'string' || typeof record.built_at !== 'string' || !Array.isArray(record.uas))
    return { problem: t('feed.indexNotIndex') };
  const report = record.report === undefined ? undefined : reportProblem(t, record.report);
  if (report) return { problem: report };
  const files = new Set<string>();
  for (const entry of record.uas as unknown[]) {
    const problem = entryProblem(t, entry, files);
    if (problem) return { problem };
  }
  return { index: record as FeedIndex };
}

function entryProblem(t: Translate, entry: unknown, files: Set<string>): string | undefined {
  const e = entry as Partial<FeedEntry> | null;
  const texts = ['id', 'title', 'country', 'deadline', 'file', 'sha256'] as const;
  if (!e || typeof e !== 'object' || texts.some((key) => typeof e[key] !== 'string') || typeof e.size !== 'number') return t('feed.indexNotIndex');
  if (!isFeedFileName(e.file as string) || files.has(e.file as string)) return t('feed.indexBadFile', { file: JSON.stringify(e.file).slice(0, 60) });
  if (!/^[0-9a-f]{64}$/.test(e.sha256 as string) || (e.size as number) < 0 || (e.size as number) > MAX_FEED_FILE_BYTES) return t('feed.indexNotIndex');
  if (normalizeId(e.id as string) !== e.id) return t('feed.indexNotIndex');
  if (e.reported !== undefined && !isReported(e.reported)) return t('feed.indexNotIndex');
  files.add(e.file as string);
  return undefined;
}

export interface FeedChanges {
  added: FeedEntry[];
  updated: FeedEntry[];
  withdrawn: FeedEntry[];
}

/** What an update brings: UAs new to the feed, changed, and gone from it. */
export function feedChanges(before: readonly FeedEntry[], after: readonly FeedEntry[]): FeedChanges {
  const old = new Map(before.map((entry) => [entry.id, entry]));
  const now = new Set(after.map((entry) => entry.id));
  return {
    added: after.filter((entry) => !old.has(entry.id)),
    updated: after.filter((entry) => old.has(entry.id) && old.get(entry.id)?.sha256 !== entry.sha256),
    withdrawn: before.filter((entry) => !now.has(entry.id)),
  };
}
