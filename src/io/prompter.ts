import type { Translate } from '../core/i18n.js';
import { groupsTo, type QuestionLayout, questionLayout } from '../core/screen.js';
import { cancelled } from '../errors.js';
import type { Choice, InStream, OutStream, Prompter, Style } from '../world.js';
import { screenWidth } from './style.js';

/**
 * Inquirer, loaded only when a prompt is needed (it is the costliest import). Prompts draw on
 * stderr so that stdout carries only the letter. Ctrl-C becomes the "cancelled" outcome. `style`:
 * the colours of ua's stderr, which the prompts take too (see inquirerTheme).
 */
export async function inquirerPrompter(t: Translate, input: InStream, output: OutStream, style: Style): Promise<Prompter> {
  // The five prompts ua asks with, not @inquirer/prompts: that brings its editor prompt, and with
  // it a half-megabyte of character-set tables, into every command's bundle.
  const [{ default: select }, { default: checkbox }, { default: inputPrompt }, { default: confirm }, { default: password }] = await Promise.all([
    import('@inquirer/select'),
    import('@inquirer/checkbox'),
    import('@inquirer/input'),
    import('@inquirer/confirm'),
    import('@inquirer/password'),
  ]);
  const prompts = { select, checkbox, input: inputPrompt, confirm, password };
  const { default: figures } = await import('@inquirer/figures');
  const context = { input, output, clearPromptOnDone: false };
  const base = inquirerTheme(t, style, figures);
  // Each question laid out for the terminal as it is when asked (see core/screen.ts questionLayout).
  const asking = <R>(message: string, run: (laid: Laid) => Promise<R>): Promise<R> => {
    const width = screenWidth(output, {}, 80);
    const layout = questionLayout(message, width);
    return ask(t, () => run({ message: layout.question, theme: themeFor(base, style, layout, width), layout }));
  };
  return {
    select: (message, choices, fallback) =>
      asking(message, ({ message, theme, layout }) => prompts.select({ message, choices: laidOut(choices, layout, 2), default: fallback, theme }, context)),
    checkbox: (message, choices) =>
      asking(message, ({ message, theme, layout }) =>
        prompts.checkbox(
          { message, choices: laidOut(choices, layout, 3), theme, validate: (items) => (items.length > 0 ? true : t('ask.atLeastOne')) },
          context,
        ),
      ),
    input: (message, options = {}) =>
      asking(message, ({ message, theme }) =>
        prompts.input({ message, default: options.default, theme, validate: (value: string) => options.validate?.(value) ?? true }, context),
      ),
    confirm: (message, fallback) => asking(message, ({ message, theme }) => prompts.confirm({ message, default: fallback, theme }, context)),
    password: (message) =>
      asking(message, ({ message, theme }) =>
        prompts.password({ message, mask: true, theme, validate: (value: string) => (value ? true : t('ask.typePassword')) }, context),
      ),
  };
}

interface Laid {
  message: string;
  theme: ReturnType<typeof inquirerTheme>;
  layout: QuestionLayout;
}

/** Ctrl-C at a question is the "cancelled" outcome. */
async function ask<T>(t: Translate, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw cancelled(t('errors.cancelled'));
    throw error;
  }
}

/** Choices broken between words under the pointer (`indent` columns); once chosen, each is echoed whole. */
function laidOut<T>(choices: readonly Choice<T>[], layout: QuestionLayout, indent: number) {
  return choices.map((choice) => ({ ...choice, name: layout.below(choice.name, indent), short: choice.name }));
}

/**
 * The theme for one question: what Inquirer draws around the question (its default, the
 * answer it echoes, an error, a description, the keys' help) broken between words for it.
 */
function themeFor(base: ReturnType<typeof inquirerTheme>, style: Style, layout: QuestionLayout, width: number) {
  return {
    ...base,
    style: {
      ...base.style,
      answer: (text: string) => style.accent(layout.after(text)),
      defaultAnswer: (text: string) => style.dim(layout.after(`(${text})`)),
      error: (text: string) => style.bad(layout.below(`> ${text}`, 2)),
      description: (text: string) => style.accent(layout.below(text, 0)),
      keysHelpTip: (keys: [string, string][]) => base.style.keysHelpTip(keys, width),
    },
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
      // A line broken only between two keys, never inside one's words.
      keysHelpTip: (keys: [string, string][], width = Number.POSITIVE_INFINITY) =>
        groupsTo(
          keys.map(([key, action]) => `${style.bold(actions[key] ?? key)} ${style.dim(actions[action] ?? action)}`),
          style.dim(' • '),
          width,
        ),
    },
    // "Sí"/"No" is s/n, "Oui"/"Non" is o/n; Inquirer also takes y and n.
    keywords: { yes, no, error: () => t('prompt.yesOrNo', { yes, no }) },
  };
}
