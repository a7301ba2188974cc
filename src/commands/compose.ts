import type { GlobalOptions } from '../cli.js';
import type { Action, Lang, Target } from '../core/action.js';
import { letterLanguages, usesTemplates } from '../core/action.js';
import { composeLetters, type Letter } from '../core/compose.js';
import { localDay } from '../core/dates.js';
import { type Answers, mergeAnswers, missingFields, type Sender, toSender } from '../core/fields.js';
import { type Format, TEXT_WIDTH } from '../core/render.js';
import { quoted } from '../core/shown.js';
import { dataError, usageError } from '../errors.js';
import { t } from '../i18n.js';
import { type Config, readConfig } from '../io/config.js';
import { loadLocale, Repository } from '../io/repository.js';
import { deliverLetters } from '../io/sinks.js';
import { note, screenWidth, styleFor } from '../io/style.js';
import type { World } from '../world.js';
import { answersFromFile, answersFromFlags } from './compose-answers.js';
import { warnDeadline } from './deadline-note.js';
import { decideInteractive } from './interactivity.js';
import type { SendingFlags } from './send.js';
import { asUaFileError } from './ua-file-errors.js';

export interface ComposeFlags extends SendingFlags {
  lang?: string;
  target?: string[];
  name?: string;
  city?: string;
  country?: string;
  email?: string;
  address?: string[];
  about?: string;
  note?: string;
  noteFile?: string;
  answers?: string;
  format?: string;
  out?: string;
  force?: boolean;
  interactive?: boolean;
  mailto?: boolean;
  open?: boolean;
  paper?: 'a4' | 'letter';
}

export async function compose(id: string, flags: ComposeFlags, globals: GlobalOptions, world: World): Promise<number> {
  const loaded = await (await Repository.open(world, globals.actionsDirs)).find(id);
  return composeFor(loaded.action, flags, globals, world).catch((error) => Promise.reject(asUaFileError(error, loaded.file)));
}

async function composeFor(action: Action, flags: ComposeFlags, globals: GlobalOptions, world: World): Promise<number> {
  // 1. Every answer already given: profile < --answers file < flags.
  const config = await readConfig(world.env);
  const fromFile = flags.answers ? await answersFromFile(flags.answers, world) : {};
  const given = mergeAnswers(fromFile, answersFromFlags(flags, world));
  const languages = letterLanguages(action);
  if (languages.length === 0) throw dataError(t('compose.noLetter', { id: action.id }), t('compose.noLetterHint'));
  checkChoices(action, given, languages);
  checkDeliveryFlags(flags);

  // 2. Interactive or not, decided once.
  const interactive = decideInteractive(flags, world);
  const say = interactive ? await sayOnScreen(world, globals) : (text: string) => note(world.stderr, globals, text);
  const profileLang = config.profile.lang && languages.includes(config.profile.lang) ? config.profile.lang : undefined;
  const known = mergeAnswers(config.profile, { lang: profileLang ?? defaultLanguage(action, languages) }, given);

  // 3. Ask what is missing, or say at once everything that is missing.
  // `--about ""` answers the question too: "no sentence about me".
  const answered = new Set([...Object.keys(given), ...(['about', 'note'] as const).filter((key) => flags[key] === '')]);
  // A real send needs an address to send from: asked with the rest, not refused after the preview.
  const needsEmail = flags.send === true && !flags.dryRun && !flags.from && !world.env.UA_FROM && !config.smtp.from;
  const answers = interactive ? await askMissing(action, languages, known, answered, needsEmail, { world, globals, say }) : requireComplete(known);

  // 4. The letters, composed in the chosen language for the chosen targets.
  const sender = toSender(answers);
  if (!sender) throw usageError(t('compose.missing', { flags: '--name, --city, --country' }));
  const lang = answers.lang as Lang;
  const templates = usesTemplates(action) ? (await import('../core/letter-engine.js')).renderLetterTemplate : undefined;
  const targets = chooseTargets(action, answers.targets);
  const letters = composeLetters({ templates, action, lang, targets, sender, today: localDay(world.now()), locale: loadLocale(lang) });

  // 5. Out: by email; as drafts or links to send by hand; the menu at a terminal; else stdout or files.
  return deliverComposed({ action, letters, sender, answers, config, flags, interactive, globals, world, say });
}

interface Composed {
  action: Action;
  letters: Letter[];
  sender: Sender;
  answers: Answers;
  config: Config;
  flags: ComposeFlags;
  interactive: boolean;
  globals: GlobalOptions;
  world: World;
  say: (text: string) => void;
}

