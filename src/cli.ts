import { Argument, Command, Option } from 'commander';

export { CommanderError } from 'commander';

import pkg from '../package.json' with { type: 'json' };
import type { BatchFlags } from './commands/batch.js';
import type { ComposeFlags } from './commands/compose.js';
import type { ProfileAction } from './commands/profile.js';
import type { World } from './world.js';

/** What every command gets besides its own options. */
export interface GlobalOptions {
  actionsDir?: string;
  color: boolean;
  quiet: boolean;
}

type Handler = () => Promise<number>;

const COMPOSE_EXAMPLES = `
Examples:
  $ ua compose 105.22                          ask a few questions, then show the letters
  $ ua compose 105.22 --no-interactive --lang es --name "Ana Pérez" --city Leeds --country "Reino Unido"
  $ ua compose 105.22 --answers me.yaml --format html --out letters/
  $ ua compose 105.22 --target boluarte --format json
  $ ua compose 105.22 --answers me.yaml --send --dry-run          see the emails; nothing is sent
  $ ua compose 105.22 --answers me.yaml --send --test-to me@example.org --yes
  $ UA_SMTP_PASSWORD=… ua compose 105.22 --answers me.yaml --smtp smtp://me@smtp.example.org:587 --send --yes`;

const MAIN_EXAMPLES = `
Examples:
  $ ua list                      the Urgent Actions ua knows, with their deadlines
  $ ua show 105.22               the case, its targets and how to reach them
  $ ua compose 105.22            write your letters (asks a few questions)
  $ ua validate actions/         check UA files

Exit codes: 0 done · 1 failed · 2 bad usage or input · 3 partly done · 130 interrupted.
Set UA_DEBUG=1 to see stack traces.`;

/**
 * The command-line surface, declared; no logic. Each action normalises its options and
 * lazy-loads its handler, so `ua --help` never pays for Inquirer, YAML or Handlebars.
 */
