import { checkEmail } from './address.js';
import { targetId } from './choose.js';
import type { PlainKey, Translate } from './i18n.js';
import { checkLine, checkText } from './text-checks.js';

/** Who is writing: the fields of the letter that come from the person. */
export interface Sender {
  name: string;
  city: string;
  country: string;
  email?: string;
  address?: string[];
  about?: string;
  note?: string;
}

/** Everything a person can answer, from flags, an answers file, a profile or a prompt. */
export interface Answers extends Partial<Sender> {
  lang?: string;
  targets?: string[];
}

export type AnswerKey = keyof Answers;

export interface FieldSpec {
  key: AnswerKey;
  flag: string;
  /** The question asked at a terminal (a message of the catalogue). */
  question: PlainKey;
  required: boolean;
  shape: 'line' | 'lines' | 'text' | 'email' | 'list';
  /** How a value is written the one way (a language code in lower case). */
  normalise?: (value: string) => string;
  check: (t: Translate, value: string) => string | undefined;
}

/** Declared once; flags, answers files, profiles, batch rows and prompts all use these. */
export const FIELDS: readonly FieldSpec[] = [
  {
    key: 'lang',
    flag: '--lang',
    question: 'field.lang',
    required: false,
    shape: 'line',
    // ES, Es and es are one language.
    normalise: (v) => v.toLowerCase(),
    check: (t, v) => (/^[a-z]{2}$/.test(v) ? undefined : t('check.languageCode')),
  },
  {
    key: 'targets',
    flag: '--target',
    question: 'field.targets',
    required: false,
    shape: 'list',
    // Whether the UA has such a target is for the UA to say, with the ids it has.
    normalise: targetId,
    check: (t, v) => checkLine(t, v, 100),
  },
  { key: 'name', flag: '--name', question: 'field.name', required: true, shape: 'line', check: (t, v) => checkLine(t, v, 100) },
  { key: 'city', flag: '--city', question: 'field.city', required: true, shape: 'line', check: (t, v) => checkLine(t, v, 100) },
  { key: 'country', flag: '--country', question: 'field.country', required: true, shape: 'line', check: (t, v) => checkLine(t, v, 100) },
  { key: 'email', flag: '--email', question: 'field.email', required: false, shape: 'email', check: checkEmail },
  { key: 'address', flag: '--address', question: 'field.address', required: false, shape: 'lines', check: (t, v) => checkLine(t, v, 120) },
  { key: 'about', flag: '--about', question: 'field.about', required: false, shape: 'line', check: (t, v) => checkLine(t, v, 300) },
  { key: 'note', flag: '--note', question: 'field.note', required: false, shape: 'text', check: (t, v) => checkText(t, v, 4000) },
];

export const fieldByKey = new Map(FIELDS.map((field) => [field.key, field]));

export interface FieldProblem {
  key: string;
  /** Index within a list value, when the problem is in one item. */
  index?: number;
  /** The key itself is wrong (unknown), not its value. */
  unknown?: true;
  message: string;
}

/**
 * Reads raw answers (a parsed file, a row, a profile, flag values) into `Answers`, trimming
 * text and listing every problem. Unknown keys are problems too: a typo must not be ignored.
 */
export function readAnswers(t: Translate, raw: Readonly<Record<string, unknown>>): { answers: Answers; problems: FieldProblem[] } {
  const answers: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null || value === '') continue;
    const field = fieldByKey.get(key as AnswerKey);
    if (!field) {
      problems.push({ key, unknown: true, message: t('check.unknownField', { fields: FIELDS.map((f) => f.key).join(', ') }) });
      continue;
    }
    const result = readField(t, field, value);
    if ('message' in result) problems.push({ key, index: result.index, message: result.message });
    else if (result.value !== undefined) answers[key] = result.value;
  }
  return { answers: answers as Answers, problems };
}

type FieldResult = { value: unknown } | { message: string; index?: number };

function readField(t: Translate, field: FieldSpec, value: unknown): FieldResult {
  if (field.shape === 'lines' || field.shape === 'list') return readList(t, field, value);
  if (typeof value !== 'string') return { message: typeof value === 'number' ? t('check.textQuoteIt') : t('check.text') };
  const trimmed = field.shape === 'text' ? value.replace(/\r\n/g, '\n').trim() : value.trim();
  const text = field.normalise ? field.normalise(trimmed) : trimmed;
  if (text === '') return { value: undefined };
  const message = field.check(t, text);
  return message ? { message } : { value: text };
}

/** A list field takes one string or a list of them (an address, target ids). */
function readList(t: Translate, field: FieldSpec, value: unknown): FieldResult {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) return { message: t('check.textOrList') };
  const trimmed = items.map((item: string) => (field.normalise ? field.normalise(item.trim()) : item.trim())).filter((item) => item !== '');
  for (const [index, item] of trimmed.entries()) {
    const message = field.check(t, item);
    if (message) return { message, index: trimmed.length > 1 ? index : undefined };
  }
  return { value: trimmed.length > 0 ? trimmed : undefined };
}

/** The required sender fields still missing. */
export function missingFields(answers: Answers): FieldSpec[] {
  return FIELDS.filter((field) => field.required && answers[field.key] === undefined);
}

/** Later sources win: mergeAnswers(profile, file, flags). */
export function mergeAnswers(...sources: readonly Answers[]): Answers {
  return Object.assign({}, ...sources.map((source) => Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined))));
}

export function toSender(answers: Answers): Sender | undefined {
  const { name, city, country, email, address, about, note } = answers;
  if (!name || !city || !country) return undefined;
  return { name, city, country, email, address, about, note };
}

/** The question for a field, in the interface's language. */
export function fieldQuestion(t: Translate, spec: FieldSpec): string {
  return t(spec.question);
}