async function deliverComposed(context: Composed): Promise<number> {
  const { action, letters, sender, answers, config, flags, interactive, globals, world, say } = context;
  const warn = styleFor(world.stderr, globals).warn;
  if (flags.send) {
    if (interactive) {
      const { lettersOnScreen } = await import('../core/screen.js');
      world.stderr.write(`\n${lettersOnScreen(letters, screenWidth(world.stderr, world.env, TEXT_WIDTH)).trimEnd()}\n\n`);
    }
    const code = await (await import('./send.js')).sendLetters({ action, letters, sender, options: flags, config, interactive, globals, world });
    // The questions and the menu load only at a terminal: a script never pays for them.
    if (interactive) await (await import('./compose-menu.js')).offerProfile(await world.prompter(styleFor(world.stderr, globals)), { answers, config, say });
    return code;
  }
  if (!interactive) warnDeadline(action, world, say, warn);
  if (flags.format === 'pdf') {
    await (await import('./printable.js')).refuseUnprintable(letters, sender);
    const { writePdfLetters } = await import('../io/pdf-files.js');
    const written = await writePdfLetters(
      letters,
      {
        out: flags.out,
        force: flags.force === true,
        paper: flags.paper ?? 'a4',
        cwd: world.cwd,
        title: `UA ${action.id}: ${action.title}`,
      },
      world,
    );
    say(describeFiles(written, letters));
    await (await import('./prepare.js')).recordPrinted(letters, sender, { world, globals });
    return 0;
  }
  if (flags.format === 'eml' || flags.mailto) {
    const prepare = await import('./prepare.js');
    const files = {
      letters,
      sender,
      from: flags.from ?? world.env.UA_FROM,
      out: flags.out,
      force: flags.force === true,
      wait: (await import('./send-settings.js')).waitSeconds(flags.wait),
      globals,
      world,
    };
    if (flags.mailto) return prepare.printMailtoLinks({ ...files, open: flags.open === true });
    await prepare.writeEmlFiles(files);
    return 0;
  }
  const format = (flags.format ?? 'text') as Format;
  if (interactive)
    return (await import('./compose-menu.js')).interactiveDelivery({ letters, sender, format, flags, answers, config, action, globals, world, say });
  const written = deliverLetters(letters, format, { out: flags.out, force: flags.force === true }, world);
  if (written.length > 0) {
    say(describeFiles(written, letters));
    await (await import('./prepare.js')).recordPrinted(letters, sender, { world, globals });
  }
  return 0;
}

async function askMissing(
  action: Action,
  languages: readonly Lang[],
  known: Answers,
  given: ReadonlySet<string>,
  needsEmail: boolean,
  { world, globals, say }: { world: World; globals: GlobalOptions; say: (text: string) => void },
): Promise<Answers> {
  const style = styleFor(world.stderr, globals);
  say(style.bold(`UA ${action.id} — ${action.title} (${action.country})`));
  warnDeadline(action, world, say, style.warn);
  const prompter = await world.prompter(style);
  const languageNames = languages.map((code) => ({ code, name: loadLocale(code).name }));
  return (await import('./compose-prompts.js')).askAnswers({ prompter, action, languages: languageNames, say, needsEmail }, known, given);
}

/** Notes at a terminal, broken between words to its width (loaded only there: a script never pays for it). */
async function sayOnScreen(world: World, globals: GlobalOptions): Promise<(text: string) => void> {
  const { fitLines } = await import('../core/screen.js');
  const width = screenWidth(world.stderr, world.env, Number.POSITIVE_INFINITY);
  return (text) => note(world.stderr, globals, fitLines(text, width));
}

/** Without a terminal every missing value is named at once, by its flag. */
function requireComplete(answers: Answers): Answers {
  const missing = missingFields(answers);
  if (missing.length === 0) return answers;
  throw usageError(t('compose.missingNoTerminal', { flags: missing.map((field) => field.flag).join(', ') }), t('compose.missingHint'));
}

/** Options that only mean something with another one are refused rather than ignored. */
function checkDeliveryFlags(flags: ComposeFlags): void {
  const needs = (name: string, given: unknown, partner: string, present: unknown) => {
    if (given && !present) throw usageError(t('compose.goesWith', { option: name, partner }));
  };
  for (const [name, value] of [
    ['--dry-run', flags.dryRun],
    ['--test-to', flags.testTo],
    ['--yes', flags.yes],
    ['--after-deadline', flags.afterDeadline],
    ['--resend', flags.resend],
    ['--json', flags.json],
    ['--smtp', flags.smtp],
  ] as const) {
    needs(name, value, '--send', flags.send);
  }
  needs('--open', flags.open, '--mailto', flags.mailto);
  // Said before the first question, not after the last.
  if (flags.format === 'pdf' && !flags.out && !flags.send) throw usageError(t('compose.pdfNeedsOut'));
  if (flags.send && (flags.format || flags.out)) throw usageError(t('compose.sendNotFiles'), t('compose.sendNotFilesHint'));
  if (flags.mailto && (flags.format || flags.out)) throw usageError(t('compose.mailtoNotFiles'));
}

/** Flags and answers naming a language or target the UA does not have are refused before any question. */
function checkChoices(action: Action, given: Answers, languages: readonly Lang[]): void {
  if (given.lang && !languages.includes(given.lang)) {
    throw usageError(t('compose.noLetterIn', { id: action.id, lang: quoted(given.lang) }), t('compose.chooseLanguage', { languages: languages.join(', ') }));
  }
  const ids = action.targets.map((target) => target.id);
  const unknown = (given.targets ?? []).filter((target) => target !== 'all' && !ids.includes(target));
  if (unknown.length > 0) {
    throw usageError(
      t('compose.noTarget', { id: action.id, targets: unknown.map((id) => quoted(id)).join(', ') }),
      t('compose.targets', { targets: ids.join(', ') }),
    );
  }
}

/** The targets' preferred language when the UA has a letter in it; else English; else the first. */
function defaultLanguage(action: Action, languages: readonly Lang[]): Lang {
  const preferred = action.languages.preferred;
  if (languages.includes(preferred)) return preferred;
  return languages.includes('en') ? 'en' : (languages[0] as Lang);
}

function chooseTargets(action: Action, chosen: readonly string[] | undefined): Target[] {
  if (!chosen || chosen.includes('all')) return action.targets;
  return action.targets.filter((target) => chosen.includes(target.id));
}

/** "Wrote 2 letters to letters.pdf." */
export function describeFiles(paths: readonly string[], letters: readonly Letter[]): string {
  return t('compose.wrote', { count: letters.length, files: paths.join(', ') });
}
