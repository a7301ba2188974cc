import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { Answers } from '../core/fields.js';
import { FIELDS, readAnswers } from '../core/fields.js';
import { formatPath, formatProblem } from '../core/problems.js';
import { parseYamlSource } from '../core/yaml-source.js';
import { dataError } from '../errors.js';
import type { Env } from '../world.js';
import { writeFilesAtomically } from './files.js';
import { configFile } from './paths.js';

export interface Config {
  file: string;
  /** The remembered sender, checked with the same rules as flags and answers files. */
  profile: Answers;
}

const TOP_LEVEL_KEYS = ['profile'];
const PROFILE_KEYS = new Set(['name', 'city', 'country', 'email', 'address', 'about', 'lang']);

export function readConfig(env: Env): Config {
  const file = configFile(env);
  if (!existsSync(file)) return { file, profile: {} };
  const source = parseYamlSource(readFileSync(file, 'utf8'), file);
  const problems = [...source.problems];
  const data = (source.data ?? {}) as Record<string, unknown>;
  if (problems.length === 0 && (typeof data !== 'object' || Array.isArray(data)))
    problems.push({ file, line: 1, col: 1, path: '', message: 'must be a mapping' });
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.includes(key))
      problems.push({ file, ...source.locate([key], 'key'), path: key, message: `unknown setting (expected: ${TOP_LEVEL_KEYS.join(', ')})` });
  }
  const raw = (data.profile ?? {}) as Record<string, unknown>;
  const { answers, problems: fieldProblems } = readAnswers(Object.fromEntries(Object.entries(raw).filter(([key]) => PROFILE_KEYS.has(key))));
  for (const key of Object.keys(raw).filter((k) => !PROFILE_KEYS.has(k))) {
    fieldProblems.push({ key, message: `not a profile field (expected one of: ${[...PROFILE_KEYS].join(', ')})` });
  }
  for (const problem of fieldProblems) {
    const path = ['profile', problem.key, ...(problem.index === undefined ? [] : [problem.index])];
    problems.push({ file, ...source.locate(path), path: formatPath(path), message: problem.message });
  }
  if (problems.length > 0)
    throw dataError(
      `your config file ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      'Fix or delete it.',
      problems.map(formatProblem),
    );
  return { file, profile: answers };
}

/** Remembers the sender, keeping the rest of the file (and its comments) as it was. */
export function saveProfile(config: Config, answers: Answers): void {
  const doc = existsSync(config.file) ? parseDocument(readFileSync(config.file, 'utf8')) : parseDocument('# ua settings: see "ua --help"\n');
  const profile = Object.fromEntries(
    FIELDS.filter((field) => PROFILE_KEYS.has(field.key) && answers[field.key] !== undefined).map((field) => [field.key, answers[field.key]]),
  );
  doc.set('profile', profile);
  writeFilesAtomically([{ path: config.file, content: doc.toString(), mode: 0o600 }], true);
}
