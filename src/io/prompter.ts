import type { Translate } from '../core/i18n.js';
import { cancelled } from '../errors.js';
import type { InStream, OutStream, Prompter, Style } from '../world.js';

/**
 * Inquirer, loaded only when a prompt is needed (it is the costliest import). Prompts draw on
 * stderr so that stdout carries only the letter. Ctrl-C becomes the "cancelled" outcome. `style`:
 * the colours of ua's stderr, which the prompts take too (see inquirerTheme).
 */
export async function inquirerPrompter(t: Translate, input: InStream, output: OutStream, style: Style): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  const { default: figures } = await import('@inquirer/figures');
  const context = { input, output, clearPromptOnDone: false };
  const theme = inquirerTheme(t, style, figures);
  const ask = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw cancelled(t('errors.cancelled'));
      throw error;
    }
  };
  return {
    select: (message, choices, fallback) => ask(() => prompts.select({ message, choices: [...choices], default: fallback, theme }, context)),
    checkbox: (message, choices) =>
      ask(() => prompts.checkbox({ message, choices: [...choices], theme, validate: (items) => (items.length > 0 ? true : t('ask.atLeastOne')) }, context)),
    input: (message, options = {}) =>
      ask(() => prompts.input({ message, default: options.default, theme, validate: (value: string) => options.validate?.(value) ?? true }, context)),
    confirm: (message, fallback) => ask(() => prompts.confirm({ message, default: fallback, theme }, context)),
    password: (message) =>
      ask(() => prompts.password({ message, mask: true, theme, validate: (value: string) => (value ? true : t('ask.typePassword')) }, context)),
  };
}

/**
 * Inquirer's own words, in the interface's language (the keys' help line, yes and no), and its
 * every colour from ua's style. Inquirer's defaults colour by what process.stdout is, when the
 * prompts are on stderr, and know nothing of --no-color: each one is replaced.
 */
function inquirerTheme(t: Translate, style: Style, figures: { tick: string; pointer: string; circleFilled: string; circleDouble: string }) {
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
    prefix: { idle: style.asking('?'), done: style.good(figures.tick) },
    spinner: { interval: 80, frames: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'].map((frame) => style.warn(frame)) },
    // The figures as Inquirer draws them (plainer ones where a terminal lacks Unicode).
    icon: { cursor: figures.pointer, checked: style.good(figures.circleFilled), disabledChecked: style.good(figures.circleDouble) },
    style: {
      answer: (text: string) => style.accent(text),
      message: (text: string) => style.bold(text),
      error: (text: string) => style.bad(`> ${text}`),
      defaultAnswer: (text: string) => style.dim(`(${text})`),
      help: (text: string) => style.dim(text),
      highlight: (text: string) => style.accent(text),
      key: (text: string) => style.accent(style.bold(`<${text}>`)),
      disabled: (text: string) => style.dim(text),
      description: (text: string) => style.accent(text),
      // As Inquirer shows the default of a yes/no: a word capitalised, a symbol in colour.
      confirmDefault: (text: string) => {
        const first = text.charAt(0);
        return first.toLowerCase() === first.toUpperCase() ? style.accent(text) : `${first.toUpperCase()}${text.slice(1)}`;
      },
      keysHelpTip: (keys: [string, string][]) =>
        keys.map(([key, action]) => `${style.bold(actions[key] ?? key)} ${style.dim(actions[action] ?? action)}`).join(style.dim(' • ')),
    },
    // "Sí"/"No" is s/n, "Oui"/"Non" is o/n; Inquirer also takes y and n.
    keywords: { yes, no, error: () => t('prompt.yesOrNo', { yes, no }) },
  };
}
