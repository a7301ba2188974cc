import { isMap, parseDocument } from 'yaml';
import { checkEmail } from './address.js';
import { parseGateway } from './fax-gateway.js';
import { checkFeedName, checkFeedUrl, type FeedConfig, publicKeyBytes } from './feeds.js';
import type { Answers } from './fields.js';
import { FIELDS, readAnswers } from './fields.js';
import type { Translate } from './i18n.js';
import { isRecord } from './is-record.js';
import { mastodonHost } from './post-links.js';
import type { Problem } from './problems.js';
import { formatPath } from './problems.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

const TOP_LEVEL_KEYS = ['profile', 'smtp', 'ui_lang', 'actions_dirs', 'feeds', 'mastodon', 'fax', 'journal'];

/** How to send email, as the config file may say it (flags and UA_* variables win). */
export interface SmtpConfig {
  url?: string;
  password?: string;
  from?: string;
  /** Seconds to wait for the server at each step. */
  timeout?: number;
}

const SMTP_CHECKS: Readonly<Record<keyof SmtpConfig, (t: Translate, value: unknown) => string | undefined>> = {
  url: (t, v) => (typeof v === 'string' && /^smtps?:\/\//.test(v) ? undefined : t('check.smtpUrl')),
  password: (t, v) => (typeof v === 'string' && v !== '' ? undefined : t('check.text')),
  from: (t, v) => (typeof v === 'string' ? checkEmail(t, v) : t('check.emailAddress')),
  timeout: (t, v) => (typeof v === 'number' && v > 0 && v <= 600 ? undefined : t('check.seconds')),
};
export const PROFILE_KEYS: ReadonlySet<string> = new Set(['name', 'city', 'country', 'email', 'address', 'about', 'lang']);

/** The volunteer's Mastodon server (asked once by ua post) and its post limit, if not 500. */
export interface MastodonConfig {
  server?: string;
  limit?: number;
}

/** Faxes, as the config file says: the email-to-fax gateway they are sent through (core/fax-gateway.ts). */
export interface FaxConfig {
  gateway?: string;
}

/** What the journal keeps (journal.keep_text_days): days before a line loses the signer's name and addresses. */
export interface JournalConfig {
  keepTextDays?: number;
}

/** The journal's default: four weeks, as WriteToThem keeps what people wrote. */
export const KEEP_TEXT_DAYS = 28;

/** Where UAs come from, as the config file says: folders of UA files, and subscribed feeds. */
export interface UaSettings {
  actionsDirs: string[];
  feeds: Record<string, FeedConfig>;
}

/** The config file's text: the remembered sender, the SMTP settings and where UAs come from, or every problem. */
export function checkConfigText(
  t: Translate,
  text: string,
  file: string,
): { profile?: Answers; smtp?: SmtpConfig; uas?: UaSettings; mastodon?: MastodonConfig; fax?: FaxConfig; journal?: JournalConfig; problems: Problem[] } {
  const source = parseYamlSource(t, text, file);
  if (source.problems.length > 0) return { problems: source.problems };
  const data = source.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) return { problems: [{ file, line: 1, col: 1, path: '', message: t('check.mapping') }] };
  const record = data as Record<string, unknown>;
  const located = (path: (string | number)[], at: 'key' | 'value', message: string): Problem => ({
    file,
    ...source.locate(path, at),
    path: formatPath(path),
    message,
  });
  const problems = Object.keys(record)
    .filter((key) => !TOP_LEVEL_KEYS.includes(key))
    .map((key) => located([key], 'key', t('check.unknownSetting', { keys: TOP_LEVEL_KEYS.join(', ') })));
  if (record.ui_lang !== undefined && (typeof record.ui_lang !== 'string' || !/^[a-z]{2}$/.test(record.ui_lang)))
    problems.push(located(['ui_lang'], 'value', t('check.languageCode')));
  // "profile: hello" would otherwise read as no profile at all, and letters go unsigned by it.
  for (const section of ['profile', 'smtp', 'feeds', 'mastodon', 'fax', 'journal'])
    if (record[section] !== undefined && record[section] !== null && !isRecord(record[section])) problems.push(located([section], 'value', t('check.mapping')));
  const profile = checkProfile(t, asRecord(record.profile), located, problems);
  const smtp = asRecord(record.smtp);
  for (const [key, value] of Object.entries(smtp)) {
    const known = key in SMTP_CHECKS;
    // Never quote a value from this section: it may be the password.
    const message = known ? SMTP_CHECKS[key as keyof SmtpConfig](t, value) : t('check.unknownSmtpSetting', { keys: Object.keys(SMTP_CHECKS).join(', ') });
    if (message) problems.push(located(['smtp', key], known ? 'value' : 'key', message));
  }
  const uas = checkUaSettings(t, record, located, problems);
  const mastodon = checkMastodon(t, asRecord(record.mastodon), located, problems);
  const fax = checkFax(t, asRecord(record.fax), located, problems);
  const journal = checkJournal(t, asRecord(record.journal), located, problems);
  return problems.length > 0 ? { problems } : { profile, smtp: smtp as SmtpConfig, uas, mastodon, fax, journal, problems };
}

