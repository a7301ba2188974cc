import { Argument, Command } from 'commander';
import { helpInLanguage, translateCommanderError } from './cli-help.js';
import { afterRun, markRun } from './commands/common/after-run.js';
import type { Context } from './commands/context.js';
import { type Declare, examples, placeholder } from './commands/declare.js';
import { commandIn } from './core/argv.js';
import type { PlainKey, Translate } from './core/i18n.js';
import { colorChoice } from './io/color.js';
import type { World } from './world.js';

export { CommanderError } from 'commander';

/** An argument as `ua --help` names it: `<id>`, `[paths...]`, with its words and any choices. */
interface ArgumentSpec {
  name: 'id' | 'source' | 'paths' | 'action' | 'shell';
  about: PlainKey;
  optional?: true;
  many?: true;
  choices?: readonly string[];
  fallback?: string;
}

interface Registered {
  about: PlainKey;
  args?: readonly ArgumentSpec[];
  /** `ua --help` says "[options]" after the name (true for all but update). */
  options?: false;
  /**
   * Records letters in the journal: its runs do the journal's upkeep after their work
   * (commands/common/upkeep.ts). The build leaves the upkeep out of the other commands' bundles.
   */
  records?: true;
  /** The command's folder: its options, parsed, and the work they start. */
  declare: () => Promise<{ declare: Declare }>;
}

/**
 * Every command, in the order `ua --help` lists them. A command's options live in its folder
 * (src/commands/<name>/options.ts); only the folder this run uses is loaded.
 */
const COMMANDS: Readonly<Record<string, Registered>> = {
  list: { about: 'cli.list.description', declare: () => import('./commands/list/options.js') },
  show: { about: 'cli.show.description', args: [{ name: 'id', about: 'cli.id' }], declare: () => import('./commands/show/options.js') },
  compose: {
    records: true,
    about: 'cli.compose.description',
    args: [{ name: 'id', about: 'cli.idShort' }],
    declare: () => import('./commands/compose/options.js'),
  },
  batch: { records: true, about: 'cli.batch.description', args: [{ name: 'id', about: 'cli.idShort' }], declare: () => import('./commands/batch/options.js') },
  call: { records: true, about: 'cli.call.description', args: [{ name: 'id', about: 'cli.idShort' }], declare: () => import('./commands/call/options.js') },
  post: { records: true, about: 'cli.post.description', args: [{ name: 'id', about: 'cli.idShort' }], declare: () => import('./commands/post/options.js') },
  serve: {
    records: true,
    about: 'cli.serve.description',
    args: [{ name: 'id', about: 'cli.serve.ids', optional: true, many: true }],
    declare: () => import('./commands/serve/options.js'),
  },
  import: { about: 'cli.import.description', args: [{ name: 'source', about: 'cli.import.file' }], declare: () => import('./commands/import/options.js') },
  report: {
    records: true,
    about: 'cli.report.description',
    args: [{ name: 'id', about: 'cli.report.id', optional: true }],
    declare: () => import('./commands/report/options.js'),
  },
  tally: { about: 'cli.tally.description', args: [{ name: 'source', about: 'cli.tally.source' }], declare: () => import('./commands/tally/options.js') },
  profile: {
    about: 'cli.profile.description',
    args: [{ name: 'action', about: 'cli.profile.action', optional: true, choices: ['show', 'edit', 'clear'], fallback: 'show' }],
    declare: () => import('./commands/profile/options.js'),
  },
  validate: {
    about: 'cli.validate.description',
    args: [{ name: 'paths', about: 'cli.validate.paths', optional: true, many: true }],
    declare: () => import('./commands/validate/options.js'),
  },
  feed: { about: 'cli.feed.description', declare: () => import('./commands/feed/options.js') },
  update: { about: 'cli.update.description', options: false, declare: () => import('./commands/update/options.js') },
  completion: {
    about: 'cli.completion.description',
    args: [{ name: 'shell', about: 'cli.completion.shell', optional: true, choices: ['bash', 'zsh', 'fish'] }],
    declare: () => import('./commands/completion/options.js'),
  },
};

interface ProgramRun {
  argv: readonly string[];
  version: string;
  t: Translate;
  uiLang: string;
  /** Receives the chosen command's work, with the run's context, once the command line is read. */
  setHandler: (handler: () => Promise<number>) => void;
}

