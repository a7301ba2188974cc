// The interface's message catalogues (templates/ui/<lang>.yaml), read and checked. English is
// the reference: every other language has each of its keys, no other, and the same
// {placeholders}; a message that depends on a number has an "other" form. The build fails on
// any problem, so a missing translation stops a release, not a volunteer.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isScalar, parseDocument, visit } from 'yaml';

const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

const isPlural = (item) => Object.keys(item).length > 0 && Object.keys(item).every((key) => PLURAL_FORMS.has(key));

/** { "send.delivered": { one, other }, "cli.help": "…" }: nested YAML to dotted keys. */
export function flatten(value, prefix = '') {
  return Object.entries(value ?? {}).flatMap(([key, item]) =>
    typeof item === 'object' && item !== null && !isPlural(item) ? flatten(item, `${prefix}${key}.`) : [[`${prefix}${key}`, item]],
  );
}

/** Every catalogue in a folder, by language code, flattened. */
export function readCatalogues(dir) {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => [basename(name, '.yaml'), Object.fromEntries(flatten(parseCatalogue(join(dir, name))))]),
  );
}

/** A message is never followed by a comment: an unquoted " #" would have cut it short there. */
function parseCatalogue(file) {
  const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
  visit(doc, {
    Scalar(_, node) {
      if (isScalar(node) && node.comment) throw new Error(`${file}: "${node.value}" is followed by #${node.comment}: quote the message`);
    },
  });
  return doc.toJS();
}

const placeholders = (item) =>
  [...new Set((typeof item === 'string' ? [item] : Object.values(item)).join(' ').match(/\{[a-zA-Z]+\}/g) ?? [])].sort().join(' ') || 'none';

/** The problems, one line each ("templates/ui/fr.yaml: missing send.delivered"); none when all is well. */
export function checkCatalogues(catalogues) {
  const reference = catalogues.en;
  if (!reference) return ['templates/ui/en.yaml: missing (English is the reference)'];
  return Object.entries(catalogues).flatMap(([lang, catalogue]) => {
    const file = `templates/ui/${lang}.yaml`;
    const forms = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
    const wrong = Object.entries(reference).map(([key, english]) => {
      const problem = messageProblem(catalogue[key], english, forms);
      return problem && `${file}: ${key} ${problem}`;
    });
    const extra = Object.keys(catalogue)
      .filter((key) => !(key in reference))
      .map((key) => `${file}: ${key} is not in en.yaml`);
    return [...wrong.filter(Boolean), ...extra];
  });
}

/** What is wrong with one message, beside its English; undefined when nothing is. */
function messageProblem(message, english, forms) {
  if (message === undefined) return 'is missing';
  const texts = typeof message === 'string' ? [message] : typeof message === 'object' && message !== null ? Object.values(message) : [];
  if (texts.length === 0 || texts.some((text) => typeof text !== 'string')) return 'is not text';
  if (texts.some((text) => text.trim() === '')) return 'is empty';
  if (placeholders(message) !== placeholders(english)) return `has placeholders ${placeholders(message)}, English has ${placeholders(english)}`;
  if (typeof message === 'string') return undefined;
  if (!('other' in message)) return 'has no "other" form';
  const unused = Object.keys(message).filter((form) => !forms.has(form));
  return unused.length > 0 ? `has a form this language never uses (${unused.join(', ')})` : undefined;
}