export function buildProgram(world: World, setHandler: (handler: Handler) => void): Command {
  const program = new Command('ua')
    .description('Turn Amnesty International Urgent Actions into personal letters in the right language.')
    .version(pkg.version, '-V, --version')
    .option('--actions-dir <dir>', 'a folder of your own UA files (the bundled ones are always seen)')
    .option('--no-color', 'plain output without colours (also NO_COLOR)')
    .option('-q, --quiet', 'only errors on stderr')
    .addHelpText('after', MAIN_EXAMPLES)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => world.stdout.write(text),
      writeErr: (text) => world.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'ua: ')),
    });

  const globals = (): GlobalOptions => {
    const options = program.opts<{ actionsDir?: string; color: boolean; quiet?: boolean }>();
    return {
      actionsDir: options.actionsDir ?? world.env.UA_ACTIONS_DIR,
      color: options.color && world.env.NO_COLOR === undefined,
      quiet: options.quiet === true,
    };
  };

  program
    .command('list')
    .description('the UAs ua knows: id, title, country, deadline, languages')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }) =>
      setHandler(async () => (await import('./commands/list.js')).list({ json: options.json === true }, globals(), world)),
    );

  program
    .command('show')
    .description('one UA: summary, targets and their channels, deadline, background')
    .argument('<id>', 'UA id, e.g. 105.22, 105/22 or "UA 105.22"')
    .option('-l, --lang <code>', 'language for titles, salutations and the letter subject')
    .option('--json', 'machine-readable output')
    .action((id: string, options: { lang?: string; json?: boolean }) =>
      setHandler(async () => (await import('./commands/show.js')).show(id, { lang: options.lang, json: options.json === true }, globals(), world)),
    );

  program
    .command('compose')
    .description('write your letters for one UA (asks on a terminal; never asks otherwise)')
    .argument('<id>', 'UA id, e.g. 105.22')
    .option('-l, --lang <code>', "letter language (default: the UA's preferred language)")
    .option('-t, --target <id...>', 'target ids, or "all" (default: all)')
    .option('--name <name>', 'your name')
    .option('--city <city>', 'your city')
    .option('--country <country>', 'your country')
    .option('--email <address>', 'your email address')
    .option('--address <line...>', 'your postal address, one argument per line')
    .option('--about <sentence>', 'one sentence about yourself, woven into the letter')
    .addOption(new Option('--note <text>', 'a personal paragraph').conflicts('noteFile'))
    .option('--note-file <path>', 'read the personal paragraph from a file')
    .option('--answers <file>', 'the same fields as YAML or JSON ("-" reads stdin); flags win')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'html', 'json', 'pdf', 'eml']))
    .addOption(new Option('--paper <size>', 'paper for --format pdf').choices(['a4', 'letter']))
    .option('-o, --out <path>', 'write to a file, or to a folder (ending in /) with one file per letter')
    .option('--force', 'overwrite existing files')
    .option('--interactive', 'ask questions (default: when stdin and stderr are a terminal and CI is unset)')
    .option('--no-interactive', 'never ask; every value comes from flags, --answers or your profile')
    .option('--send', "email each letter over SMTP to the target's address(es)")
    .option('--dry-run', 'with --send: show exactly what would be sent; open no connection')
    .option(
      '--smtp <url>',
      'SMTP server: smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (env UA_SMTP_URL; password from UA_SMTP_PASSWORD, never here)',
    )
    .option('--from <address>', 'the address that sends (env UA_FROM; default: --email)')
    .option('--test-to <address>', 'a rehearsal: deliver every message to this address instead')
    .option('-y, --yes', 'send without a confirmation (required without a terminal)')
    .option('--after-deadline', "send even though the UA's deadline has passed (check with your section first)")
    .option('--resend', 'send again letters the journal records as sent or of unknown outcome')
    .option('--wait <seconds>', 'if another ua is using the journal, wait this long for it (default: stop at once)')
    .option('--json', 'with --send: the outcome of each letter as JSON on stdout')
    .addOption(new Option('--mailto', 'print a mailto: link per letter, to send from your own mail program').conflicts('send'))
    .option('--open', 'with --mailto: hand each link to your mail program')
    .addHelpText('after', COMPOSE_EXAMPLES)
    .action((id: string, options: ComposeFlags) => setHandler(async () => (await import('./commands/compose.js')).compose(id, options, globals(), world)));

  program
    .command('batch')
    .description('a letter-writing evening: one letter per signer and target, printed (a PDF pack, labels, envelopes, a tally) or sent')
    .argument('<id>', 'UA id, e.g. 105.22')
    .option('--signers <file>', 'the sign-up sheet: CSV (with a header row), YAML or JSON, with the fields of --answers')
    .option('--copies <n>', 'unsigned copies per language, with a space to sign (for walk-ins)')
    .option('-l, --lang <codes>', 'languages of the copies, and of signers who give none: es,en')
    .option('-t, --target <id...>', 'target ids, or "all" (default: all; a signer may choose in a "targets" column)')
    .option('--skip-invalid', 'go ahead without the rows that have problems')
    .addOption(
      new Option('-f, --format <format>', 'pdf (default): print-pack.pdf, labels.pdf, envelopes.pdf; or one file per letter in another format').choices([
        'pdf',
        'text',
        'markdown',
        'html',
        'json',
      ]),
    )
    .option('-o, --out <folder>', 'where the letters go, with tally.csv')
    .option('--force', 'overwrite files already in --out')
    .addOption(new Option('--paper <size>', 'paper and envelope sizes').choices(['a4', 'letter']))
    .option('--no-labels', 'no labels.pdf')
    .option('--no-envelopes', 'no envelopes.pdf')
    .option('--send', "email each signer's letters (signers with an email address), from --from")
    .option('--dry-run', 'with --send: show the messages; open no connection')
    .option('--smtp <url>', 'SMTP server (env UA_SMTP_URL; password from UA_SMTP_PASSWORD)')
    .option('--from <address>', "the organiser's sending address (env UA_FROM); replies go to each signer")
    .option('--test-to <address>', 'a rehearsal: deliver every message to this address instead')
    .option('-y, --yes', 'send without a confirmation (required without a terminal)')
    .option('--after-deadline', "send even though the UA's deadline has passed")
    .option('--resend', 'send again letters the journal records as sent or of unknown outcome')
    .option('--rate <n/unit>', "at most n messages per s, min or h: a provider's limit (e.g. 100/min)")
    .option('--connections <n>', 'SMTP connections side by side (default 5)')
    .option('--wait <seconds>', 'if another ua is using the journal, wait this long for it (default: stop at once)')
    .option('--json', 'with --send: the outcome of each letter as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ ua batch 105.22 --signers signups.csv --out letters/          print-pack.pdf, labels.pdf, envelopes.pdf, tally.csv
  $ ua batch 105.22 --signers signups.csv --format text --out txt/   one .txt per letter, and tally.csv
  $ ua batch 105.22 --copies 5 --lang es,en --out walk-ins/      10 unsigned letters to sign by hand
  $ ua batch 105.22 --signers signups.csv --send --from org@example.org --rate 100/min --yes`,
    )
    .action((id: string, options: BatchFlags) => setHandler(async () => (await import('./commands/batch.js')).batch(id, options, globals(), world)));

  program
    .command('import')
    .description('turn an Urgent Action document (plain text or PDF) into a UA file')
    .argument('<file>', 'the document, or - for stdin')
    .option('-o, --out <file>', 'write the UA file here (never overwrites without --force)')
    .option('--json', 'the same data as JSON')
    .option('--force', 'overwrite --out')
    .action((file: string, options: { out?: string; json?: boolean; force?: boolean }) =>
      setHandler(async () =>
        (await import('./commands/import.js')).importDocument(
          file,
          { out: options.out, json: options.json === true, force: options.force === true },
          globals(),
          world,
        ),
      ),
    );

  program
    .command('report')
    .description('what has been done, from the journal: letters sent, prepared, failed, per UA and channel')
    .argument('[id]', 'only this UA')
    .addOption(new Option('--json', 'machine-readable output').conflicts('csv'))
    .option('--csv', 'one row per letter, for a spreadsheet')
    .action((id: string | undefined, options: { json?: boolean; csv?: boolean }) =>
      setHandler(async () => (await import('./commands/report.js')).report(id, { json: options.json === true, csv: options.csv === true }, globals(), world)),
    );

  program
    .command('profile')
    .description('your saved details (name, city, country, email): show them, change them (edit) or forget them (clear)')
    .addArgument(new Argument('[action]', 'what to do').choices(['show', 'edit', 'clear']).default('show'))
    .option('--json', 'machine-readable output')
    .action((action: ProfileAction, options: { json?: boolean }) =>
      setHandler(async () => (await import('./commands/profile.js')).profile(action, { json: options.json === true }, globals(), world)),
    );

  program
    .command('validate')
    .description('check UA files (default: every UA ua can see); exit 2 on any problem')
    .argument('[paths...]', 'files or folders')
    .action((paths: string[]) => setHandler(async () => (await import('./commands/validate.js')).validate(paths, globals(), world)));

  return program;
}