/**
 * The command-line surface: the global options, and every command named and described (for
 * `ua --help` and suggestions); only the one this run uses gets its options and action, from
 * its folder. `ua completion` writes every command's options into its script: it declares all.
 * Every word a person reads comes from the message catalogue, commander's own included.
 */
export async function buildProgram(world: World, run: ProgramRun): Promise<Command> {
  const { t } = run;
  const undeclared = new Set<Command>();
  const program = globalOptions(new Command('ua'), run)
    .configureHelp(helpInLanguage(t, undeclared))
    .configureOutput({
      writeOut: (text) => world.stdout.write(text),
      writeErr: (text) => world.stderr.write(text),
    });
  // The context (and chalk, for its colours) is loaded once the command line is read: `ua --help` never needs it.
  const context = async (): Promise<Context> => {
    const options = program.opts<{ actionsDir: string[]; color: boolean; quiet?: boolean }>();
    const globals = { actionsDirs: options.actionsDir, color: colorChoice(options.color, world.env), quiet: options.quiet === true };
    return await (await import('./commands/context.js')).runContext(world, globals, t, run.uiLang);
  };
  const wanted = commandIn(run.argv);
  // Each run's work, then what every run does after it (commands/common/after-run.ts).
  const declaring = {
    t,
    run: (work: (ctx: Context) => Promise<number>) =>
      run.setHandler(async () => {
        const ctx = await context();
        const mark = markRun(world, wanted !== undefined && COMMANDS[wanted]?.records === true);
        const code = await work(ctx).catch(async (error: unknown) => {
          await afterRun(ctx, undefined, mark, true).catch(() => undefined);
          throw error;
        });
        return afterRun(ctx, code, mark, wanted === 'completion' || forPrograms(program));
      }),
  };
  for (const [name, registered] of Object.entries(COMMANDS)) {
    const command = program.command(name).description(t(registered.about));
    for (const spec of registered.args ?? []) command.addArgument(argument(t, spec));
    if (wanted === name || wanted === 'completion') (await registered.declare()).declare(command.helpOption('-h, --help', t('cli.help')), declaring);
    else if (registered.options !== false) undeclared.add(command); // still "[options]" in `ua --help`
  }
  // Each command's errors point to its own help ("ua feed add --help"); commander tells none.
  for (const command of withSubcommands(program)) {
    const words = commandWords(command);
    command.configureOutput({ outputError: (text, write) => write(translateCommanderError(t, text, words)) });
  }
  return program;
}

/** The run writes for a program (JSON, CSV): nothing is asked after it. */
function forPrograms(program: Command): boolean {
  return withSubcommands(program).some((command) => {
    const options = command.opts<{ json?: unknown; csv?: unknown; format?: unknown }>();
    return options.json === true || options.csv === true || options.format === 'json';
  });
}

function withSubcommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(withSubcommands)];
}

/** "ua feed add": a command as it is typed. */
function commandWords(command: Command): string {
  return command.parent ? `${commandWords(command.parent)} ${command.name()}` : command.name();
}

function globalOptions(program: Command, { t, version }: ProgramRun): Command {
  return program
    .description(t('cli.description'))
    .version(version, '-v, --version', t('cli.version'))
    .helpOption('-h, --help', t('cli.help'))
    .helpCommand(`help [${t('cli.arg.command')}]`, t('cli.helpCommand'))
    .option(`--actions-dir ${placeholder(t, 'dir')}`, t('cli.actionsDir'), (dir: string, dirs: string[]) => [...dirs, dir], [] as string[])
    .option(`--lang-ui ${placeholder(t, 'code')}`, t('cli.langUi'))
    .option('--no-color', t('cli.noColor'))
    .option('-q, --quiet', t('cli.quiet'))
    .addHelpText('after', () =>
      examples(
        t,
        [
          ['ua list', t('cli.ex.list')],
          ['ua show 105.22', t('cli.ex.show')],
          ['ua compose 105.22', t('cli.ex.compose')],
          ['ua validate actions/', t('cli.ex.validate')],
        ],
        `${t('cli.exitCodes')}\n${t('cli.debug')}`,
      ),
    )
    .showSuggestionAfterError()
    .exitOverride();
}

function argument(t: Translate, spec: ArgumentSpec): Argument {
  const word = `${t(`cli.arg.${spec.name}`)}${spec.many ? '...' : ''}`;
  const declared = new Argument(spec.optional ? `[${word}]` : `<${word}>`, t(spec.about));
  if (spec.choices) declared.choices(spec.choices);
  if (spec.fallback !== undefined) declared.default(spec.fallback);
  return declared;
}
