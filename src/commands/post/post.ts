import type { Action, Lang } from '../../core/action.js';
import { chooseTargets } from '../../core/choose.js';
import { type Answers, type FieldSpec, fieldByKey, fieldQuestion, mergeAnswers } from '../../core/fields.js';
import { type Translate, translator } from '../../core/i18n.js';
import { MASTODON_LIMIT } from '../../core/post-length.js';
import { accountsOf, mastodonHost } from '../../core/post-links.js';
import { type PostPlan, planPosts, postLanguages, postTexts } from '../../core/post-plan.js';
import { hashtag, variantIndex } from '../../core/post-text.js';
import { quoted } from '../../core/shown.js';
import { dataError, usageError } from '../../errors.js';
import { UI_LANGUAGES } from '../../generated/ui/index.js';
import { catalogueReader } from '../../io/catalogues.js';
import { type Config, readConfig, saveMastodonServer } from '../../io/config.js';
import { Repository } from '../../io/repository.js';
import { decideInteractive } from '../common/interactivity.js';
import { asUaFileError } from '../common/ua-file-errors.js';
import { givenAnswers, sameSigner } from '../compose/answers.js';
import type { Context } from '../context.js';
import { askPosted, recordPosts } from './record.js';
import { printPlan } from './show.js';

export interface PostOptions {
  /** The posts' language (else the profile's, else the UA's preferred, else the first it has). */
  lang?: string;
  target?: string[];
  /** Who posts: chooses the text (see variantIndex) and is recorded; with the city, the journal's signer. */
  name?: string;
  city?: string;
  answers?: string;
  /** The Mastodon server's post limit, when not config's mastodon.limit or 500. */
  limit?: number;
  /** The volunteer's Mastodon server, for this run (the one asked at a terminal is kept in the config). */
  mastodonServer?: string;
  /** Hands each composer link to the browser. */
  open: boolean;
  /** Records every post as posted, without asking. */
  posted: boolean;
  format?: 'json' | 'text';
  interactive?: boolean;
}

/** `ua post`: a post for each target's accounts, fitted to each platform, and its composer link; what was posted, recorded. */
export async function post(id: string, options: PostOptions, ctx: Context): Promise<number> {
  const loaded = await (await Repository.open(ctx.t, ctx.world, ctx.globals.actionsDirs)).find(id);
  return postFor(loaded.action, options, ctx).catch((error) => Promise.reject(asUaFileError(ctx.t, error, loaded.file)));
}

async function postFor(action: Action, options: PostOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // 1. Who posts, in which language, to whom: profile < --answers < flags.
  const config = await readConfig(t, world.env);
  const { lang: langFlag, target, name, city, answers: answersFile } = options;
  const given = await givenAnswers(t, { lang: langFlag, target, name, city, answers: answersFile }, world);
  const interactive = decideInteractive(t, options, world) && options.format === undefined;
  const answers = mergeAnswers(sameSigner(config.profile, given), given);
  const lang = chooseLanguage(t, action, answers, config.profile.lang);
  const { targets, unknown } = chooseTargets(action, answers.targets);
  if (unknown.length > 0)
    throw usageError(
      t('compose.noTarget', { id: action.id, targets: unknown.map((typed) => quoted(typed)).join(', ') }),
      t('compose.targets', { targets: action.targets.map((target) => target.id).join(', ') }),
    );
  if (!targets.some((target) => accountsOf(target).length > 0))
    throw dataError(t('post.noAccounts', { id: action.id }), t('post.noAccountsHint', { id: action.id }));
  if (options.posted && (!answers.name || !answers.city) && !interactive) throw usageError(t('post.postedNeedsName'));
  if (interactive) Object.assign(answers, await askWho(ctx, answers));

  // 2. The text: the one this volunteer's turn gives (post-text.ts variantIndex).
  const { recordedRuns } = await import('./record.js');
  const texts = postTexts(action, lang, fromAsk(action, lang));
  const turn = variantIndex(texts.length, answers.name ?? '', answers.name ? recordedRuns(ctx, action.id, answers.name) : 0);
  const text = texts[turn] ?? '';

  // 3. Each account's post, fitted; Mastodon's composer is on the volunteer's own server.
  const onMastodon = targets.some((target) => accountsOf(target).some((account) => account.platform === 'mastodon'));
  const mastodonServer = onMastodon ? await serverFor(action, options, config, interactive, ctx) : undefined;
  const mastodonLimit = options.limit ?? config.mastodon.limit ?? MASTODON_LIMIT;
  const plan = planPosts({ targets, text, hashtags: (action.hashtags ?? []).map(hashtag), mastodonLimit, mastodonServer });

  // 4. Shown (or printed for other tools), then what was posted recorded.
  printPlan(plan, { action, lang, turn, format: options.format, ctx });
  const posted = options.posted || !interactive ? await openAll(plan, options, ctx) : await askPosted(plan, options.open, ctx);
  if (posted.length > 0) await recordPosts(posted, { action, lang, answers, ctx });
  else if (!interactive && plan.posts.length > 0 && options.format !== 'json') ctx.note(t('post.notRecorded'));
  return outcome(plan);
}

