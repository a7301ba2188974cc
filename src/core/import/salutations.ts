import type { Translate } from '../i18n.js';
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
  t: Translate,
  target: FoundTarget,
  index: number,
  letterSalutation: string | undefined,
  lang: string,
  derived: Map<string, string>,
  warnings: Warning[],
): Record<string, string> {
  const path = `targets[${index}].salutation`;
  // The sample's "Dear …" is written to the first target, and only when it fits that target's
  // title ("Dear Minister," is not for an Inspector General); any other needs its own.
  const letterFits = index === 0 && letterSalutation !== undefined && fits(letterSalutation, target);
  if (index === 0 && letterSalutation && !letterFits && !target.salutation) {
    warnings.push({ line: target.line, path, message: t('import.letterSalutationMisfit', { salutation: letterSalutation, name: target.name }) });
  }
  const fromDocument = target.salutation ?? (letterFits ? letterSalutation : undefined);
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

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
// Words that make a title with another ("Prosecutor General", "Deputy Minister"): no evidence alone.
const MODIFIERS = new Set(['general', 'generale', 'generala', 'deputy', 'vice', 'assistant', 'under', 'acting']);
const TITLE_WORDS = [...new Set(TABLES.flatMap((table) => table.titles).map((w) => fold(w).split(/\s+/)[0] ?? ''))].filter(
  (w) => w.length > 2 && !MODIFIERS.has(w),
);
const OPENING_WORDS = new Set(TABLES.flatMap((table) => [...table.salutations, ...table.honorifics]).flatMap((w) => fold(w).split(/\s+/)));

/**
 * Whether a salutation can be written to this target: a title it names must be in the target's
 * title (by its first five letters, so "Ministre" fits "Minister of Justice"); a name it names
 * must be the target's; one naming neither ("Your Excellency,") fits anyone.
 */
export function fits(salutation: string, target: Pick<FoundTarget, 'name' | 'title'>): boolean {
  const words: string[] = fold(salutation).match(/\p{L}+/gu) ?? [];
  const titles = words.filter((w) => TITLE_WORDS.includes(w));
  const own: string[] = fold(`${target.title ?? ''} ${target.name}`).match(/\p{L}+/gu) ?? [];
  const names = (salutation.match(/\p{Lu}\p{L}+/gu) ?? []).map(fold).filter((w) => !OPENING_WORDS.has(w) && !MODIFIERS.has(w) && !titles.includes(w));
  const nameFits = names.length > 0 && names.every((name) => own.includes(name));
  if (names.length > 0 && !nameFits) return false;
  // "Dear Madam President Dina Boluarte," to a block without a title: her name says it is hers.
  if (titles.length > 0 && !target.title) return nameFits;
  return titles.length === 0 || titles.some((w) => own.some((o) => o.startsWith(w.slice(0, 5))));
}
