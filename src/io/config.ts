import { existsSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import type { FeedConfig } from '../core/feeds.js';
import type { Answers } from '../core/fields.js';
import type { Translate } from '../core/i18n.js';
import { formatProblem } from '../core/problems.js';
import type { FaxConfig, JournalConfig, MastodonConfig, SmtpConfig, UaSettings } from '../core/settings.js';
import { dataError } from '../errors.js';
import type { Env } from '../world.js';
import { checkCache } from './check-cache.js';
import { configFile } from './paths.js';
import { readInput } from './read-input.js';
import { writeFileAtomically } from './staging.js';
import { systemError } from './system-errors.js';
import { utf8Source } from './text-encoding.js';

export interface Config extends UaSettings {
  file: string;
  /** The remembered sender, checked with the same rules as flags and answers files. */
  profile: Answers;
  smtp: SmtpConfig;
  /** Where the volunteer posts on Mastodon (ua post). */
  mastodon: MastodonConfig;
  /** The email-to-fax gateway, checked (core/fax-gateway.ts). */
  fax: FaxConfig;
  /** What the journal keeps, and how long. */
  journal: JournalConfig;
  /** The file holds a password and others can read it. */
  exposed: boolean;
}

/** A profile and SMTP settings take a few hundred bytes. */
const MAX_CONFIG_BYTES = 256 * 1024;

export async function readConfig(t: Translate, env: Env): Promise<Config> {
  const file = configFile(env);
  if (!existsSync(file)) return { file, profile: {}, smtp: {}, mastodon: {}, fax: {}, journal: {}, actionsDirs: [], feeds: {}, exposed: false };
  const text = readConfigText(t, file);
  const cache = checkCache(t, env);
  let checked = cache.get<Pick<Config, 'profile' | 'smtp' | 'mastodon' | 'fax' | 'journal' | 'actionsDirs' | 'feeds'>>('config', text);
  if (!checked) {
    const { checkConfigText } = await import('../core/settings.js');
    const { profile, smtp, uas, mastodon, fax, journal, problems } = checkConfigText(t, text, file);
    if (!profile || !smtp || !uas)
      throw dataError(t('config.problems', { file, count: problems.length }), t('config.problemsHint'), problems.map(formatProblem));
    checked = { profile, smtp, mastodon: mastodon ?? {}, fax: fax ?? {}, journal: journal ?? {}, ...uas };
    // A file with a password (or a URL that holds one) is read afresh each time: the cache
    // never holds a secret.
    if (!holdsSecret(text, smtp)) cache.put('config', text, checked);
  }
  const exposed = checked.smtp.password !== undefined && (statSync(file).mode & 0o077) !== 0;
  // A check cached by an older ua knows no Mastodon, fax or journal settings.
  return { file, ...checked, mastodon: checked.mastodon ?? {}, fax: checked.fax ?? {}, journal: checked.journal ?? {}, exposed };
}

/** The config file's text; one that is not UTF-8 (a profile saved as Latin-1 would sign "P�rez") is refused where it breaks. */
function readConfigText(t: Translate, file: string): string {
  const decoded = utf8Source(t, readInput(t, file, MAX_CONFIG_BYTES, t('config.theFile', { file })), file);
  if ('problem' in decoded) throw dataError(t('config.problems', { file, count: 1 }), t('config.problemsHint'), [formatProblem(decoded.problem)]);
  return decoded.text;
}

function holdsSecret(text: string, smtp: SmtpConfig): boolean {
  return smtp.password !== undefined || /password|:\/\/[^/\s@]*:[^/\s@]*@/i.test(text);
}

/** A config file kept with one's dotfiles is a link: the file it leads to is rewritten, the link stays. */
function linkedFile(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** Remembers the sender, keeping the rest of the file (and its comments) as it was. */
export async function saveProfile(t: Translate, config: Config, answers: Answers): Promise<void> {
  const { withProfile } = await import('../core/settings.js');
  const content = withProfile(t, existsSync(config.file) ? readConfigText(t, config.file) : undefined, answers);
  // Private: it says who someone is and where they live.
  writeFileAtomically(t, { path: linkedFile(config.file), force: true, mode: 0o600 }, content);
}

/** Forgets the sender: the profile leaves the file; a file with nothing else goes. */
export async function clearProfile(t: Translate, config: Config): Promise<boolean> {
  if (!existsSync(config.file) || Object.keys(config.profile).length === 0) return false;
  const { withoutProfile } = await import('../core/settings.js');
  const content = withoutProfile(readConfigText(t, config.file));
  if (content === '') {
    try {
      unlinkSync(config.file);
    } catch (error) {
      throw systemError(t, error, t('files.cannotRemove', { file: config.file }));
    }
  } else writeFileAtomically(t, { path: linkedFile(config.file), force: true, mode: 0o600 }, content);
  return true;
}

/** Subscribes to a feed: its address and pinned key go into the config file, the rest kept. */
export async function saveFeed(t: Translate, config: Config, name: string, feed: FeedConfig): Promise<void> {
  const { withFeed } = await import('../core/settings.js');
  const text = existsSync(config.file) ? readConfigText(t, config.file) : undefined;
  writeFileAtomically(t, { path: linkedFile(config.file), force: true, mode: 0o600 }, withFeed(t, text, name, feed));
}

/** Keeps the Mastodon server a volunteer gave once (ua post asks it only then). */
export async function saveMastodonServer(t: Translate, config: Config, server: string): Promise<void> {
  const { withMastodonServer } = await import('../core/settings.js');
  const text = existsSync(config.file) ? readConfigText(t, config.file) : undefined;
  writeFileAtomically(t, { path: linkedFile(config.file), force: true, mode: 0o600 }, withMastodonServer(t, text, server));
}

/** Unsubscribes: the feed leaves the config file. */
export async function forgetFeed(t: Translate, config: Config, name: string): Promise<void> {
  const { withoutFeed } = await import('../core/settings.js');
  const text = withoutFeed(readConfigText(t, config.file), name);
  if (text === '') unlinkSync(linkedFile(config.file));
  else writeFileAtomically(t, { path: linkedFile(config.file), force: true, mode: 0o600 }, text);
}
