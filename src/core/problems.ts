import { forTerminal } from './shown.js';
/** One thing wrong with an input file, located for an editor: `file:line:col: path: message`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

export type PathSegment = string | number;

/** A problem at a place in a file's data, before it is given its line and column. */
export interface Found {
  path: PathSegment[];
  at: 'key' | 'value';
  message: string;
  /** For a template: where in the template string the problem is. */
  inside?: { line: number; col: number };
}

/** ['targets', 1, 'email', 0] -> "targets[1].email[0]" */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = /^[A-Za-z_][\w-]*$/.test(segment) ? segment : JSON.stringify(segment);
    return text ? `${text}.${key}` : key;
  }, '');
}

export function formatProblem(problem: Problem): string {
  const path = problem.path ? `${problem.path}: ` : '';
  // Every part may come from a file (a key, a value, the file's own name): shown safely.
  return forTerminal(`${problem.file}:${problem.line}:${problem.col}: ${path}${problem.message}`);
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
