import type { ComposeFlags, GlobalOptions } from '../cli.js';
import type { Action, Lang, Target } from '../core/action.js';
import { letterLanguages, usesTemplates } from '../core/action.js';
import { composeLetters, type Letter } from '../core/compose.js';
import { deadlineStatus, formatDate, localDay, parseIsoDate } from '../core/dates.js';
import { type Answers, mergeAnswers, missingFields, toSender } from '../core/fields.js';
import type { Format } from '../core/render.js';
import { dataError, usageError } from '../errors.js';
import { readConfig } from '../io/config.js';
import { loadLocale, Repository } from '../io/repository.js';
import { deliverLetters } from '../io/sinks.js';
import { note, styleFor } from '../io/style.js';
import type { World } from '../world.js';
import { answersFromFile, answersFromFlags } from './compose-answers.js';
import { interactiveDelivery } from './compose-menu.js';
import { askAnswers } from './compose-prompts.js';

export async function compose(id: string, flags: ComposeFlags, globals: GlobalOptions, world: World): Promise<number> {
  const say = (text: string) => note(world.stderr, globals, text);
  const style = styleFor(world.stderr, globals);

  // 1. The UA, and every answer already given: profile < --answers file < flags.
  const { action } = await Repository.open(world.cwd, world.env, globals.actionsDir).find(id);
  const config = await readConfig(world.env);
  const fromFile = flags.answers ? await answersFromFile(flags.answers, world) : {};
  const fromFlags = answersFromFlags(flags, world);
  const given = mergeAnswers(fromFile, fromFlags);
  const languages = letterLanguages(action);
  if (languages.length === 0) throw dataError(`UA ${action.id} has no sample letter to compose from`, 'Add one under "letters:" in its file.');
  checkChoices(action, given, languages);

  // 2. Interactive or not, decided once: a terminal on both ends, not CI, stdin not the answers.
  const terminal = Boolean(world.stdin.isTTY && world.stderr.isTTY);
  if (flags.interactive && !terminal) throw usageError('--interactive needs a terminal (stdin and stderr)', 'Drop it to run without questions.');
  const interactive = flags.answers === '-' ? false : (flags.interactive ?? (terminal && !world.env.CI));
  const format = (flags.format ?? 'text') as Format;
  const profileLang = config.profile.lang && languages.includes(config.profile.lang) ? config.profile.lang : undefined;
  let answers = mergeAnswers(config.profile, { lang: profileLang ?? defaultLanguage(action, languages) }, given);

  // 3. Ask what is missing, or say at once everything that is missing.
  if (interactive) {
    say(style.bold(`UA ${action.id} — ${action.title} (${action.country})`));
    warnDeadline(action, world, say, style.warn);
    const prompter = await world.prompter();
    const languageNames = languages.map((code) => ({ code, name: loadLocale(code).name }));
    answers = await askAnswers({ prompter, action, languages: languageNames, say }, answers, new Set(Object.keys(given)));
  } else {
    const missing = missingFields(answers);
    if (missing.length > 0) {
      throw usageError(
        `missing ${missing.map((field) => field.flag).join(', ')} (there is no terminal to ask on)`,
        'Give them as flags, in an --answers file, or save a profile by running "ua compose" once in a terminal.',
      );
    }
  }

  // 4. The letters, composed in the chosen language for the chosen targets.
  const lang = answers.lang as Lang;
  const sender = toSender(answers);
  if (!sender) throw usageError('missing --name, --city or --country');
  const templates = usesTemplates(action) ? (await import('../core/letter-engine.js')).renderLetterTemplate : undefined;
  const letters = composeLetters({
    templates,
    action,
    lang,
    targets: chooseTargets(action, answers.targets),
    sender,
    today: localDay(world.now()),
    locale: loadLocale(lang),
  });

  // 5. Out: the menu at a terminal; stdout or files otherwise.
  if (interactive) return interactiveDelivery({ letters, format, flags, answers, config, action, world, say });
  warnDeadline(action, world, say, style.warn);
  const written = deliverLetters(letters, format, { out: flags.out, force: flags.force === true }, world);
  if (written.length > 0) say(`Wrote ${describeFiles(written, letters)}.`);
  return 0;
}

/** Flags and answers naming a language or target the UA does not have are refused before any question. */
function checkChoices(action: Action, given: Answers, languages: readonly Lang[]): void {
  if (given.lang && !languages.includes(given.lang)) {
    throw usageError(`UA ${action.id} has no letter in "${given.lang}"`, `Choose one of: ${languages.join(', ')}.`);
  }
  const ids = action.targets.map((target) => target.id);
  const unknown = (given.targets ?? []).filter((target) => target !== 'all' && !ids.includes(target));
  if (unknown.length > 0) {
    throw usageError(`UA ${action.id} has no target ${unknown.map((t) => `"${t}"`).join(', ')}`, `Targets: ${ids.join(', ')} (or all).`);
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

/** Composing after the deadline is allowed; the user is told, on stderr. */
function warnDeadline(action: Action, world: World, say: (text: string) => void, warn: (text: string) => string): void {
  const deadline = parseIsoDate(action.deadline);
  if (!deadline) return;
  const status = deadlineStatus(deadline, localDay(world.now()));
  if (status.open) return;
  const when = formatDate(deadline, loadLocale('en'));
  say(warn(`Note: the deadline of UA ${action.id} passed on ${when}.${action.deadline_note ? ` ${action.deadline_note}` : ''}`));
}

export function describeFiles(paths: readonly string[], letters: readonly Letter[]): string {
  const count = `${letters.length} letter${letters.length === 1 ? '' : 's'}`;
  return paths.length === 1 ? `${count} to ${paths[0]}` : `${count} to ${paths.join(', ')}`;
}
