import { type Action, asksIn, type Lang, type Target } from '../../core/action.js';
import { callSituation, phoneTargets } from '../../core/call.js';
import { type Caller, callScript } from '../../core/call-script.js';
import { chooseTargets, defaultLanguage } from '../../core/choose.js';
import { type Answers, fieldByKey, fieldQuestion, mergeAnswers } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { renderLetterTemplate } from '../../core/letter-engine.js';
import type { Locale } from '../../core/locale.js';
import type { CallOutcome } from '../../core/outcomes.js';
import { wrap } from '../../core/render.js';
import { quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import { readConfig } from '../../io/config.js';
import { loadLocale, localeCodes, Repository } from '../../io/repository.js';
import type { Prompter } from '../../world.js';
import { decideInteractive } from '../common/interactivity.js';
import { asUaFileError } from '../common/ua-file-errors.js';
import { givenAnswers, sameSigner } from '../compose/answers.js';
import type { AnswerFlags } from '../compose/composed.js';
import type { Context } from '../context.js';
import { lastOutcomes, notReachedFirst, recordCall } from './record.js';
import { callJson, outcomeKey, scriptHeading, situationLines } from './view.js';

export interface CallOptions extends Pick<AnswerFlags, 'lang' | 'target' | 'name' | 'city' | 'email'> {
  /** An answers file (YAML or JSON; "-" is stdin), as compose reads it. */
  answers?: string;
  /** Records how a call went, without questions (one --target). */
  outcome?: CallOutcome;
  /** Prints the numbers, the time there and the script; asks and records nothing. */
  format?: 'json' | 'text';
  interactive?: boolean;
}

/** `ua call`: the number, the time there, a script; then how the call went, in the journal. */
export async function call(id: string, options: CallOptions, ctx: Context): Promise<number> {
  const loaded = await (await Repository.open(ctx.t, ctx.world, ctx.globals.actionsDirs)).find(id);
  return callFor(loaded.action, options, ctx).catch((error) => Promise.reject(asUaFileError(ctx.t, error, loaded.file)));
}

async function callFor(action: Action, options: CallOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // 1. Whom to call: the targets chosen that have a phone.
  const targets = phoneChoice(t, action, options.target);
  if (options.outcome && (options.target?.length !== 1 || targets.length !== 1)) throw usageError(t('call.oneTarget'), withPhone(t, action));
  // 2. Asking or not, decided once; without a terminal, a call is recorded or printed, nothing else.
  const interactive = !options.outcome && !options.format && decideInteractive(t, options, world);
  if (!interactive && !options.outcome && !options.format) throw usageError(t('call.needsTerminal'), t('call.needsTerminalHint'));
  // 3. Who calls, and in which language: profile < --answers file < flags, as compose has them.
  const config = await readConfig(t, world.env);
  const given = await givenAnswers(t, options, world);
  const known = mergeAnswers(sameSigner(config.profile, given), given);
  const lang = callLanguage(t, action, given.lang, config.profile.lang);
  const prompter = interactive ? await world.prompter(ctx.style(world.stderr), t) : undefined;
  const caller = prompter ? await askCaller(t, prompter, known) : requireCaller(t, known);
  const signer = { ...caller, email: known.email };
  const now = world.now();
  const situations = targets.map((target) => callSituation(t, action, target, now));
  // 4. Recorded, printed, or called one by one.
  if (options.outcome) {
    await recordCall({ action, situation: situations[0] as (typeof situations)[0], signer, lang }, options.outcome, ctx);
    ctx.note(t('call.recorded', { outcome: t(`call.${outcomeKey(options.outcome)}`) }));
    return 0;
  }
  const last = lastOutcomes(t, world.env, action, targets, signer);
  const items = notReachedFirst(
    situations.map((situation) => ({ situation, last: last.get(situation.target.id) })),
    last,
  );
  const script = scriptIn(t, action, lang, caller);
  if (options.format === 'json') world.stdout.write(`${JSON.stringify(callJson(action, lang, script, items, now), null, 2)}\n`);
  else if (options.format === 'text') {
    const blocks = items.map(({ situation, last }) => situationLines(t, situation, now, last, ctx.uiLang).join('\n'));
    world.stdout.write(`${[...blocks, `${scriptHeading(t, lang)}\n${wrap(script, 76)}`].join('\n\n')}\n`);
  } else await (await import('./flow.js')).callOneByOne({ action, lang, script, signer, ctx, prompter: prompter as Prompter }, items);
  return 0;
}

/** The targets chosen (all by default) that have a phone; one named without a phone, or a UA without any, is refused. */
function phoneChoice(t: Translate, action: Action, typed: readonly string[] | undefined): Target[] {
  const phones = phoneTargets(action.targets);
  if (phones.length === 0) throw usageError(t('call.noPhones', { id: action.id }), t('call.noPhonesHint', { id: action.id }));
  const { targets, unknown } = chooseTargets(action, typed, phones);
  if (unknown.length > 0) throw usageError(t('compose.noTarget', { id: action.id, targets: unknown.map((id) => quoted(id)).join(', ') }), withPhone(t, action));
  const without = targets.find((target) => !phones.includes(target));
  if (without && !(typed ?? []).some((id) => id.toLowerCase() === 'all'))
    throw usageError(t('call.noPhone', { target: without.id, id: action.id }), withPhone(t, action));
  return phoneTargets(targets);
}

function withPhone(t: Translate, action: Action): string {
  return t('call.withPhone', {
    targets: phoneTargets(action.targets)
      .map((target) => target.id)
      .join(', '),
  });
}

/** The languages a call script exists in: the UA's own scripts, and those ua can build from its requests. */
export function callLanguages(t: Translate, action: Action): Lang[] {
  // One list of requests is in the UA's own language, English (core/action.ts asksIn): a script
  // built from it is English too; other languages need their own list, or their own script.
  const asksFor = (code: string) => (Array.isArray(action.asks) ? code === 'en' : asksIn(action, code).length > 0);
  const built = localeCodes().filter((code) => localeWords(t, code)?.call && asksFor(code));
  return [...new Set([...Object.keys(action.call_script ?? {}), ...built])];
}

function localeWords(t: Translate, code: string): Locale | undefined {
  return localeCodes().includes(code) ? loadLocale(t, code) : undefined;
}

/** --lang (refused when there is no script in it), else the profile's letter language, else the UA's, else English, else the first. */
export function callLanguage(t: Translate, action: Action, asked: string | undefined, preferred?: string): Lang {
  const languages = callLanguages(t, action);
  if (asked && !languages.includes(asked))
    throw usageError(t('call.noScript', { id: action.id, lang: quoted(asked) }), t('call.noScriptHint', { languages: languages.join(', ') }));
  const chosen = [asked, preferred, defaultLanguage(action), 'en', languages[0]].find((code) => code && languages.includes(code));
  if (!chosen) throw usageError(t('call.noScript', { id: action.id, lang: 'en' }), t('call.noScriptHint', { languages: '—' }));
  return chosen;
}

/** The script in `lang`, the caller's name and city filled in (callLanguage made sure there is one). */
export function scriptIn(t: Translate, action: Action, lang: Lang, caller: Caller): string {
  return callScript(action, lang, caller, localeWords(t, lang), renderLetterTemplate) ?? t('call.noScript', { id: action.id, lang });
}

/** Without a terminal the name and city must be given: the script says them, the journal keys the call by them. */
function requireCaller(t: Translate, known: Answers): Caller {
  const missing = (['name', 'city'] as const).filter((key) => !known[key]).map((key) => fieldByKey.get(key)?.flag ?? key);
  if (missing.length > 0) throw usageError(t('compose.missingNoTerminal', { flags: missing.join(', ') }), t('compose.missingHint'));
  return { name: known.name as string, city: known.city as string };
}

/** At a terminal, the name and city not yet known are asked, each checked as its flag would be. */
async function askCaller(t: Translate, prompter: Prompter, known: Answers): Promise<Caller> {
  const ask = async (key: 'name' | 'city') => {
    const spec = fieldByKey.get(key);
    if (known[key] || !spec) return known[key] as string;
    const answer = await prompter.input(fieldQuestion(t, spec), {
      validate: (text) => (text.trim() === '' ? t('ask.required') : spec.check(t, text.trim())),
    });
    return answer.trim();
  };
  return { name: await ask('name'), city: await ask('city') };
}