function checkJournal(t: Translate, raw: Record<string, unknown>, located: Locate, problems: Problem[]): JournalConfig {
  for (const key of Object.keys(raw))
    if (key !== 'keep_text_days') problems.push(located(['journal', key], 'key', t('check.unknownSetting', { keys: 'keep_text_days' })));
  const days = raw.keep_text_days;
  if (days === undefined) return {};
  // Ten years: past that, a number is a typo, not a choice.
  if (!Number.isInteger(days) || (days as number) < 0 || (days as number) > 3650) {
    problems.push(located(['journal', 'keep_text_days'], 'value', t('check.keepDays')));
    return {};
  }
  return { keepTextDays: days as number };
}

function checkFax(t: Translate, raw: Record<string, unknown>, located: Locate, problems: Problem[]): FaxConfig {
  for (const key of Object.keys(raw)) if (key !== 'gateway') problems.push(located(['fax', key], 'key', t('check.unknownSetting', { keys: 'gateway' })));
  if (raw.gateway === undefined) return {};
  const parsed = typeof raw.gateway === 'string' ? parseGateway(t, raw.gateway) : { problem: t('check.text') };
  if ('problem' in parsed) {
    problems.push(located(['fax', 'gateway'], 'value', parsed.problem));
    return {};
  }
  return { gateway: raw.gateway as string };
}

function checkUaSettings(t: Translate, record: Record<string, unknown>, located: Locate, problems: Problem[]): UaSettings {
  const dirs = record.actions_dirs ?? [];
  const actionsDirs = Array.isArray(dirs) ? dirs : [];
  if (!Array.isArray(dirs)) problems.push(located(['actions_dirs'], 'value', t('check.listOfFolders')));
  actionsDirs.forEach((dir, index) => {
    if (typeof dir !== 'string' || dir.trim() === '') problems.push(located(['actions_dirs', index], 'value', t('check.text')));
  });
  const feeds: Record<string, FeedConfig> = {};
  for (const [name, value] of Object.entries(asRecord(record.feeds))) {
    const feed = asRecord(value);
    const problem =
      checkFeedName(t, name) ??
      (typeof feed.url === 'string' ? checkFeedUrl(t, feed.url) : t('feed.badUrl')) ??
      (typeof feed.key === 'string' && publicKeyBytes(feed.key) ? undefined : t('feed.badKey'));
    if (problem) problems.push(located(['feeds', name], 'value', problem));
    else feeds[name] = { url: feed.url as string, key: feed.key as string };
  }
  return { actionsDirs: actionsDirs as string[], feeds };
}

function checkMastodon(t: Translate, raw: Record<string, unknown>, located: Locate, problems: Problem[]): MastodonConfig {
  for (const key of Object.keys(raw).filter((key) => key !== 'server' && key !== 'limit'))
    problems.push(located(['mastodon', key], 'key', t('check.unknownMastodonSetting')));
  const { server, limit } = raw;
  if (server !== undefined && (typeof server !== 'string' || !mastodonHost(server)))
    problems.push(located(['mastodon', 'server'], 'value', t('post.badServer')));
  if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) >= 100 && (limit as number) <= 100_000))
    problems.push(located(['mastodon', 'limit'], 'value', t('post.badLimit')));
  return { server: typeof server === 'string' ? mastodonHost(server) : undefined, limit: typeof limit === 'number' ? limit : undefined };
}

