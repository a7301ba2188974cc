import { type Answers, type FieldSpec, fieldByKey, fieldQuestion } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { displayWidth, padEnd } from '../../core/screen.js';
import { forTerminal } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import { clearProfile, readConfig, saveProfile } from '../../io/config.js';

import type { Prompter } from '../../world.js';
import type { Context } from '../context.js';
import { decideInteractive } from '../shared/interactivity.js';

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
    const answers = await askProfile(t, await world.prompter(ctx.style(world.stderr), t), config.profile);
    await saveProfile(t, config, { ...config.profile, ...answers });
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

/** Name, city and country (required), email (optional): each with what is saved as the default. */
export async function askProfile(t: Translate, prompter: Prompter, saved: Answers): Promise<Answers> {
  const answers: Answers = {};
  for (const key of ['name', 'city', 'country', 'email'] as const) {
    const spec = fieldByKey.get(key) as FieldSpec;
    const value = await prompter.input(fieldQuestion(t, spec), {
      default: saved[key],
      validate: (text) => (text.trim() === '' ? (spec.required ? t('ask.required') : undefined) : spec.check(t, text.trim())),
    });
    if (value.trim()) answers[key] = value.trim();
  }
  return answers;
}
