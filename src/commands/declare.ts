import { type Command, InvalidArgumentError, Option } from 'commander';
import type { MessageKey, Translate } from '../core/i18n.js';
import { quoted } from '../core/shown.js';
import { UaError, usageError } from '../errors.js';
import type { Context } from './context.js';

// What every command folder's options.ts uses to declare itself to commander: its options,
// their placeholders and examples in the volunteer's words, values parsed (and refused) while
// the command line is read, and the handler the run then calls with its context.

/** What an options module is given: the interface's words, and where to hand the command's work. */
export interface Declaring {
  t: Translate;
  /** The work of this run, called once the command line is read, with the run's context. */
  run: (work: (ctx: Context) => Promise<number>) => void;
}

/** Every command folder's options.ts exports one: it adds its options and its action to `command`. */
export type Declare = (command: Command, declaring: Declaring) => void;

/** The placeholders the catalogue has words for: cli.arg.file → "file". */
export type ArgName = { [K in MessageKey]: K extends `cli.arg.${infer Name}` ? Name : never }[MessageKey];

/** An option's value or an argument as help shows it, "<file>" or "<id...>", in the volunteer's words. */
export function placeholder(t: Translate, name: ArgName, many?: 'many'): string {
  return `<${t(`cli.arg.${name}` as MessageKey as 'cli.arg.file')}${many ? '...' : ''}>`;
}

/** "Examples:" and lines of `$ command   what it does`, the commands as typed, the words translated. */
export function examples(t: Translate, lines: readonly [string, string?][], footer = ''): string {
  const width = Math.max(...lines.filter(([, what]) => what).map(([command]) => command.length));
  const rows = lines.map(([command, what]) => `  $ ${what ? `${command.padEnd(width)}   ${what}` : command}`);
  return `\n${t('cli.examples')}\n${rows.join('\n')}${footer ? `\n\n${footer}` : ''}`;
}

/**
 * An option whose value is parsed as the command line is read: `parse` returns the value or
 * throws a UaError, whose message (and hint) commander then prints as its own error, exit 2.
 */
export function parsedOption<T>(flags: string, description: string, parse: (text: string) => T): Option {
  return new Option(flags, description).argParser((text: string) => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof UaError) throw new InvalidArgumentError([error.message, ...(error.hint ? [`  ${error.hint}`] : [])].join('\n'));
      throw error;
    }
  });
}

/**
 * -l, --lang (one code, or batch's list): an empty value — `--lang ""`, `--lang "$UNSET"` — is
 * refused as a wrong code is, not taken as "not given": the letter would come in another
 * language without a word.
 */
export function langOption(t: Translate, flags: string, description: string): Option {
  return parsedOption(flags, description, (text) => {
    if (text.split(',').every((code) => code.trim() === ''))
      throw usageError(t('punct.labelled', { label: `--lang ${quoted(text)}`, value: t('check.languageCode') }));
    return text;
  });
}
