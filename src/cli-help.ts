import { type Argument, type Command, Help, type Option } from 'commander';
import type { Translate } from './core/i18n.js';

/**
 * Commander's own words, in the interface's language: the help's headings ("Usage:",
 * "Options:"), the notes after a description ("choices: …"), and its error messages. The
 * rest of the help is ua's, from the catalogue. `undeclared`: the commands this run left without
 * their options (they are not used), which the list of commands still shows with "[options]".
 */
export function helpInLanguage(t: Translate, undeclared: ReadonlySet<Command> = new Set()): Partial<Help> {
  const titles: Readonly<Record<string, string>> = {
    'Usage:': t('cli.title.usage'),
    'Arguments:': t('cli.title.arguments'),
    'Options:': t('cli.title.options'),
    'Global Options:': t('cli.title.globalOptions'),
    'Commands:': t('cli.title.commands'),
  };
  // "ua [options] [command]": the words in brackets are commander's.
  const bracketed = (usage: string) => usage.replace('[options]', `[${t('cli.arg.options')}]`).replace('[command]', `[${t('cli.arg.command')}]`);
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    commandUsage(this: Help, command: Command) {
      return bracketed(Help.prototype.commandUsage.call(this, command));
    },
    subcommandTerm(this: Help, command: Command) {
      // A command not declared in this run (see cli.ts) has options all the same.
      const term = Help.prototype.subcommandTerm.call(this, command);
      return bracketed(undeclared.has(command) ? term.replace(command.name(), `${command.name()} [options]`) : term);
    },
    // Commander breaks lines at any white space, the non-breaking spaces inside French quotes
    // too ("«" alone at the end of a line): they are hidden from it as another character.
    boxWrap(this: Help, text: string, width: number) {
      return Help.prototype.boxWrap.call(this, text.replace(/\u00a0/g, HELD), width).replace(HELD_AGAIN, '\u00a0');
    },
    optionDescription: (option: Option) =>
      described(t, option.description, option.argChoices, option.required || option.optional ? option.defaultValue : undefined),
    argumentDescription: (argument: Argument) => described(t, argument.description, argument.argChoices, argument.defaultValue),
  };
}

/** A character of the Private Use Area, which no message holds, one column wide. */
const HELD = '\ue000';
const HELD_AGAIN = new RegExp(HELD, 'g');

function described(t: Translate, description: string, choices: readonly string[] | undefined, fallback: unknown): string {
  // A default that says nothing (--actions-dir starts from no folder of its own) is not shown.
  const said = fallback !== undefined && String(fallback) !== '';
  const notes = [
    ...(choices ? [t('cli.note.choices', { choices: choices.join(', ') })] : []),
    ...(said ? [t('cli.note.default', { value: String(fallback) })] : []),
  ];
  return notes.length > 0 ? `${description} (${notes.join('; ')})` : description;
}

// Commander's errors, as it writes them, and the catalogue's message for each.
const ERRORS: readonly [RegExp, (m: RegExpExecArray, t: Translate) => string][] = [
  [/^error: unknown option '([^']*)'/, (m, t) => t('cli.error.unknownOption', { option: m[1] ?? '' })],
  [/^error: unknown command '([^']*)'/, (m, t) => t('cli.error.unknownCommand', { command: m[1] ?? '' })],
  [/^error: missing required argument '([^']*)'/, (m, t) => t('cli.error.missingArgument', { argument: m[1] ?? '' })],
  [/^error: option '([^']*)' argument missing/, (m, t) => t('cli.error.missingValue', { option: m[1] ?? '' })],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./,
    (m, t) => t('cli.error.badChoice', { option: m[1] ?? '', value: m[2] ?? '', choices: m[3] ?? '' }),
  ],
  [
    /^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\. Allowed choices are (.*)\./,
    (m, t) => t('cli.error.badChoice', { option: m[2] ?? '', value: m[1] ?? '', choices: m[3] ?? '' }),
  ],
  [
    /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (m, t) => t('cli.error.tooMany', { count: Number(m[2]), got: m[3] ?? '' }),
  ],
  [/^error: option '([^']*)' cannot be used with option '([^']*)'/, (m, t) => t('cli.error.conflict', { option: m[1] ?? '', other: m[2] ?? '' })],
  // A value an option's parser refused (commands/declare.ts parsedOption): its message is ua's own.
  [/^error: option '[^']*' argument '[^']*' is invalid\. (.*)$/, (m) => m[1] ?? ''],
];

/**
 * "error: unknown option '--pasword'\n(Did you mean --password?)" in the interface's language, as
 * "ua: …" and a hint: the suggestion, and for a word the command does not know, where its help
 * is (`command`: the command line's words for the command that refused it, "ua compose").
 */
export function translateCommanderError(t: Translate, text: string, command = 'ua'): string {
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const known = ERRORS.map(([pattern, message]) => {
    const match = pattern.exec(first);
    return match ? message(match, t) : undefined;
  }).find((message) => message !== undefined);
  const suggested = rest.map((line) => /^\(Did you mean (?:one of )?(.*)\?\)$/.exec(line)?.[1]);
  const others = rest.filter((_, index) => suggested[index] === undefined);
  const suggestion = suggested.find((words) => words !== undefined);
  const help = /^error: unknown option/.test(first)
    ? t('cli.error.seeOptions', { command })
    : /^error: unknown command/.test(first)
      ? t('cli.error.seeCommands', { command })
      : undefined;
  const hint = [suggestion === undefined ? undefined : t('cli.error.didYouMean', { suggestion }), help].filter(Boolean).join(' ');
  return `${[`ua: ${known ?? first.replace(/^error: /, '')}`, ...others, ...(hint ? [`  ${hint}`] : [])].join('\n')}\n`;
}
