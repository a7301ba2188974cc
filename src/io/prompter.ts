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
  const ask = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw cancelled();
      throw error;
    }
  };
  return {
    select: (message, choices, fallback) => ask(() => prompts.select({ message, choices: [...choices], default: fallback }, context)),
    checkbox: (message, choices) =>
      ask(() =>
        prompts.checkbox({ message, choices: [...choices], required: true, validate: (items) => (items.length > 0 ? true : t('ask.atLeastOne')) }, context),
      ),
    input: (message, options = {}) =>
      ask(() => prompts.input({ message, default: options.default, validate: (value: string) => options.validate?.(value) ?? true }, context)),
    confirm: (message, fallback) => ask(() => prompts.confirm({ message, default: fallback }, context)),
    password: (message) => ask(() => prompts.password({ message, mask: true, validate: (value: string) => (value ? true : t('ask.typePassword')) }, context)),
  };
}