/** The config file's text with the Mastodon server ua post asked for; the rest, comments included, kept. */
export function withMastodonServer(t: Translate, text: string | undefined, server: string): string {
  const doc = parseDocument(text ?? `${t('check.configHeader')}\n`);
  if (isMap(doc.contents)) doc.contents.flow = false;
  doc.setIn(['mastodon', 'server'], server);
  return doc.toString();
}

/** The config file's text with a feed added (or its address and key replaced). */
export function withFeed(t: Translate, text: string | undefined, name: string, feed: FeedConfig): string {
  const doc = parseDocument(text ?? `${t('check.configHeader')}\n`);
  // A file emptied to "{}" would keep writing in braces: the block style people read.
  if (isMap(doc.contents)) doc.contents.flow = false;
  doc.setIn(['feeds', name], feed);
  return doc.toString();
}

/** The config file's text without a feed; the rest, comments included, is kept. */
export function withoutFeed(text: string, name: string): string {
  const doc = parseDocument(text);
  doc.deleteIn(['feeds', name]);
  const feeds = doc.get('feeds') as { items?: unknown[] } | undefined;
  if (feeds && Array.isArray(feeds.items) && feeds.items.length === 0) doc.delete('feeds');
  // Nothing else there: no file at all, as after "ua profile clear".
  return isMap(doc.contents) && doc.contents.items.length === 0 ? '' : doc.toString();
}

type Locate = (path: (string | number)[], at: 'key' | 'value', message: string) => Problem;

function checkProfile(t: Translate, raw: Record<string, unknown>, located: Locate, problems: Problem[]): Answers {
  const unknown = Object.keys(raw).filter((key) => !PROFILE_KEYS.has(key));
  for (const key of unknown) problems.push(located(['profile', key], 'key', t('check.notProfileField', { fields: [...PROFILE_KEYS].join(', ') })));
  const { answers, problems: fieldProblems } = readAnswers(t, Object.fromEntries(Object.entries(raw).filter(([key]) => PROFILE_KEYS.has(key))));
  for (const problem of fieldProblems)
    problems.push(located(['profile', problem.key, ...(problem.index === undefined ? [] : [problem.index])], 'value', problem.message));
  return answers;
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** An --answers file's text (YAML or JSON): the answers, or every problem located in the file. */
export function checkAnswersText(t: Translate, text: string, file: string): { answers?: Answers; problems: Problem[] } {
  const source: YamlSource = parseYamlSource(t, text, file);
  if (source.problems.length > 0) return { problems: source.problems };
  const data = source.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) return { problems: [{ file, line: 1, col: 1, path: '', message: t('check.answersMapping') }] };
  const { answers, problems } = readAnswers(t, data as Record<string, unknown>);
  const located = problems.map((p) => {
    const path = [p.key, ...(p.index === undefined ? [] : [p.index])];
    return { file, ...source.locate(path, p.unknown ? 'key' : 'value'), path: formatPath(path), message: p.message };
  });
  return located.length > 0 ? { problems: located } : { answers, problems: [] };
}

/** The config file's text with a new profile; the rest of the file, comments included, is kept. */
export function withProfile(t: Translate, text: string | undefined, answers: Answers): string {
  const doc = parseDocument(text ?? `${t('check.configHeader')}\n`);
  const profile = Object.fromEntries(
    FIELDS.filter((field) => PROFILE_KEYS.has(field.key) && answers[field.key] !== undefined).map((field) => [field.key, answers[field.key]]),
  );
  doc.set('profile', profile);
  return doc.toString();
}

/** The config file's text without the profile (the SMTP settings and comments stay); empty when nothing else was there. */
export function withoutProfile(text: string): string {
  const doc = parseDocument(text);
  doc.delete('profile');
  const rest = doc.contents && typeof doc.contents === 'object' && 'items' in doc.contents ? (doc.contents.items as unknown[]).length : 0;
  return rest > 0 ? doc.toString() : '';
}
