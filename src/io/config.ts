import { existsSync, readFileSync } from 'node:fs';
import type { Answers } from '../core/fields.js';
import { formatProblem } from '../core/problems.js';
import { dataError } from '../errors.js';
import type { Env } from '../world.js';
import { checkCache } from './check-cache.js';
import { writeFilesAtomically } from './files.js';
import { configFile } from './paths.js';

export interface Config {
  file: string;
  /** The remembered sender, checked with the same rules as flags and answers files. */
  profile: Answers;
}

export async function readConfig(env: Env): Promise<Config> {
  const file = configFile(env);
  if (!existsSync(file)) return { file, profile: {} };
  const text = readFileSync(file, 'utf8');
  const cache = checkCache(env);
  const cached = cache.get<Answers>('config', text);
  if (cached) return { file, profile: cached };
  const { checkConfigText } = await import('../core/settings.js');
  const { profile, problems } = checkConfigText(text, file);
  if (!profile)
    throw dataError(
      `your config file ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      'Fix or delete it.',
      problems.map(formatProblem),
    );
  cache.put('config', text, profile);
  return { file, profile };
}

/** Remembers the sender, keeping the rest of the file (and its comments) as it was. */
export async function saveProfile(config: Config, answers: Answers): Promise<void> {
  const { withProfile } = await import('../core/settings.js');
  const content = withProfile(existsSync(config.file) ? readFileSync(config.file, 'utf8') : undefined, answers);
  // Private: it says who someone is and where they live.
  writeFilesAtomically([{ path: config.file, content, mode: 0o600 }], true);
}
