import { type Action, letterLanguages, localize, usesTemplates } from '../../core/action.js';
import { chooseTargets, defaultLanguage } from '../../core/choose.js';
import { composeLetters, type Letter } from '../../core/compose.js';
import { localDay } from '../../core/dates.js';
import { missingFields, readAnswers } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { renderForScreen, TEXT_WIDTH, wrap } from '../../core/render.js';
import type { EveningAnswers } from '../../io/evening.js';
import { loadLocale } from '../../io/repository.js';

// The attendee's form: the questions of `ua compose`, checked by the same field rules
// (core/fields.ts), composed by the same core (core/compose.ts), shown as `ua compose` prints.

/** The form's fields as typed (the browser sends text). */
export interface FormValues {
  lang: string;
  targets: string[];
  name: string;
  city: string;
  country: string;
  email: string;
  about: string;
  note: string;
}

const TEXT_FIELDS = ['lang', 'name', 'city', 'country', 'email', 'about', 'note'] as const;

/** What the browser sent, as text: anything else in the body is ignored, a list where text belongs is refused. */
export function formValues(body: unknown): FormValues | undefined {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) {
    const value = fields[key] ?? '';
    if (typeof value !== 'string') return undefined;
    values[key] = value;
  }
  const targets = fields.targets ?? [];
  const list = typeof targets === 'string' ? [targets] : targets;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) return undefined;
  return { ...(values as Omit<FormValues, 'targets'>), targets: list as string[] };
}

/** A blank form for a UA: the targets' preferred language, every official. */
export function blankForm(action: Action): FormValues {
  return {
    lang: defaultLanguage(action) ?? 'en',
    targets: action.targets.map((target) => target.id),
    name: '',
    city: '',
    country: '',
    email: '',
    about: '',
    note: '',
  };
}

export function formOf(answers: EveningAnswers): FormValues {
  return { ...answers, email: answers.email ?? '', about: answers.about ?? '', note: answers.note ?? '' };
}

/** The answers, or every problem by field, in the attendee's language. */
export function checkForm(t: Translate, action: Action, values: FormValues): { answers?: EveningAnswers; problems: Record<string, string> } {
  const raw = { ...values, targets: values.targets.length > 0 ? values.targets : undefined };
  const { answers, problems: found } = readAnswers(t, raw);
  const problems: Record<string, string> = {};
  for (const problem of found) problems[problem.key] = problem.message;
  for (const field of missingFields(answers)) problems[field.key] ??= t('serve.page.required');
  if (!letterLanguages(action).includes(answers.lang ?? '')) problems.lang ??= t('serve.page.pickLanguage');
  const { targets, unknown } = chooseTargets(action, answers.targets ?? []);
  if (targets.length === 0 || unknown.length > 0) problems.targets ??= t('serve.page.pickOfficial');
  if (Object.keys(problems).length > 0 || !answers.name || !answers.city || !answers.country) return { problems };
  const kept: EveningAnswers = {
    lang: answers.lang as string,
    targets: targets.map((target) => target.id),
    name: answers.name,
    city: answers.city,
    country: answers.country,
  };
  if (answers.email) kept.email = answers.email;
  if (answers.about) kept.about = answers.about;
  if (answers.note) kept.note = answers.note;
  return { answers: kept, problems };
}

/** The letters of these answers, as `ua compose` writes them (the same core, the same day). */
export async function lettersOf(t: Translate, action: Action, answers: EveningAnswers, now: Date): Promise<Letter[]> {
  const templates = usesTemplates(action) ? (await import('../../core/letter-engine.js')).renderLetterTemplate : undefined;
  const { targets } = chooseTargets(action, answers.targets);
  const sender = senderOf(answers);
  const locale = loadLocale(t, answers.lang);
  return composeLetters({ t, templates, action, lang: answers.lang, targets, sender, today: localDay(now), locale });
}

/** The person who signs, as core/fields.ts has them. */
export const senderOf = (answers: EveningAnswers) => ({
  name: answers.name,
  city: answers.city,
  country: answers.country,
  email: answers.email,
  about: answers.about,
  note: answers.note,
});

/**
 * Each letter's text as `ua compose` prints it, from the same layout, but for the paragraphs'
 * line breaks: a phone breaks them at its own width (76 columns broken again at 40 would read
 * as a ragged poem). Each paragraph broken at 76 columns, the text is compose's, byte for byte.
 */
export const letterTexts = (letters: readonly Letter[]): string[] =>
  letters.map((letter) => renderForScreen([letter], TEXT_WIDTH, (text) => wrap(text, Number.POSITIVE_INFINITY)));

/** The form's choices: the letter languages (the targets' preferred first) and the officials. */
export function formChoices(t: Translate, lang: string, action: Action, values: FormValues) {
  const preferred = defaultLanguage(action);
  const languages = [...letterLanguages(action)].sort((a, b) => Number(b === preferred) - Number(a === preferred));
  return {
    languages: languages.map((code) => ({ code, name: loadLocale(t, code).name, checked: code === values.lang, preferred: code === preferred })),
    officials: action.targets.map((target) => ({
      id: target.id,
      name: target.name,
      title: localize(target.title, lang) ?? '',
      checked: values.targets.includes(target.id),
    })),
  };
}
