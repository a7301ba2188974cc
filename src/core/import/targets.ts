import { checkEmail } from '../address.js';
import type { Translate } from '../i18n.js';
import { hasLabelInside } from './classify.js';
import type { Line } from './normalise.js';
import { alternation, type Field, labelled, SOCIAL_FIELDS, TITLE, TITLE_ANYWHERE, wordsFor } from './vocabulary.js';

export type { Line } from './normalise.js';

export interface Warning {
  line: number;
  path?: string;
  message: string;
}

export interface FoundTarget {
  id: string;
  name: string;
  title?: string;
  organisation?: string;
  salutation?: string;
  address: string[];
  email: string[];
  phone: string[];
  fax: string[];
  social: Record<string, string>;
  contact_form?: string;
  copy: boolean;
  /** Where the block starts, for warnings about this target. */
  line: number;
  /** The line each field was read from ("email:<address>" for each address), for the review. */
  sources: Record<string, number>;
}

// Addresses as documents print them, in any script (ministra@justicia.españa.es, zoë@пример.рф,
// ana@example.xn--p1ai); checkEmail then decides whether each one is kept.
const EMAIL = /[\p{L}\p{M}\p{N}._%+-]+@[\p{L}\p{M}\p{N}.-]+\.\p{L}[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}]/gu;
const HAS_EMAIL = new RegExp(EMAIL.source, 'u');
const OBFUSCATED = /\[email[^\]]*protected\]|\S+\s*[[(]\s*at\s*[\])]\s*\S+/i;
// A role: any table's title word ("Inspector General", "Ministre"), or "The …" before a title.
// A monarch's title is part of how the monarch is named ("King Salman bin Abdul Aziz Al Saud").
const REGNAL = /^(king|queen|emir|sheikh|sultan|könig|königin|rey|reina|roi|reine|re|regina|rei|rainha|koning|koningin)$/i;
const ROLE = new RegExp(`^(?:${alternation(wordsFor('titles').filter((w) => !REGNAL.test(w)))}|The(?=\\s))`, 'iu');
const ORGANISATION =
  /^(Embassy|Ministry|Office|Department|Permanent Mission|High Commission|Consulate|Presidency|Embajada|Ministerio|Secretar[ií]a|Fiscal[ií]a|Procuradur[ií]a|Presidencia|Ambassade|Minist[eè]re|Botschaft|Bundesministerium)\b/i;
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'van', 'von', 'da', 'di', 'du', 'le', 'al', 'el', 'bin', 'ibn', 'y']);

/** A block of lines is a target when it holds a way to reach someone. */
export function isContactBlock(block: readonly Line[]): boolean {
  return block.some((line) => HAS_EMAIL.test(line.text) || OBFUSCATED.test(line.text) || labelled(line.text) !== undefined || hasLabelInside(line.text));
}

/** One official's lines (see officialsIn), one field a line, as a target; undefined without a name. */
export function parseTarget(t: Translate, lines: readonly Line[], copy: boolean, warnings: Warning[]): FoundTarget | undefined {
  const target: FoundTarget = { id: '', name: '', address: [], email: [], phone: [], fax: [], social: {}, copy, line: lines[0]?.n ?? 0, sources: {} };
  const plain: Line[] = [];
  for (const line of lines) {
    const label = labelled(line.text);
    if (!label) {
      if (HAS_EMAIL.test(line.text) && line.text.replace(EMAIL, '').trim().length < 3) addEmails(t, target, line, line.text, warnings);
      else if (OBFUSCATED.test(line.text)) warnings.push({ line: line.n, message: t('import.obfuscated', { value: line.text }) });
      else plain.push(line);
      continue;
    }
    setField(t, target, label.field, label.value, line, warnings);
  }
  nameAndRoles(target, plain);
  if (!target.name) {
    warnings.push({ line: target.line, message: t('import.noName') });
    return undefined;
  }
  return target;
}

function setField(t: Translate, target: FoundTarget, field: Field, value: string, line: Line, warnings: Warning[]): void {
  target.sources[field] ??= line.n;
  if (field === 'email') addEmails(t, target, line, value, warnings);
  else if (field === 'phone' || field === 'fax') target[field].push(value);
  else if (SOCIAL_FIELDS.has(field)) target.social[field] = value;
  else if (field === 'contact_form') target.contact_form = /^https?:\/\//.test(value) ? value : undefined;
  else if (field === 'salutation') target.salutation = value;
  else target.address.push(value);
}

