import Handlebars from 'handlebars';
import type { Translate } from './i18n.js';
import { LIST_ITEM_FIELDS, TEMPLATE_SCOPE } from './template-scope.js';

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);

export interface TemplateIssue {
  line: number; // 1-based, within the template
  col: number; // 0-based, within the line
  message: string;
}

type AnyNode = hbs.AST.Node & Record<string, unknown>;

/** Parses a letter template and lists syntax errors and names outside the letter's scope. */
export function checkTemplate(t: Translate, source: string): TemplateIssue[] {
  // Without {{ there is nothing for Handlebars to read: the text is taken as it is.
  if (!source.includes('{{')) return [];
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    return [syntaxIssue(t, error as Error)];
  }
  const issues: TemplateIssue[] = [];
  walk(t, program as unknown as AnyNode, SCOPE, issues);
  const lists = source.match(/\{\{~?#each\b/g)?.length ?? 0;
  if (lists > MAX_EACH) issues.push({ line: 1, col: 0, message: t('template.tooManyEach', { count: MAX_EACH }) });
  return issues;
}

function syntaxIssue(t: Translate, error: Error): TemplateIssue {
  // Handlebars reports "Parse error on line N:\n<excerpt>\n----^\nExpecting …"
  const [first = '', , caret = '', expecting = ''] = error.message.split('\n');
  const line = Number(/line (\d+)/.exec(first)?.[1] ?? 1);
  const col = caret.includes('^') ? caret.indexOf('^') : 0;
  const detail = expecting.startsWith('Expecting')
    ? t('template.syntaxExpecting', { expecting: expecting.replace(/, got/, '; got') })
    : t('template.syntax', { reason: first });
  return { line, col, message: detail };
}

/**
 * What names mean where they are: at the top, the letter's scope; inside `#each`, an item of a
 * list (every list in a letter's scope holds text); inside `#with sender`, sender's fields.
 */
type Context = { kind: 'scope' } | { kind: 'item' } | { kind: 'fields'; of: string; fields: readonly string[] };
const SCOPE: Context = { kind: 'scope' };

/** At most this many lists in one template: each repeats its body once per item. */
const MAX_EACH = 20;

type Report = (at: AnyNode, message: string) => void;

function walk(t: Translate, node: AnyNode, context: Context, issues: TemplateIssue[], inEach = false): void {
  const report: Report = (at, message) => {
    const loc = at.loc as hbs.AST.SourceLocation | undefined;
    issues.push({ line: loc?.start.line ?? 1, col: loc?.start.column ?? 0, message });
  };
  switch (node.type) {
    case 'Program':
      for (const child of node.body as AnyNode[]) walk(t, child, context, issues, inEach);
      return;
    case 'MustacheStatement':
    case 'SubExpression':
    case 'BlockStatement':
      walkStatement(t, node, context, issues, inEach, report);
      return;
    case 'PathExpression':
      checkPath(t, node, context, report);
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

/** `{{name}}`, `{{#each list}}…{{/each}}`, `{{#if x}}…{{else}}…{{/if}}`: only the four block helpers. */
function walkStatement(t: Translate, node: AnyNode, context: Context, issues: TemplateIssue[], inEach: boolean, report: Report): void {
  const path = node.path as AnyNode;
  const params = (node.params as AnyNode[]) ?? [];
  const helper = path.original as string;
  const isBlock = node.type === 'BlockStatement';
  if ((isBlock || params.length > 0) && path.type === 'PathExpression' && !BLOCK_HELPERS.has(helper)) {
    report(path, t('template.unknownHelper', { name: helper }));
    return;
  }
  if (!isBlock && params.length === 0) walk(t, path, context, issues, inEach);
  const opens = isBlock && (helper === 'with' || helper === 'each') ? blockContext(helper, params[0], context) : undefined;
  // `#with sender` names a whole part of the scope, which only a block may do.
  const named = helper === 'with' && opens?.kind === 'fields' ? params.slice(1) : params;
  for (const param of named) walk(t, param, context, issues, inEach);
  // A list inside a list multiplies: a small file could make a letter of gigabytes.
  if (isBlock && helper === 'each' && inEach) report(path, t('template.nestedEach'));
  if (node.program) walk(t, node.program as AnyNode, opens ?? context, issues, inEach || helper === 'each');
  if (node.inverse) walk(t, node.inverse as AnyNode, context, issues, inEach);
}

/**
 * What a block's body sees: `#with sender`, sender's fields; `#each action.subjects`, a
 * subject's fields; any other `#each` or `#with`, a piece of text.
 */
function blockContext(helper: string, param: AnyNode | undefined, outer: Context): Context {
  const parts = param?.type === 'PathExpression' && !param.data ? (param.parts as string[]) : [];
  const [root] = parts;
  if (outer.kind !== 'scope' || root === undefined) return { kind: 'item' };
  if (helper === 'with' && parts.length === 1 && Object.hasOwn(TEMPLATE_SCOPE, root)) return { kind: 'fields', of: root, fields: TEMPLATE_SCOPE[root] ?? [] };
  const list = parts.join('.');
  const fields = helper === 'each' && Object.hasOwn(LIST_ITEM_FIELDS, list) ? LIST_ITEM_FIELDS[list] : undefined;
  return fields ? { kind: 'fields', of: list, fields } : { kind: 'item' };
}

/** What #each sets for its body; @root is the letter's whole scope. */
const DATA_NAMES = new Set(['index', 'key', 'first', 'last']);

function checkPath(t: Translate, node: AnyNode, context: Context, report: (at: AnyNode, message: string) => void): void {
  const original = node.original as string;
  const parts = node.parts as string[];
  if (node.data) {
    if (parts[0] === 'root') {
      checkPath(t, { ...node, data: false, parts: parts.slice(1), original: original.replace(/^@root\.?/, '') }, SCOPE, report);
      return;
    }
    if (!DATA_NAMES.has(parts[0] ?? '') || parts.length > 1 || context.kind === 'scope') report(node, t('template.unknownInEach', { name: original }));
    return;
  }
  // `this`, or `.`: the item itself (Handlebars reads both as no parts).
  if (parts.length === 0) return;
  if (context.kind === 'item') {
    report(node, t('template.fieldOfItem', { name: original }));
    return;
  }
  if (context.kind === 'fields') {
    const [field] = parts;
    if (parts.length > 1 || field === undefined || !context.fields.includes(field))
      report(node, t('template.unknownOf', { name: original, root: context.of, known: context.fields.join(', ') }));
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
  report(node, t('template.unknownVariable', { name: original }));
}
