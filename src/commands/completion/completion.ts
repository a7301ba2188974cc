import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type CompletionCommand, completionScript, type Shell } from '../../core/completion.js';
import type { Translate } from '../../core/i18n.js';
import { usageError } from '../../errors.js';
import { PACKAGE_ROOT } from '../../io/paths.js';
import { Repository } from '../../io/repository.js';
import type { Context } from '../context.js';

export interface CompletionOptions {
  /** The UA ids, one a line: what the scripts ask for as they complete (not for people). */
  ids: boolean;
}

/**
 * `ua completion <shell>`: a script that completes ua's commands and options, taken from the
 * command line itself (cli.ts declares every command's options for this run), and UA ids, which
 * it asks of `ua completion --ids` as it completes, so they are the ones ua sees then.
 */
export async function completion(shell: Shell | undefined, options: CompletionOptions, program: Command, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // 1. The ids, one a line, for a script: nothing else, and nothing on stderr (a shell is waiting).
  if (options.ids) {
    const { actions } = await (await Repository.open(t, world, ctx.globals.actionsDirs)).catalogue();
    world.stdout.write(actions.map(({ action }) => `${action.id}\n`).join(''));
    return 0;
  }

  // 2. The script: the shell's template, with the table of ua's commands written in.
  if (!shell) throw usageError(t('completion.noShell'), t('completion.noShellHint'));
  const template = readFileSync(join(PACKAGE_ROOT, 'templates', 'completion', `ua.${shell}`), 'utf8');
  world.stdout.write(completionScript(shell, template, commandsOf(t, program)));
  return 0;
}

/** Every command under `command`, itself first, as the help shows them (hidden ones left out). */
function commandsOf(t: Translate, command: Command, path = ''): CompletionCommand[] {
  // The program's own Help, not an import of commander: this module then shares no chunk with
  // the command line's, which every start-up loads (see scripts/build.mjs).
  const help = command.createHelp();
  const subcommands = help.visibleCommands(command);
  const names = subcommands.map((sub) => sub.name()).filter((name) => name !== 'help');
  const options = help.visibleOptions(command).map((option) => ({
    flags: [option.short, option.long].filter((flag): flag is string => flag !== undefined),
    takesValue: option.required || option.optional,
    choices: option.argChoices,
  }));
  const self: CompletionCommand = { path, commands: subcommands.map((sub) => sub.name()), options, argument: argumentOf(t, command) };
  return [
    self,
    ...subcommands.flatMap((sub) =>
      // Commander's own `help [command]`: it takes the names of the commands beside it.
      sub.name() === 'help' ? [{ path: joined(path, 'help'), commands: [], options: [], argument: names }] : commandsOf(t, sub, joined(path, sub.name())),
    ),
  ];
}

/** A UA id where the command line names its argument so (show, compose, batch, report); else its choices. */
function argumentOf(t: Translate, command: Command): CompletionCommand['argument'] {
  const [first] = command.registeredArguments;
  if (!first) return undefined;
  // The argument's name is the catalogue's word for "id" in this run's language (see cli.ts).
  if (first.name() === t('cli.arg.id')) return 'id';
  return first.argChoices;
}

function joined(path: string, name: string): string {
  return path ? `${path} ${name}` : name;
}
