import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Translate } from './i18n.js';
import { MAX_DEPTH, MAX_SOURCE_BYTES } from './limits.js';
import type { PathSegment, Problem } from './problems.js';
import { formatPath } from './problems.js';

export interface Position {
  line: number;
  col: number;
}

export interface YamlSource {
  data: unknown;
  /** Syntax problems; when there are any, `data` is undefined. */
  problems: Problem[];
  /** Where a path is in the file: its key, or its value. */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position;
  /** Where a position inside a string value (e.g. a template's line and column) is in the file. */
  locateInside(path: readonly PathSegment[], line: number, col: number): Position;
}

/** Refuses sizes and nesting that would hurt the parser, before it sees the text. */
export function guardSource(t: Translate, text: string): string | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SOURCE_BYTES) return t('yaml.tooLarge', { bytes, limit: MAX_SOURCE_BYTES });
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (const char of text) {
    if (quote) {
      if (char === quote || char === '\n') quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  const indent = Math.max(0, ...text.split('\n').map((line) => /^ */.exec(line)?.[0].length ?? 0));
  if (deepest > MAX_DEPTH || indent > MAX_DEPTH * 4) return t('yaml.tooDeep', { levels: MAX_DEPTH });
  return undefined;
}

/** The parser's errors that the catalogue explains in plain words (yaml.code.*). */
const EXPLAINED = [
  'BLOCK_AS_IMPLICIT_KEY',
  'MULTILINE_IMPLICIT_KEY',
  'TAB_AS_INDENT',
  'MISSING_CHAR',
  'BAD_INDENT',
  'BAD_DQ_ESCAPE',
  'MULTIPLE_DOCS',
  'UNEXPECTED_TOKEN',
  'BAD_SCALAR_START',
] as const;
const isExplained = (code: string): code is (typeof EXPLAINED)[number] => (EXPLAINED as readonly string[]).includes(code);

export function parseYamlSource(t: Translate, text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const lines = text.split('\n');
  const at = (offset: number): Position => lineCounter.linePos(offset);
  const problem = (position: Position, message: string): Problem => ({ file, ...position, path: '', message });

  const refused = guardSource(t, text);
  if (refused)
    return {
      data: undefined,
      problems: [problem({ line: 1, col: 1 }, refused)],
      locate: () => ({ line: 1, col: 1 }),
      locateInside: () => ({ line: 1, col: 1 }),
    };

  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((error) => {
    const position = at(error.pos[0]);
    if (error.code === 'DUPLICATE_KEY') return problem(position, t('yaml.duplicateKey', { key: keyAt(t, doc, error.pos[0]) }));
    if (isExplained(error.code)) return problem(position, t(`yaml.code.${error.code}`));
    // The parser's own words (English) for the rare rest.
    return problem(position, error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message);
  });

  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 50 });
      // Aliases repeat what they name: a small file could still stand for gigabytes of text.
      if (JSON.stringify(data ?? null).length > 2 * MAX_SOURCE_BYTES) {
        data = undefined;
        problems.push(problem({ line: 1, col: 1 }, t('yaml.expandsTooMuch', { limit: '2 MB' })));
      }
    } catch (error) {
      // yaml throws a ReferenceError for alias bombs; it is bad input, not a crash.
      problems.push(problem({ line: 1, col: 1 }, t('yaml.cannotRead', { reason: (error as Error).message })));
    }
  }

  const nodeAt = (path: readonly PathSegment[]) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as Node | undefined;
      if (node?.range) return { node, exact: depth === path.length };
    }
    return undefined;
  };

  const locate = (path: readonly PathSegment[], where: 'key' | 'value' = 'value'): Position => {
    if (where === 'key' && path.length > 0) {
      const parent = doc.getIn(path.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
        const keyNode = pair?.key as Node | undefined;
        if (keyNode?.range) return at(keyNode.range[0]);
      }
    }
    const found = nodeAt(path);
    return found?.node.range ? at(found.node.range[0]) : { line: 1, col: 1 };
  };

  const locateInside = (path: readonly PathSegment[], line: number, col: number): Position => {
    const found = nodeAt(path);
    if (!found?.exact || !isScalar(found.node) || !found.node.range) return locate(path);
    const start = at(found.node.range[0]);
    const block = found.node.type === 'BLOCK_LITERAL' || found.node.type === 'BLOCK_FOLDED';
    if (!block) return { line: start.line + line - 1, col: (line === 1 ? start.col : 1) + col };
    // A block scalar's text starts on the line after its | or > indicator, indented.
    const firstLine = lines[start.line] ?? '';
    const indent = /^ */.exec(firstLine)?.[0].length ?? 0;
    return { line: start.line + line, col: indent + col + 1 };
  };

  return { data, problems, locate, locateInside };
}

function keyAt(t: Translate, doc: Document, offset: number): string {
  let found = '';
  const visit = (node: unknown, path: PathSegment[]): void => {
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        visit(item, [...path, index]);
      });
      return;
    }
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = pair.key as Node | undefined;
      const name = isScalar(key) ? String(key.value) : '?';
      if (key?.range && key.range[0] <= offset && offset <= key.range[1]) found = formatPath([...path, name]);
      visit(pair.value, [...path, name]);
    }
  };
  visit(doc.contents, []);
  return found || t('yaml.keyTwice');
}
