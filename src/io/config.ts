import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Answers } from '../core/fields.js';
import { formatProblem } from '../core/problems.js';
import type { SmtpConfig } from '../core/settings.js';
import { dataError } from '../errors.js';
import type { Env } from '../world.js';
import { checkCache } from './check-cache.js';
import { configFile } from './paths.js';
import { writeFileAtomically } from './staging.js';

export interface Config {
  file: string;
  /** The remembered sender, checked with the same rules as flags and answers files. */
  profile: Answers;
  smtp: SmtpConfig;
  /** The file holds a password and others can read it. */
  exposed: boolean;
}

export async function readConfig(env: Env): Promise<Config> {
  const file = configFile(env);
  if (!existsSync(file)) return { file, profile: {}, smtp: {}, exposed: false };
  const text = readFileSync(file, 'utf8');
  const cache = checkCache(env);
  let checked = cache.get<Pick<Config, 'profile' | 'smtp'>>('config', text);
  if (!checked) {
    const { checkConfigText } = await import('../core/settings.js');
    const { profile, smtp, problems } = checkConfigText(text, file);
    if (!profile || !smtp)
      throw dataError(
        `your config file ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
        'Fix or delete it.',
        problems.map(formatProblem),
      );
    checked = { profile, smtp };
    // A file with a password is read afresh each time: the cache never holds a password.
    if (smtp.password === undefined) cache.put('config', text, checked);
  }
  const exposed = checked.smtp.password !== undefined && (statSync(file).mode & 0o077) !== 0;
  return { file, ...checked, exposed };
}

/** Remembers the sender, keeping the rest of the file (and its comments) as it was. */
export async function saveProfile(config: Config, answers: Answers): Promise<void> {
  const { withProfile } = await import('../core/settings.js');
  const content = withProfile(existsSync(config.file) ? readFileSync(config.file, 'utf8') : undefined, answers);
  // Private: it says who someone is and where they live.
  writeFileAtomically({ path: config.file, force: true, mode: 0o600 }, content);
}
