import { type Answers, type FieldSpec, fieldByKey, fieldQuestion } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { signerName } from '../../core/identity.js';
import { displayWidth, padEnd } from '../../core/screen.js';
import { forTerminal } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import { clearProfile, readConfig, saveProfile } from '../../io/config.js';
import { loadLocale, localeCodes } from '../../io/repository.js';

import type { Prompter } from '../../world.js';
import { decideInteractive } from '../common/interactivity.js';
import type { Context } from '../context.js';

/** What to do with the saved details (the argument; cli.ts declares its choices). */
export type ProfileAction = 'show' | 'edit' | 'clear';

export interface ProfileOptions {
  json: boolean;
}

const SHOWN = ['name', 'city', 'country', 'email', 'address', 'lang'] as const;

/** `ua profile [edit|clear]`: the volunteer's saved details, theirs to see, change and remove. */
export async function profile(action: ProfileAction, options: ProfileOptions, ctx: Context): Promise<number> {
  const { world, t, note: say } = ctx;
  const config = await readConfig(t, world.env);

  // 1. Remove it.
  if (action === 'clear') {
    say((await clearProfile(t, config)) ? t('profile.cleared', { file: forTerminal(config.file) }) : t('profile.noneToClear'));
    return 0;
  }

  // 2. Ask again, with what is saved as the answers to keep.
  if (action === 'edit') {
    if (!decideInteractive(t, {}, world)) throw usageError(t('profile.needsTerminal'), t('profile.needsTerminalHint', { file: config.file }));
    const prompter = await world.prompter(ctx.style(world.stderr), t);
    const answers = await askProfile(t, prompter, config.profile);
    const lang = await askLetterLanguage(t, prompter, config.profile.lang);
    await saveProfile(t, config, { ...config.profile, ...answers, lang });
    say(t('profile.saved', { file: forTerminal(config.file), name: forTerminal(answers.name ?? '') }));
    return 0;
  }

  // 3. Show it.
  if (options.json) {
    world.stdout.write(`${JSON.stringify(config.profile, null, 2)}\n`);
    return 0;
  }
  if (Object.keys(config.profile).length === 0) {
    say(t('profile.none'));
    return 0;
  }
  const shown = SHOWN.filter((key) => config.profile[key] !== undefined);
  const labels = new Map(shown.map((key) => [key, t(`profile.label.${key}`)]));
  const width = Math.max(...[...labels.values()].map((label) => displayWidth(label))) + 1;
  const rows = shown.map((key) => {
    const value = config.profile[key];
    return `${padEnd(labels.get(key) ?? key, width)}${forTerminal(Array.isArray(value) ? value.join(', ') : String(value))}`;
  });
  world.stdout.write(`${rows.join('\n')}\n`);
  say(t('profile.where', { file: forTerminal(config.file) }));
  return 0;
}

/** Name, city and country (required), email and postal address (optional): each with what is saved as the default. */
export async function askProfile(t: Translate, prompter: Prompter, saved: Answers): Promise<Answers> {
  const answers: Answers = {};
  let defaults = saved;
  for (const key of ['name', 'city', 'country', 'email'] as const) {
    const spec = fieldByKey.get(key) as FieldSpec;
    const value = await prompter.input(fieldQuestion(t, spec), {
      default: defaults[key],
      validate: (text) => (text.trim() === '' ? (spec.required ? t('ask.required') : undefined) : spec.check(t, text.trim())),
    });
    if (value.trim()) answers[key] = value.trim();
    // Another person writing: the saved details are not theirs to keep by pressing Enter (an
    // empty answer takes the default, so Tom could not otherwise leave Margaret's email out).
    if (key === 'name' && saved.name && signerName(value) !== signerName(saved.name)) defaults = {};
  }
  // The address is lines; on one line at a prompt, as in a sign-up sheet, they are split at "|".
  const spec = fieldByKey.get('address') as FieldSpec;
  const lines = (text: string) =>
    text
      .split('|')
      .map((line) => line.trim())
      .filter(Boolean);
  const address = await prompter.input(t('ask.address'), {
    default: saved.address?.join(' | '),
    validate: (text) =>
      lines(text)
        .map((line) => spec.check(t, line))
        .find(Boolean),
  });
  if (lines(address).length > 0) answers.address = lines(address);
  return answers;
}

/** The language the volunteer writes in, where a UA has a letter in it; or none: each UA's preferred one. */
async function askLetterLanguage(t: Translate, prompter: Prompter, saved: string | undefined): Promise<string | undefined> {
  const codes = localeCodes();
  const choices = [{ value: '', name: t('ask.anyLanguage') }, ...codes.map((code) => ({ value: code, name: `${loadLocale(t, code).name} (${code})` }))];
  const lang = await prompter.select(t('ask.profileLang'), choices, saved && codes.includes(saved) ? saved : '');
  return lang || undefined;
}
