import { Argument, Command, Option } from 'commander';

export { CommanderError } from 'commander';

import { helpInLanguage, translateCommanderError } from './cli-help.js';
import type { BatchFlags } from './commands/batch.js';
import type { CompletionShell } from './commands/completion.js';
import type { ComposeFlags } from './commands/compose.js';
import type { FeedFlags } from './commands/feed.js';
import type { ProfileAction } from './commands/profile.js';
import type { ReportFlags } from './commands/report.js';
import type { ValidateFlags } from './commands/validate.js';
import { t } from './i18n.js';
import { type ColorChoice, colorChoice } from './io/color.js';
import type { World } from './world.js';

/** What every command gets besides its own options. */
export interface GlobalOptions {
  /** --actions-dir, each time it is given. */
  actionsDirs: string[];
  /** From --no-color and the environment (io/color.ts); each stream then decides "auto". */
  color: ColorChoice;
  quiet: boolean;
}

type Handler = () => Promise<number>;

/** The command a run will use, or whose help it shows: `ua -q compose …`, `ua help compose`. */
function commandIn(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg, index) => !arg.startsWith('-') && !/^--(actions-dir|lang-ui)$/.test(argv[index - 1] ?? ''));
  return words[0] === 'help' ? words[1] : words[0];
}

/** An option's value or an argument as help shows it, "<file>" or "<id...>", in the volunteer's words. */
function placeholder(
  name:
    | 'address'
    | 'char'
    | 'city'
    | 'code'
    | 'codes'
    | 'country'
    | 'dir'
    | 'file'
    | 'folder'
    | 'format'
    | 'id'
    | 'key'
    | 'line'
    | 'n'
    | 'name'
    | 'path'
    | 'rate'
    | 'seconds'
    | 'sentence'
    | 'shell'
    | 'size'
    | 'text'
    | 'url',
  many?: 'many',
): string {
  return `<${t(`cli.arg.${name}`)}${many ? '...' : ''}>`;
}

/** "Examples:" and lines of `$ command   what it does`, the commands as typed, the words translated. */
function examples(lines: readonly [string, string?][], footer = ''): string {
  const width = Math.max(...lines.filter(([, what]) => what).map(([command]) => command.length));
  const rows = lines.map(([command, what]) => `  $ ${what ? `${command.padEnd(width)}   ${what}` : command}`);
  return `\n${t('cli.examples')}\n${rows.join('\n')}${footer ? `\n\n${footer}` : ''}`;
}

/**
 * The command-line surface, declared; no logic. Each action normalises its options and
 * lazy-loads its handler, so `ua --help` never pays for Inquirer, YAML or Handlebars. Every
 * word a person reads comes from the message catalogue, commander's own included.
 */
