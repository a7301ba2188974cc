import { styleText } from 'node:util';
import { cancelled } from '../errors.js';
import { t } from '../i18n.js';
import type { InStream, OutStream } from '../world.js';

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}

/** The questions `ua` asks at a terminal. Tests script it; the real one is Inquirer. */
export interface Prompter {
  select<T>(message: string, choices: readonly Choice<T>[], fallback?: T): Promise<T>;
  checkbox<T>(message: string, choices: readonly Choice<T>[]): Promise<T[]>;
  input(message: string, options?: { default?: string; validate?: (value: string) => string | undefined }): Promise<string>;
  confirm(message: string, fallback?: boolean): Promise<boolean>;
  /** A hidden answer (a password): never echoed. */
  password(message: string): Promise<string>;
}

/**
 * Inquirer, loaded only when a prompt is needed (it is the costliest import). Prompts draw on
 * stderr so that stdout carries only the letter. Ctrl-C becomes the "cancelled" outcome.
 */
export async function inquirerPrompter(input: InStream, output: OutStream): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  const context = { input, output, clearPromptOnDone: false };
  const theme = inquirerTheme();
  const ask = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw cancelled();
      throw error;
    }
  };
  return {
    select: (message, choices, fallback) =>
      ask(() => prompts.select({ message, choices: [...choices], default: fallback, theme: { style: theme.style } }, context)),
    checkbox: (message, choices) =>
      ask(() =>
        prompts.checkbox(
          { message, choices: [...choices], theme: { style: theme.style }, validate: (items) => (items.length > 0 ? true : t('ask.atLeastOne')) },
          context,
        ),
      ),
    input: (message, options = {}) =>
      ask(() => prompts.input({ message, default: options.default, validate: (value: string) => options.validate?.(value) ?? true }, context)),
    confirm: (message, fallback) => ask(() => prompts.confirm({ message, default: fallback, theme: { keywords: theme.keywords } }, context)),
    password: (message) =>
      ask(() =>
        prompts.password({ message, mask: true, theme: { style: theme.style }, validate: (value: string) => (value ? true : t('ask.typePassword')) }, context),
      ),
  };
}

/** Inquirer's own words, in the interface's language: the keys' help line, yes and no. */
function inquirerTheme() {
  const actions: Readonly<Record<string, string>> = {
    navigate: t('prompt.navigate'),
    select: t('prompt.select'),
    submit: t('prompt.submit'),
    all: t('prompt.all'),
    invert: t('prompt.invert'),
    space: t('prompt.space'),
    'toggle visibility': t('prompt.toggleVisibility'),
  };
  const yes = t('prompt.yes');
  const no = t('prompt.no');
  return {
    style: {
      keysHelpTip: (keys: [string, string][]) =>
        keys.map(([key, action]) => `${styleText('bold', actions[key] ?? key)} ${styleText('dim', actions[action] ?? action)}`).join(styleText('dim', ' • ')),
    },
    // "Sí"/"No" is s/n, "Oui"/"Non" is o/n; Inquirer also takes y and n.
    keywords: { yes, no, error: () => t('prompt.yesOrNo', { yes, no }) },
  };
}
