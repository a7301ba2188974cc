import { parseDocument } from 'yaml';
import type { Answers } from './fields.js';
import { FIELDS, readAnswers } from './fields.js';
import type { Problem } from './problems.js';
import { formatPath } from './problems.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

const TOP_LEVEL_KEYS = ['profile'];
export const PROFILE_KEYS: ReadonlySet<string> = new Set(['name', 'city', 'country', 'email', 'address', 'about', 'lang']);

/** The config file's text: the remembered sender, checked like flags, or every problem. */
export function checkConfigText(text: string, file: string): { profile?: Answers; problems: Problem[] } {
  const source = parseYamlSource(text, file);
  const problems = [...source.problems];
  const data = (source.data ?? {}) as Record<string, unknown>;
  if (problems.length === 0 && (typeof data !== 'object' || Array.isArray(data)))
    problems.push({ file, line: 1, col: 1, path: '', message: 'must be a mapping' });
  if (problems.length > 0) return { problems };
  for (const key of Object.keys(data).filter((k) => !TOP_LEVEL_KEYS.includes(k))) {
    problems.push({ file, ...source.locate([key], 'key'), path: key, message: `unknown setting (expected: ${TOP_LEVEL_KEYS.join(', ')})` });
  }
  const raw = (data.profile ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((key) => !PROFILE_KEYS.has(key));
  const { answers, problems: fieldProblems } = readAnswers(Object.fromEntries(Object.entries(raw).filter(([key]) => PROFILE_KEYS.has(key))));
  for (const key of unknown) fieldProblems.push({ key, message: `not a profile field (expected one of: ${[...PROFILE_KEYS].join(', ')})` });
  for (const problem of fieldProblems) {
    const path = ['profile', problem.key, ...(problem.index === undefined ? [] : [problem.index])];
    problems.push({ file, ...source.locate(path, unknown.includes(problem.key) ? 'key' : 'value'), path: formatPath(path), message: problem.message });
  }
  return problems.length > 0 ? { problems } : { profile: answers, problems };
}

/** An --answers file's text (YAML or JSON): the answers, or every problem located in the file. */
export function checkAnswersText(text: string, file: string): { answers?: Answers; problems: Problem[] } {
  const source: YamlSource = parseYamlSource(text, file);
  if (source.problems.length > 0) return { problems: source.problems };
  const data = source.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data))
    return { problems: [{ file, line: 1, col: 1, path: '', message: 'must be a mapping of field names to answers' }] };
  const { answers, problems } = readAnswers(data as Record<string, unknown>);
  const located = problems.map((p) => {
    const path = [p.key, ...(p.index === undefined ? [] : [p.index])];
    return { file, ...source.locate(path, p.message.startsWith('unknown field') ? 'key' : 'value'), path: formatPath(path), message: p.message };
  });
  return located.length > 0 ? { problems: located } : { answers, problems: [] };
}

/** The config file's text with a new profile; the rest of the file, comments included, is kept. */
export function withProfile(text: string | undefined, answers: Answers): string {
  const doc = parseDocument(text ?? '# ua settings: see the README, "Configuration"\n');
  const profile = Object.fromEntries(
    FIELDS.filter((field) => PROFILE_KEYS.has(field.key) && answers[field.key] !== undefined).map((field) => [field.key, answers[field.key]]),
  );
  doc.set('profile', profile);
  return doc.toString();
}