function addEmails(t: Translate, target: FoundTarget, line: Line, value: string, warnings: Warning[]): void {
  if (OBFUSCATED.test(value)) {
    warnings.push({ line: line.n, message: t('import.obfuscated', { value }) });
    return;
  }
  const found = value.match(EMAIL) ?? [];
  if (found.length === 0) {
    if (/^https?:\/\//.test(value)) target.contact_form ??= value;
    warnings.push({ line: line.n, message: t('import.notEmail', { value }) });
  }
  for (const address of found) {
    const problem = checkEmail(t, address);
    if (problem) warnings.push({ line: line.n, message: t('import.badEmail', { address, problem }) });
    else if (!target.email.includes(address)) {
      target.email.push(address);
      target.sources[`email:${address}`] = line.n;
    }
  }
}

/** The unlabelled lines: who (name, title, organisation), then where (the postal address). */
function nameAndRoles(target: FoundTarget, all: readonly Line[]): void {
  // "PRÄSIDENT" over "President Karl Brenner": a heading in capitals over a titled name is left out.
  const titleWordsOnly = (text: string) => text !== '' && text.replace(TITLE_ANYWHERE, '').trim() === '';
  const lines = officeFirst(target, titleWordsOnly(all[0]?.text ?? '') && TITLE.test(all[1]?.text ?? '') ? all.slice(1) : all);
  const [first, next, ...others] = lines;
  if (!first) return;
  const who = whoIs(first.text, next?.text);
  target.name = who.name;
  target.title = who.title;
  target.sources.name = who.usedNext && next ? next.n : first.n;
  target.sources.title = first.n;
  for (const line of who.usedNext ? others : lines.slice(1)) placeLine(target, line);
  target.id = idFor(target.name);
}

/** A line after the name: the organisation, a fuller title, or a line of the address. */
function placeLine(target: FoundTarget, line: Line): void {
  const address = (text: string) => {
    target.address.push(text);
    target.sources[`address:${text}`] = line.n;
  };
  if (ORGANISATION.test(line.text) && !target.organisation) {
    // "Ministry of the Interior, Kongsgate 2, 0150 Lindmark": the organisation, then its address.
    const [organisation, rest] = line.text.split(/,\s*(?=.*\d)(.*)/s);
    target.organisation = organisation ?? line.text;
    if (rest) address(rest);
  }
  // "Minister Ana Ruiz" then "Minister of the Interior": the fuller title wins.
  else if (ROLE.test(line.text) && !/\d/.test(line.text) && (!target.title || line.text.startsWith(`${target.title} `))) target.title = line.text;
  else address(line.text);
}

/** "Office of the President" over "President Luis Arriaga": the office is read first, then who. */
function officeFirst(target: FoundTarget, lines: readonly Line[]): readonly Line[] {
  const [office, who] = lines;
  if (lines.length < 3 || !office || !ORGANISATION.test(office.text) || /\d/.test(office.text) || ORGANISATION.test(who?.text ?? '')) return lines;
  target.organisation = office.text;
  return lines.slice(1);
}

/** The name and title from the first line, or from a role line and the name under it. */
function whoIs(first: string, next: string | undefined): { name: string; title?: string; usedNext: boolean } {
  // "Minister of Justice" is a role; "Ambassador Oswaldo de Rivero" is a role and a name.
  const roleLine = isRoleOnly(first) || (ROLE.test(first) && /^(of|de|del|du|des|for|para|pour|d')\b/i.test(first.replace(ROLE, '').trim()));
  if (roleLine && next && looksLikeName(next) && !ORGANISATION.test(next)) return { name: next, title: first, usedNext: true };
  if (ROLE.test(first) && !/^The /i.test(first)) {
    const role = ROLE.exec(first)?.[0] ?? '';
    return { name: first.slice(role.length).trim() || first, title: role.trim(), usedNext: false };
  }
  // "Mohammed Adamu The Inspector General of Police", or just a name
  const split = / The /.exec(first);
  return split ? { name: first.slice(0, split.index), title: first.slice(split.index + 1), usedNext: false } : { name: first, usedNext: false };
}

/** "Prosecutor General", "Fiscal General", "PRÄSIDENT": title words only, a role and no name. */
function isRoleOnly(text: string): boolean {
  return ROLE.test(text) && text.replace(ROLE, '').replace(TITLE_ANYWHERE, '').trim() === '';
}

function looksLikeName(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length >= 2 && words.length <= 6 && !/\d/.test(text) && words.filter((w) => /^\p{Lu}/u.test(w)).length >= 2;
}

/** A short id people can type: the main surname ("Boluarte" in "Dina Ercilia Boluarte Zegarra"). */
export function idFor(name: string): string {
  // "Dra. Ana Julia Guido", "Lic. José Blake Mora": an abbreviated honorific is not a name.
  const words = name
    .replace(/^(?:\p{L}{1,4}\.\s+)+/u, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !PARTICLES.has(word));
  // "KOVAC Ivan": a name with one word in capitals among others is written surname first.
  const capitals = name.split(/\s+/).filter((word) => /^\p{Lu}{2,}$/u.test(word));
  const surname = capitals.length === 1 && capitals[0] !== name.trim() ? idFor(capitals[0] ?? '') : undefined;
  const main = surname ?? (words.length >= 4 ? words[words.length - 2] : words[words.length - 1]);
  return main && /^[a-z]/.test(main) ? main : `target-${main ?? 'x'}`;
}
