import type { Imported } from './extract.js';

/**
 * The facts `ua import --review` asks about, in the order a coordinator checks them: the ones
 * worked out first (the import's guesses), then the head, each target, the letter's first and
 * last paragraphs, the asks. Each has its path in the UA file, its value as text, the
 * document's line it was read from (when it was read) and why it is marked (when it was not).
 */
export interface Fact {
  /** "targets[0].email[1]"; the letter's paragraphs are "letters.en.body#first" and "#last". */
  path: string;
  value: string;
  line?: number;
  derived?: string;
}

export type Decision = { path: string; action: 'accept' } | { path: string; action: 'edit'; value: string } | { path: string; action: 'remove' };

const HEAD = ['id', 'title', 'country', 'deadline', 'languages.preferred'];

export function factsOf(imported: Imported): Fact[] {
  const { data, sources, derived } = imported;
  const facts: Fact[] = [];
  const add = (path: string, value: unknown, source = path) => {
    if (typeof value === 'string' && value !== '') facts.push({ path, value, line: sources.get(source), derived: derived.get(marked(path)) });
  };
  for (const path of HEAD) add(path, valueAt(data, path));
  for (const [i, target] of ((data.targets ?? []) as Record<string, unknown>[]).entries()) targetFacts(add, i, target);
  for (const [lang, letter] of Object.entries((data.letters ?? {}) as Record<string, { body: string }>)) {
    const paragraphs = letter.body.trim().split(/\n\s*\n/);
    add(`letters.${lang}.body#first`, paragraphs[0], 'letters.first');
    if (paragraphs.length > 1) add(`letters.${lang}.body#last`, paragraphs[paragraphs.length - 1], 'letters.last');
  }
  for (const [k, ask] of (Array.isArray(data.asks) ? (data.asks as string[]) : []).entries())
    add(`asks[${k}]`, ask, sources.has(`asks[${k}]`) ? `asks[${k}]` : 'asks');
  // The guesses first: they are what most needs a look.
  return [...facts.filter((fact) => fact.derived), ...facts.filter((fact) => !fact.derived)];
}

/** One target's facts: who, the address line by line, each email, each salutation. */
function targetFacts(add: (path: string, value: unknown, source?: string) => void, i: number, target: Record<string, unknown>): void {
  add(`targets[${i}].name`, target.name);
  add(`targets[${i}].title`, target.title);
  for (const [j, line] of ((target.address ?? []) as string[]).entries()) add(`targets[${i}].address[${j}]`, line);
  for (const [j, email] of ((target.email ?? []) as string[]).entries()) add(`targets[${i}].email[${j}]`, email);
  for (const [lang, salutation] of Object.entries((target.salutation ?? {}) as Record<string, string>))
    add(`targets[${i}].salutation.${lang}`, salutation, `targets[${i}].salutation`);
}

/**
 * The UA file's data with the coordinator's decisions: edits set, removals taken out (an array
 * closes up, an emptied list or object goes), and what was checked no longer marked as worked
 * out. Pure: the input is left as it was.
 */
export function reviewed(imported: Imported, decisions: readonly Decision[]): Imported {
  const data = structuredClone(imported.data);
  const derived = new Map(imported.derived);
  const removed = new Set<string>();
  for (const decision of decisions) {
    derived.delete(marked(decision.path));
    if (decision.action === 'edit') setAt(data, decision.path, decision.value);
    if (decision.action === 'remove') removed.add(decision.path);
  }
  for (const path of removed) setAt(data, path, undefined);
  const checked = new Set(decisions.map((decision) => marked(decision.path)));
  const warnings = imported.warnings.filter((warning) => !warning.path || !checked.has(warning.path));
  return { ...imported, data: tidy(data, true) as Record<string, unknown>, derived, warnings };
}

/** The path a fact's mark and warnings are under: a target's salutations are marked together. */
function marked(path: string): string {
  return path.replace(/#\w+$/, '').replace(/(\.salutation)\.[a-z]{2}$/, '$1');
}

/** "targets[0].email[1]" → ['targets', 0, 'email', 1] */
function keys(path: string): (string | number)[] {
  return path
    .replace(/#\w+$/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(data: unknown, path: string | (string | number)[]): unknown {
  return (typeof path === 'string' ? keys(path) : path).reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined),
    data,
  );
}

// A removed value keeps its place until the end, so that the paths of the others stay true.
const REMOVED = Symbol('removed');

function setAt(data: Record<string, unknown>, path: string, value: string | undefined): void {
  const all = keys(path);
  const parent = valueAt(data, all.slice(0, -1)) as Record<string | number, unknown> | undefined;
  const last = all[all.length - 1];
  if (!parent || typeof parent !== 'object' || last === undefined) return;
  const part = /#(first|last)$/.exec(path)?.[1];
  if (!part) {
    parent[last] = value === undefined ? REMOVED : value;
    return;
  }
  const paragraphs = String(parent[last] ?? '')
    .trim()
    .split(/\n\s*\n/);
  const at = part === 'first' ? 0 : paragraphs.length - 1;
  if (value === undefined) paragraphs.splice(at, 1);
  else paragraphs[at] = value;
  parent[last] = paragraphs.length > 0 ? `${paragraphs.join('\n\n')}\n` : REMOVED;
}

/** Removed values out; a list left empty by a removal goes too (the UA's own keys stay: validate names what is missing). */
function tidy(node: unknown, top = false): unknown {
  if (Array.isArray(node)) return node.filter((item) => item !== REMOVED).map((item) => tidy(item));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node)) {
    if (value === REMOVED) continue;
    const kept = tidy(value);
    if (!top && Array.isArray(kept) && kept.length === 0) continue;
    out[name] = kept;
  }
  return out;
}