function chooseLanguage(t: Translate, action: Action, answers: Answers, profileLang: Lang | undefined): Lang {
  const languages = postLanguages(action, UI_LANGUAGES);
  if (languages.length === 0) throw dataError(t('post.noTextAtAll', { id: action.id }));
  const lang = answers.lang ?? [profileLang, action.languages.preferred, 'en'].find((code) => code && languages.includes(code)) ?? (languages[0] as Lang);
  if (!languages.includes(lang))
    throw usageError(t('post.noText', { id: action.id, lang: quoted(lang) }), t('post.noTextHint', { languages: languages.join(', ') }));
  return lang;
}

/** A request made a post by the template in the post's language (the catalogues: post.fromAsk). */
function fromAsk(action: Action, lang: Lang): ((ask: string) => string) | undefined {
  if (!UI_LANGUAGES.includes(lang)) return undefined;
  const inLang = translator(catalogueReader(lang));
  return (ask) => inLang('post.fromAsk', { id: action.id, ask });
}

/** At a terminal, the name and city a record needs, when neither flags nor profile gave them. */
async function askWho(ctx: Context, answers: Answers): Promise<Answers> {
  const missing = (['name', 'city'] as const).filter((key) => !answers[key]);
  if (missing.length === 0) return {};
  const prompter = await ctx.world.prompter(ctx.style(ctx.world.stderr), ctx.t);
  const asked: Answers = {};
  for (const key of missing) {
    const spec = fieldByKey.get(key) as FieldSpec;
    const value = await prompter.input(fieldQuestion(ctx.t, spec), {
      validate: (text) => (text.trim() === '' ? ctx.t('ask.required') : spec.check(ctx.t, text.trim())),
    });
    asked[key] = value.trim();
  }
  return asked;
}

/** The flag, else the config file, else asked once at a terminal and kept; never guessed. */
async function serverFor(action: Action, options: PostOptions, config: Config, interactive: boolean, ctx: Context): Promise<string> {
  const { t, world } = ctx;
  const known = options.mastodonServer ?? config.mastodon.server;
  if (known) return known;
  if (!interactive) throw usageError(t('post.needsServer', { id: action.id }));
  const prompter = await world.prompter(ctx.style(world.stderr), t);
  const typed = await prompter.input(t('post.askServer'), { validate: (text) => (mastodonHost(text) ? undefined : t('post.badServer')) });
  const server = mastodonHost(typed) as string;
  await saveMastodonServer(t, config, server);
  ctx.note(t('post.serverSaved', { server, file: config.file }));
  return server;
}

/** No questions: --open hands every link to the browser; --posted says they were all posted, else none is recorded. */
async function openAll(plan: PostPlan, options: PostOptions, ctx: Context): Promise<PostPlan['posts']> {
  if (options.open) for (const planned of plan.posts) if (planned.link) await ctx.world.openUrl(planned.link, ctx.t);
  return options.posted ? plan.posts : [];
}

/** 0: every post fits; 3: some could not; 2: none could (the UA's texts are too long). */
function outcome(plan: PostPlan): number {
  if (plan.refused.length === 0) return 0;
  return plan.posts.length > 0 || plan.profiles.length > 0 ? 3 : 2;
}
