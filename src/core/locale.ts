import type { Lang } from './action.js';
import type { Translate } from './i18n.js';

/** The per-language pieces of a letter (templates/locales/<lang>.yaml). */
export interface Locale {
  code: Lang;
  name: string;
  months: string[];
  date: string;
  first_day?: string;
  dateline: string;
  place: string;
  intro: string;
  closing: string;
  signature_space: string;
  /** Under the line an unsigned copy leaves for the signer's name. */
  name_space: string;
  /** Under the lines it leaves for their postal address. */
  address_space: string;
  /** A call script's sentences, when the UA gives none (core/call-script.ts). */
  call?: CallWords;
}

/** The sentences of a call script built from a UA's requests: {name} {city}, {id} {country}, {asks}. */
export interface CallWords {
  greeting: string;
  about: string;
  asks: string;
  close: string;
}

const REQUIRED = ['name', 'months', 'date', 'dateline', 'place', 'intro', 'closing', 'signature_space', 'name_space', 'address_space'] as const;

/** Checks a parsed locale file; returns the problems (empty when it is usable). */
export function checkLocale(t: Translate, data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [t('check.mapping')];
  const record = data as Record<string, unknown>;
  const problems = REQUIRED.filter((key) => record[key] === undefined).map((key) => t('check.missingKey', { key }));
  const months = record.months;
  if (months !== undefined && (!Array.isArray(months) || months.length !== 12)) problems.push(t('check.months'));
  return problems;
}

/** Fills `{name}` placeholders; an unknown placeholder is a bug in a locale file, so it throws. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`locale placeholder {${key}} has no value`);
    return value;
  });
}
