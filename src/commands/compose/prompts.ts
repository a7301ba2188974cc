import type { Action, Lang } from '../../core/action.js';
import { localize } from '../../core/action.js';
import type { Answers, FieldSpec } from '../../core/fields.js';
import { fieldByKey, fieldQuestion } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import type { Prompter } from '../../world.js';

import { askProfile } from '../profile/profile.js';

export interface AskContext {
  t: Translate;
  prompter: Prompter;
  action: Action;
  /** Letter languages with their names, the preferred one first. */
  languages: { code: Lang; name: string }[];
  /** Tell the user something (stderr). */
  say: (text: string) => void;
  /** A real send with no sending address: the volunteer's email is asked, and required. */
  needsEmail?: boolean;
}

/** Asks only what is still missing; the answer to each question is checked as a flag would be. */
export async function askAnswers(context: AskContext, known: Answers, given: ReadonlySet<string>): Promise<Answers> {
  const answers: Answers = { ...known };
  // 0. Saved details are shown first, with the choice to change them before anything else.
  Object.assign(answers, await confirmProfile(context, known, given));
  // 1. What to write: language and targets.
  await askWhat(context, answers, given);
  // 2. Who is writing: only the missing fields.
  for (const key of ['name', 'city', 'country'] as const) {
    if (answers[key] === undefined) answers[key] = await askLine(context, field(key), true);
  }
  if (context.needsEmail && answers.email === undefined) answers.email = await askLine(context, fieldByKey.get('email') as FieldSpec, true);
  // 3. The optional personal touches, in the letter's language (named in the interface's); Enter skips them.
  const language = answers.lang ? new Intl.DisplayNames(context.t('locale'), { type: 'language' }).of(answers.lang) : undefined;
  for (const key of ['about', 'note'] as const) {
    if (!given.has(key) && answers[key] === undefined) {
      const value = await askLine(context, field(key), false, language);
      if (value) answers[key] = value;
    }
  }
  return answers;
}

/** "Write as Ana Pérez, Leeds, Reino Unido?": the saved details, kept or changed. */
async function confirmProfile({ t, prompter }: AskContext, known: Answers, given: ReadonlySet<string>): Promise<Answers> {
  const fromProfile = (['name', 'city', 'country'] as const).every((key) => known[key] !== undefined && !given.has(key));
  if (!fromProfile) return {};
  const keep = await prompter.select(
    t('ask.writeAs', { name: known.name ?? '', city: known.city ?? '', country: known.country ?? '' }),
    [
      { value: true, name: t('ask.yes') },
      { value: false, name: t('ask.change') },
    ],
    true,
  );
  return keep ? {} : askProfile(t, prompter, known);
}

/** The letter's language (the targets' preferred one first) and the targets (all ticked). */
async function askWhat(context: AskContext, answers: Answers, given: ReadonlySet<string>): Promise<void> {
  const { t, prompter, action, languages } = context;
  if (!given.has('lang') && languages.length > 1) {
    const preferred = action.languages.preferred;
    answers.lang = await prompter.select(
      t('ask.language'),
      languages.map(({ code, name }) => ({ value: code, name: code === preferred ? t('ask.preferred', { name, code }) : `${name} (${code})` })),
      answers.lang && languages.some((l) => l.code === answers.lang) ? answers.lang : languages[0]?.code,
    );
  } else answers.lang ??= languages[0]?.code;
  if (!given.has('targets') && action.targets.length > 1) {
    answers.targets = await prompter.checkbox(
      t('ask.targets'),
      action.targets.map((target) => ({
        value: target.id,
        name: `${target.name} — ${localize(target.title, answers.lang ?? 'en') ?? target.id}`,
        checked: true,
      })),
    );
  }
}

function field(key: 'name' | 'city' | 'country' | 'about' | 'note'): FieldSpec {
  return fieldByKey.get(key) as FieldSpec;
}

async function askLine({ t, prompter }: AskContext, spec: FieldSpec, required: boolean, language?: string): Promise<string> {
  // "One sentence about yourself, in Español (optional)": the words go into that letter.
  const question = language ? t(`ask.${spec.key as 'about' | 'note'}In`, { language }) : fieldQuestion(t, spec);
  const value = await prompter.input(question, {
    validate: (text) => {
      if (text.trim() === '') return required ? t('ask.required') : undefined;
      return spec.check(t, text.trim());
    },
  });
  return value.trim();
}
