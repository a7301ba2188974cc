import type { Action, Lang } from '../../core/action.js';
import type { Answers } from '../../core/fields.js';
import { letterKey, signerName } from '../../core/identity.js';
import { ENTRY_VERSION, type JournalEntry } from '../../core/journal-entries.js';
import type { PlannedPost, PostPlan } from '../../core/post-plan.js';
import { forTerminal } from '../../core/shown.js';
import { readJournal } from '../../io/journal-read.js';
import { journalFile } from '../../io/paths.js';
import { recordPrepared } from '../common/record-prepared.js';
import type { Context } from '../context.js';

/**
 * How many times the journal records this person posting for this UA: one run's posts (X and
 * Bluesky at once) share their time and count once, so each new run moves to the next text.
 */
export function recordedRuns(ctx: Context, ua: string, name: string): number {
  const who = signerName(name);
  const { entries } = readJournal(ctx.t, journalFile(ctx.world.env));
  const runs = entries.filter((entry) => entry.channel === 'social' && entry.ua === ua && entry.state === 'posted' && signerName(entry.sender) === who);
  return new Set(runs.map((entry) => entry.at)).size;
}

/** At a terminal: each link opened (--open), then "Did you post it?"; the posts said yes to. */
export async function askPosted(plan: PostPlan, open: boolean, ctx: Context): Promise<PlannedPost[]> {
  const { world, t } = ctx;
  const prompter = await world.prompter(ctx.style(world.stderr), t);
  const posted: PlannedPost[] = [];
  for (const planned of plan.posts) {
    if (open && planned.link) await world.openUrl(planned.link, t);
    const network = t(`post.network.${planned.account.network}` as 'post.network.x');
    if (await prompter.confirm(t('post.didPost', { network, handle: forTerminal(planned.account.handle) }), false)) posted.push(planned);
  }
  return posted;
}

/** One journal line a post: channel social, state posted, to "<platform>:<handle>". */
export async function recordPosts(posted: readonly PlannedPost[], context: { action: Action; lang: Lang; answers: Answers; ctx: Context }): Promise<void> {
  const { action, lang, answers, ctx } = context;
  const at = ctx.world.now().toISOString();
  const sender = { name: answers.name ?? '', city: answers.city ?? '', email: answers.email };
  const entries: JournalEntry[] = posted.map((planned) => ({
    v: ENTRY_VERSION,
    at,
    ua: action.id,
    key: `${letterKey(action.id, planned.target.id, sender)}:social:${planned.account.platform}`,
    state: 'posted',
    channel: 'social',
    target: planned.target.id,
    target_name: planned.target.name,
    lang,
    to: [`${planned.account.platform}:${planned.account.handle}`],
    sender: sender.name,
  }));
  if (await recordPrepared(entries, ctx)) ctx.note(ctx.t('post.recorded', { count: entries.length }));
}
