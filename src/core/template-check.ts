import Handlebars from 'handlebars';
import { t } from '../i18n.js';
import { TEMPLATE_SCOPE } from './template-scope.js';

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);

export interface TemplateIssue {
  line: number; // 1-based, within the template
  col: number; // 0-based, within the line
  message: string;
}

type AnyNode = hbs.AST.Node & Record<string, unknown>;

/** Parses a letter template and lists syntax errors and names outside the letter's scope. */
export function checkTemplate(source: string): TemplateIssue[] {
  // Without {{ there is nothing for Handlebars to read: the text is taken as it is.
  if (!source.includes('{{')) return [];
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    return [syntaxIssue(error as Error)];
  }
  const issues: TemplateIssue[] = [];
  walk(program as unknown as AnyNode, 0, issues);
  return issues;
}

function syntaxIssue(error: Error): TemplateIssue {
  // Handlebars reports "Parse error on line N:\n<excerpt>\n----^\nExpecting …"
  const [first = '', , caret = '', expecting = ''] = error.message.split('\n');
  const line = Number(/line (\d+)/.exec(first)?.[1] ?? 1);
  const col = caret.includes('^') ? caret.indexOf('^') : 0;
  const detail = expecting.startsWith('Expecting')
    ? t('template.syntaxExpecting', { expecting: expecting.replace(/, got/, '; got') })
    : t('template.syntax', { reason: first });
  return { line, col, message: detail };
}

/** `depth` counts enclosing #each/#with blocks, inside which names are relative to an item. */
function walk(node: AnyNode, depth: number, issues: TemplateIssue[]): void {
  const report = (at: AnyNode, message: string) => {
    const loc = at.loc as hbs.AST.SourceLocation | undefined;
    issues.push({ line: loc?.start.line ?? 1, col: loc?.start.column ?? 0, message });
  };
  switch (node.type) {
    case 'Program':
      for (const child of node.body as AnyNode[]) walk(child, depth, issues);
      return;
    case 'MustacheStatement':
    case 'SubExpression':
    case 'BlockStatement': {
      const path = node.path as AnyNode;
      const params = (node.params as AnyNode[]) ?? [];
      const isHelperCall = node.type === 'BlockStatement' || params.length > 0;
      if (isHelperCall && path.type === 'PathExpression' && !BLOCK_HELPERS.has(path.original as string)) {
        report(path, t('template.unknownHelper', { name: path.original as string }));
        return;
      }
      if (!isHelperCall) walk(path, depth, issues);
      for (const param of params) walk(param, depth, issues);
      const inner = node.type === 'BlockStatement' && ['each', 'with'].includes(path.original as string) ? depth + 1 : depth;
      if (node.program) walk(node.program as AnyNode, inner, issues);
      if (node.inverse) walk(node.inverse as AnyNode, depth, issues);
      return;
    }
    case 'PathExpression':
      checkPath(node, depth, report);
      return;
    case 'PartialStatement':
    case 'PartialBlockStatement':
    case 'DecoratorBlock':
    case 'Decorator':
      report(node, t('template.noPartials'));
      return;
    default:
      return;
  }
}

/** What #each sets for its body; @root is the letter's whole scope. */
const DATA_NAMES = new Set(['index', 'key', 'first', 'last']);

function checkPath(node: AnyNode, depth: number, report: (at: AnyNode, message: string) => void): void {
  const original = node.original as string;
  const parts = node.parts as string[];
  if (node.data) {
    if (parts[0] === 'root') {
      checkPath({ ...node, data: false, parts: parts.slice(1), original: original.replace(/^@root\.?/, '') }, 0, report);
      return;
    }
    if (!DATA_NAMES.has(parts[0] ?? '') || parts.length > 1) report(node, t('template.unknownInEach', { name: original }));
    return;
  }
  const [root, field] = parts;
  // Own names only: "toString" or "constructor" must not find Object's.
  if (root !== undefined && Object.hasOwn(TEMPLATE_SCOPE, root)) {
    const known = TEMPLATE_SCOPE[root] ?? [];
    if (field === undefined || !known.includes(field)) {
      report(node, t('template.unknownOf', { name: original, root, known: known.join(', ') }));
    }
    return;
  }
  if (depth > 0) return; // a field of the current #each item
  report(node, t('template.unknownVariable', { name: original }));
}
