import type { Action, Lang } from '../../core/action.js';
import { letterLanguages, usesTemplates } from '../../core/action.js';
import { chooseTargets, defaultLanguage, headline } from '../../core/choose.js';
import { composeLetters } from '../../core/compose.js';
import { localDay } from '../../core/dates.js';
import { type Answers, mergeAnswers, missingFields, toSender } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { quoted } from '../../core/shown.js';
import { dataError, usageError } from '../../errors.js';
import { readConfig } from '../../io/config.js';
import { loadLocale, Repository } from '../../io/repository.js';
import { screenWidth } from '../../io/style.js';
import { warnDeadline } from '../common/deadline-note.js';
import { decideInteractive } from '../common/interactivity.js';
import { asUaFileError } from '../common/ua-file-errors.js';
import type { Context } from '../context.js';
import { givenAnswers, sameSigner } from './answers.js';
import type { ComposeOptions } from './composed.js';
import { deliverComposed } from './deliver.js';

/** `ua compose`: one person's letters for one UA, asked for at a terminal, never otherwise. */
export async function compose(id: string, options: ComposeOptions, ctx: Context): Promise<number> {
  const loaded = await (await Repository.open(ctx.t, ctx.world, ctx.globals.actionsDirs)).find(id);
  return composeFor(loaded.action, options, ctx).catch((error) => Promise.reject(asUaFileError(ctx.t, error, loaded.file)));
}

async function composeFor(action: Action, options: ComposeOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // 1. Every answer already given: profile < --answers file < flags.
  const config = await readConfig(t, world.env);
  const given = await givenAnswers(t, options, world);
  const languages = letterLanguages(action);
  if (languages.length === 0) throw dataError(t('compose.noLetter', { id: action.id }), t('compose.noLetterHint'));
  checkChoices(t, action, given, languages);

  // 2. Interactive or not, decided once.
  const interactive = decideInteractive(t, options, world);
  const say = interactive ? await sayOnScreen(ctx) : ctx.note;
  const profileLang = config.profile.lang && languages.includes(config.profile.lang) ? config.profile.lang : undefined;
  const known = mergeAnswers(sameSigner(config.profile, given), { lang: profileLang ?? defaultLanguage(action) }, given);

  // 3. Ask what is missing, or say at once everything that is missing.
  // `--about ""` answers the question too: "no sentence about me".
  const answered = new Set([...Object.keys(given), ...(['about', 'note'] as const).filter((key) => options[key] === '')]);
  // A real send needs an address to send from: asked with the rest, not refused after the preview.
  const needsEmail = options.send && !options.dryRun && !options.from && !world.env.UA_FROM && !config.smtp.from;
  const answers = interactive ? await askMissing(action, languages, known, answered, needsEmail, { ctx, say }) : requireComplete(t, known);

  // 4. The letters, composed in the chosen language for the chosen targets.
  const sender = toSender(answers);
  if (!sender) throw usageError(t('compose.missing', { flags: '--name, --city, --country' }));
  const lang = answers.lang as Lang;
  const templates = usesTemplates(action) ? (await import('../../core/letter-engine.js')).renderLetterTemplate : undefined;
  const { targets } = chooseTargets(action, answers.targets);
  const letters = composeLetters({ t, templates, action, lang, targets, sender, today: localDay(world.now()), locale: loadLocale(t, lang) });

  // 5. Out: by email; as drafts or links to send by hand; the menu at a terminal; else stdout or files.
  return deliverComposed({ action, letters, sender, answers, config, options, interactive, ctx, say });
}

async function askMissing(
  action: Action,
  languages: readonly Lang[],
  known: Answers,
  given: ReadonlySet<string>,
  needsEmail: boolean,
  { ctx, say }: { ctx: Context; say: (text: string) => void },
): Promise<Answers> {
  const { world, t } = ctx;
  const style = ctx.style(world.stderr);
  say(style.bold(headline(t, action)));
  warnDeadline(action, ctx, say, style.warn);
  const prompter = await world.prompter(style, t);
  const languageNames = languages.map((code) => ({ code, name: loadLocale(t, code).name }));
  return (await import('./prompts.js')).askAnswers({ t, prompter, action, languages: languageNames, say, needsEmail }, known, given);
}

/** Notes at a terminal, broken between words to its width (loaded only there: a script never pays for it). */
async function sayOnScreen(ctx: Context): Promise<(text: string) => void> {
  const { fitLines } = await import('../../core/screen.js');
  const width = screenWidth(ctx.world.stderr, ctx.world.env, Number.POSITIVE_INFINITY);
  return (text) => ctx.note(fitLines(text, width));
}

/** Without a terminal every missing value is named at once, by its flag. */
function requireComplete(t: Translate, answers: Answers): Answers {
  const missing = missingFields(answers);
  if (missing.length === 0) return answers;
  throw usageError(t('compose.missingNoTerminal', { flags: missing.map((field) => field.flag).join(', ') }), t('compose.missingHint'));
}

/** Flags and answers naming a language or target the UA does not have are refused before any question. */
function checkChoices(t: Translate, action: Action, given: Answers, languages: readonly Lang[]): void {
  if (given.lang && !languages.includes(given.lang)) {
    throw usageError(t('compose.noLetterIn', { id: action.id, lang: quoted(given.lang) }), t('compose.chooseLanguage', { languages: languages.join(', ') }));
  }
  const { unknown } = chooseTargets(action, given.targets);
  if (unknown.length > 0) {
    throw usageError(
      t('compose.noTarget', { id: action.id, targets: unknown.map((id) => quoted(id)).join(', ') }),
      t('compose.targets', { targets: action.targets.map((target) => target.id).join(', ') }),
    );
  }
}
