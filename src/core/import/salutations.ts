import { t } from '../../i18n.js';
import type { FoundTarget, Warning } from './targets.js';
import { alternation, HONORIFIC, OF_WORDS, ORGANISATION, TABLES, TITLE, tableFor } from './vocabulary.js';

const OPENERS = TABLES.map((table) => ({ lang: table.language, pattern: new RegExp(`^${alternation(table.salutations)}`, 'iu') }));

/**
 * The language a salutation is written in, by its opening words: "Your Majesty" is English
 * even on a German page. The hint (the letter's language) wins when both could be meant.
 */
export function salutationLanguage(text: string, hint: string): string {
  const matching = OPENERS.filter((opener) => opener.pattern.test(text)).map((opener) => opener.lang);
  return matching.includes(hint) ? hint : (matching[0] ?? hint);
}

/** A salutation ends as its language ends one: "Señor Secretario:" and "Dear Director,". */
export function punctuated(salutation: string, lang: string): string {
  if (/[,:!]$/.test(salutation)) return salutation;
  return `${salutation}${lang === 'es' ? ':' : ','}`;
}

/**
 * A formal salutation worked out from the title ("Minister of Justice" → "Dear Minister,"), in
 * the letter's language; never from a name, an organisation or an honorific ("S.E. Herrn"),
 * and undefined where the language's table has no way to make one.
 */
export function derivedSalutation(title: string | undefined, lang: string): string | undefined {
  const table = tableFor(lang);
  if (!table) return undefined;
  const role = title?.replace(HONORIFIC, '').split(OF_WORDS)[0]?.trim();
  const usable = role && TITLE.test(role) && !ORGANISATION.test(role) && !/^the\b/i.test(role) && role.split(/\s+/).length <= 3;
  if (usable && table.derive.template) return table.derive.template.replace('{role}', role);
  return table.derive.fallback || undefined;
}

/** One target's salutations: the document's own (its block's, or the letter's for the first), else one worked out. */
export function salutationsOf(
  target: FoundTarget,
  index: number,
  letterSalutation: string | undefined,
  lang: string,
  derived: Map<string, string>,
  warnings: Warning[],
): Record<string, string> {
  const path = `targets[${index}].salutation`;
  // The sample's "Dear …" is written to the first target; any other needs its own.
  const fromDocument = target.salutation ?? (index === 0 ? letterSalutation : undefined);
  if (fromDocument) {
    const own = salutationLanguage(fromDocument, lang);
    return { [own]: punctuated(fromDocument, own) };
  }
  const made = derivedSalutation(target.title, lang);
  if (!made) {
    warnings.push({ line: target.line, path, message: t('import.noSalutationMade', { name: target.name }) });
    return {};
  }
  derived.set(path, t('import.madeSalutation'));
  warnings.push({ line: target.line, path, message: t('import.noSalutation', { name: target.name }) });
  return { [lang]: made };
}