export function buildProgram(world: World, run: { argv: readonly string[]; version: string; setHandler: (handler: Handler) => void }): Command {
  const { argv, version, setHandler } = run;
  const undeclared = new Set<Command>();
  const program = new Command('ua')
    .description(t('cli.description'))
    .version(version, '-v, --version', t('cli.version'))
    .helpOption('-h, --help', t('cli.help'))
    .helpCommand(`help [${t('cli.arg.command')}]`, t('cli.helpCommand'))
    .option(`--actions-dir ${placeholder('dir')}`, t('cli.actionsDir'), (dir: string, dirs: string[]) => [...dirs, dir], [] as string[])
    .option(`--lang-ui ${placeholder('code')}`, t('cli.langUi'))
    .option('--no-color', t('cli.noColor'))
    .option('-q, --quiet', t('cli.quiet'))
    .addHelpText('after', () =>
      examples(
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
    .exitOverride()
    .configureHelp(helpInLanguage(undeclared))
    .configureOutput({
      writeOut: (text) => world.stdout.write(text),
      writeErr: (text) => world.stderr.write(text),
      outputError: (text, write) => write(translateCommanderError(text)),
    });

  const globals = (): GlobalOptions => {
    const options = program.opts<{ actionsDir: string[]; color: boolean; quiet?: boolean }>();
    return {
      actionsDirs: options.actionsDir,
      color: colorChoice(options.color, world.env),
      quiet: options.quiet === true,
    };
  };
  // Every command is named and described (for `ua --help` and suggestions); only the one this
  // run uses gets its options and action: declaring them all costs a start-up a millisecond.
  // `ua completion` writes every command's options into its script, so it declares them all.
  const wanted = commandIn(argv);
  const command = (name: string, declare: (command: Command) => Command, hasOptions = true) => {
    const named = program.command(name);
    if (wanted === name || wanted === 'completion') declare(named.helpOption('-h, --help', t('cli.help')));
    else if (hasOptions) undeclared.add(named); // still "[options]" in `ua --help`
    return named;
  };

  command('list', (declared) =>
    declared
      .option('--all', t('cli.list.all'))
      .option('--json', t('cli.json'))
      .action((options: { all?: boolean; json?: boolean }) =>
        setHandler(async () => (await import('./commands/list.js')).list({ all: options.all === true, json: options.json === true }, globals(), world)),
      ),
  ).description(t('cli.list.description'));

  command('show', (declared) =>
    declared
      .option(`-l, --lang ${placeholder('code')}`, t('cli.show.lang'))
      .option('--json', t('cli.json'))
      .action((id: string, options: { lang?: string; json?: boolean }) =>
        setHandler(async () => (await import('./commands/show.js')).show(id, { lang: options.lang, json: options.json === true }, globals(), world)),
      ),
  )
    .description(t('cli.show.description'))
    .argument(placeholder('id'), t('cli.id'));

  command('compose', (declared) =>
    declared
      .option(`-l, --lang ${placeholder('code')}`, t('cli.compose.lang'))
      .option(`-t, --target ${placeholder('id', 'many')}`, t('cli.compose.target'))
      .option(`--name ${placeholder('name')}`, t('cli.compose.name'))
      .option(`--city ${placeholder('city')}`, t('cli.compose.city'))
      .option(`--country ${placeholder('country')}`, t('cli.compose.country'))
      .option(`--email ${placeholder('address')}`, t('cli.compose.email'))
      .option(`--address ${placeholder('line', 'many')}`, t('cli.compose.address'))
      .option(`--about ${placeholder('sentence')}`, t('cli.compose.about'))
      .addOption(new Option(`--note ${placeholder('text')}`, t('cli.compose.note')).conflicts('noteFile'))
      .option(`--note-file ${placeholder('path')}`, t('cli.compose.noteFile'))
      .option(`--answers ${placeholder('file')}`, t('cli.compose.answers'))
      .addOption(new Option(`-f, --format ${placeholder('format')}`, t('cli.compose.format')).choices(['text', 'markdown', 'html', 'json', 'pdf', 'eml']))
      .addOption(new Option(`--paper ${placeholder('size')}`, t('cli.compose.paper')).choices(['a4', 'letter']))
      .option(`-o, --out ${placeholder('path')}`, t('cli.compose.out'))
      .option('--force', t('cli.compose.force'))
      .option('--interactive', t('cli.compose.interactive'))
      .option('--no-interactive', t('cli.compose.noInteractive'))
      .option('--send', t('cli.compose.send'))
      .option('--dry-run', t('cli.compose.dryRun'))
      .option(`--smtp ${placeholder('url')}`, t('cli.compose.smtp'))
      .option(`--from ${placeholder('address')}`, t('cli.compose.from'))
      .option(`--test-to ${placeholder('address')}`, t('cli.testTo'))
      .option('-y, --yes', t('cli.yes'))
      .option('--after-deadline', t('cli.compose.afterDeadline'))
      .option('--resend', t('cli.resend'))
      .option(`--wait ${placeholder('seconds')}`, t('cli.wait'))
      .option('--json', t('cli.sendJson'))
      .addOption(new Option('--mailto', t('cli.compose.mailto')).conflicts('send'))
      .option('--open', t('cli.compose.open'))
      .addHelpText(
        'after',
        examples([
          ['ua compose 105.22', t('cli.ex.composeAsk')],
          ['ua compose 105.22 --no-interactive --lang es --name "Ana Pérez" --city Leeds --country "Reino Unido"'],
          ['ua compose 105.22 --answers me.yaml --format html --out letters/'],
          ['ua compose 105.22 --target boluarte --format json'],
          ['ua compose 105.22 --answers me.yaml --send --dry-run', t('cli.ex.dryRun')],
          ['ua compose 105.22 --answers me.yaml --send --test-to me@example.org --yes'],
          ['UA_SMTP_PASSWORD=… ua compose 105.22 --answers me.yaml --smtp smtp://me@smtp.example.org:587 --send --yes'],
        ]),
      )
      .action((id: string, options: ComposeFlags) => setHandler(async () => (await import('./commands/compose.js')).compose(id, options, globals(), world))),
  )
    .description(t('cli.compose.description'))
    .argument(placeholder('id'), t('cli.idShort'));

  command('batch', (declared) =>
    declared
      .option(`--signers ${placeholder('file')}`, t('cli.batch.signers'))
      .option(`--copies ${placeholder('n')}`, t('cli.batch.copies'))
      .option(`-l, --lang ${placeholder('codes')}`, t('cli.batch.lang'))
      .option(`-t, --target ${placeholder('id', 'many')}`, t('cli.batch.target'))
      .option('--skip-invalid', t('cli.batch.skipInvalid'))
      .addOption(new Option(`-f, --format ${placeholder('format')}`, t('cli.batch.format')).choices(['pdf', 'text', 'markdown', 'html', 'json']))
      .option(`-o, --out ${placeholder('folder')}`, t('cli.batch.out'))
      .option('--force', t('cli.batch.force'))
      .addOption(new Option(`--paper ${placeholder('size')}`, t('cli.batch.paper')).choices(['a4', 'letter']))
      .option('--no-labels', t('cli.batch.noLabels'))
      .option('--no-envelopes', t('cli.batch.noEnvelopes'))
      .option('--send', t('cli.batch.send'))
      .option('--dry-run', t('cli.batch.dryRun'))
      .option(`--smtp ${placeholder('url')}`, t('cli.batch.smtp'))
      .option(`--from ${placeholder('address')}`, t('cli.batch.from'))
      .option(`--test-to ${placeholder('address')}`, t('cli.testTo'))
      .option('-y, --yes', t('cli.yes'))
      .option('--after-deadline', t('cli.batch.afterDeadline'))
      .option('--resend', t('cli.resend'))
      .option(`--rate ${placeholder('rate')}`, t('cli.batch.rate'))
      .option(`--connections ${placeholder('n')}`, t('cli.batch.connections'))
      .option(`--wait ${placeholder('seconds')}`, t('cli.wait'))
      .option('--json', t('cli.sendJson'))
      .option(`--csv-sep ${placeholder('char')}`, t('cli.csvSep'))
      .addHelpText(
        'after',
        examples([
          ['ua batch 105.22 --signers signups.csv --out letters/', t('cli.ex.batchPrint')],
          ['ua batch 105.22 --signers signups.csv --format text --out txt/', t('cli.ex.batchText')],
          ['ua batch 105.22 --copies 5 --lang es,en --out walk-ins/', t('cli.ex.batchCopies')],
          ['ua batch 105.22 --signers signups.csv --send --from org@example.org --rate 100/min --yes'],
        ]),
      )
      .action((id: string, options: BatchFlags) => setHandler(async () => (await import('./commands/batch.js')).batch(id, options, globals(), world))),
  )
    .description(t('cli.batch.description'))
    .argument(placeholder('id'), t('cli.idShort'));

  command('import', (declared) =>
    declared
      .option(`-o, --out ${placeholder('file')}`, t('cli.import.out'))
      .option('--json', t('cli.import.json'))
      .option('--force', t('cli.import.force'))
      .action((file: string, options: { out?: string; json?: boolean; force?: boolean }) =>
        setHandler(async () =>
          (await import('./commands/import.js')).importDocument(
            file,
            { out: options.out, json: options.json === true, force: options.force === true },
            globals(),
            world,
          ),
        ),
      ),
  )
    .description(t('cli.import.description'))
    .argument(placeholder('file'), t('cli.import.file'));

  command('report', (declared) =>
    declared
      .addOption(new Option('--json', t('cli.json')).conflicts('csv'))
      .option('--csv', t('cli.report.csv'))
      .option(`--csv-sep ${placeholder('char')}`, t('cli.csvSep'))
      .action((id: string | undefined, options: ReportFlags) =>
        setHandler(async () => (await import('./commands/report.js')).report(id, options, globals(), world)),
      ),
  )
    .description(t('cli.report.description'))
    .argument(`[${t('cli.arg.id')}]`, t('cli.report.id'));

  command('profile', (declared) =>
    declared
      .option('--json', t('cli.json'))
      .action((action: ProfileAction, options: { json?: boolean }) =>
        setHandler(async () => (await import('./commands/profile.js')).profile(action, { json: options.json === true }, globals(), world)),
      ),
  )
    .description(t('cli.profile.description'))
    .addArgument(new Argument(`[${t('cli.arg.action')}]`, t('cli.profile.action')).choices(['show', 'edit', 'clear']).default('show'));

  command('validate', (declared) =>
    declared
      .option('--json', t('cli.validate.json'))
      .action((paths: string[], options: ValidateFlags) =>
        setHandler(async () => (await import('./commands/validate.js')).validate(paths, options, globals(), world)),
      ),
  )
    .description(t('cli.validate.description'))
    .argument(`[${t('cli.arg.paths')}...]`, t('cli.validate.paths'));

  command('feed', (declared) => {
    const feed = async () => import('./commands/feed.js');
    declared.helpCommand(`help [${t('cli.arg.command')}]`, t('cli.helpCommand'));
    const sub = (name: string) => declared.command(name).helpOption('-h, --help', t('cli.help'));
    sub('keygen')
      .description(t('cli.feed.keygen'))
      .option(`-o, --out ${placeholder('file')}`, t('cli.feed.keygenOut'))
      .option('--force', t('cli.feed.force'))
      .action((options: FeedFlags) => setHandler(async () => (await feed()).feedKeygen(options, globals(), world)));
    sub('build')
      .description(t('cli.feed.build'))
      .argument(placeholder('folder'), t('cli.feed.buildFolder'))
      .option(`--key ${placeholder('file')}`, t('cli.feed.buildKey'))
      .option(`-o, --out ${placeholder('folder')}`, t('cli.feed.buildOut'))
      .option(`--name ${placeholder('name')}`, t('cli.feed.buildName'))
      .option('--force', t('cli.feed.force'))
      .action((folder: string, options: FeedFlags) => setHandler(async () => (await feed()).feedBuild(folder, options, globals(), world)));
    sub('add')
      .description(t('cli.feed.add'))
      .argument(placeholder('name'), t('cli.feed.addName'))
      .argument(placeholder('url'), t('cli.feed.addUrl'))
      .option(`--key ${placeholder('key')}`, t('cli.feed.addKey'))
      .action((name: string, url: string, options: FeedFlags) => setHandler(async () => (await feed()).feedAdd(name, url, options, globals(), world)));
    sub('list')
      .description(t('cli.feed.list'))
      .option('--json', t('cli.json'))
      .action((options: FeedFlags) => setHandler(async () => (await feed()).feedList(options, globals(), world)));
    sub('remove')
      .description(t('cli.feed.remove'))
      .argument(placeholder('name'), t('cli.feed.removeName'))
      .action((name: string) => setHandler(async () => (await feed()).feedRemove(name, globals(), world)));
    return declared;
  }).description(t('cli.feed.description'));

  command(
    'update',
    (declared) => declared.action(() => setHandler(async () => (await import('./commands/update.js')).update(globals(), world))),
    false,
  ).description(t('cli.update.description'));

  // --ids: the UA ids, one a line, which the scripts ask for as they complete (not for people).
  command('completion', (declared) =>
    declared
      .addOption(new Option('--ids').hideHelp())
      .addHelpText(
        'after',
        examples([
          ['ua completion bash > ~/.local/share/bash-completion/completions/ua', t('cli.ex.completionBash')],
          ['ua completion zsh > ~/.zfunc/_ua', t('cli.ex.completionZsh')],
          ['ua completion fish > ~/.config/fish/completions/ua.fish', t('cli.ex.completionFish')],
        ]),
      )
      .action((shell: CompletionShell | undefined, options: { ids?: boolean }) =>
        setHandler(async () => (await import('./commands/completion.js')).completion(shell, { ids: options.ids === true }, program, globals(), world)),
      ),
  )
    .description(t('cli.completion.description'))
    .addArgument(new Argument(`[${t('cli.arg.shell')}]`, t('cli.completion.shell')).choices(['bash', 'zsh', 'fish']));

  return program;
}
