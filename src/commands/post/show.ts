import type { Action, Lang } from '../../core/action.js';
import type { Translate } from '../../core/i18n.js';
import type { Account } from '../../core/post-links.js';
import type { PostPlan } from '../../core/post-plan.js';
import { forTerminal } from '../../core/shown.js';
import type { Context } from '../context.js';

interface Shown {
  action: Action;
  lang: Lang;
  /** Which of the UA's texts this volunteer got (0-based). */
  turn: number;
  format?: 'json' | 'text';
  ctx: Context;
}

/** The posts and links on stdout (JSON for other tools); posts that cannot fit said on stderr. */
export function printPlan(plan: PostPlan, shown: Shown): void {
  const { ctx } = shown;
  const { t, world } = ctx;
  for (const refused of plan.refused) {
    const words = { network: network(t, refused.account), handle: forTerminal(refused.account.handle), length: refused.length, limit: refused.limit };
    ctx.note(t(refused.reason === 'fixed' ? 'post.refusedFixed' : 'post.refusedFirstWord', words));
  }
  if (shown.format === 'json') {
    world.stdout.write(`${JSON.stringify(asJson(plan, shown), null, 2)}\n`);
    return;
  }
  const style = ctx.style(world.stdout);
  const blocks = plan.posts.map((planned) => {
    const heading = t('post.heading', {
      name: planned.target.name,
      network: network(t, planned.account),
      handle: planned.account.handle,
      length: planned.length,
      limit: planned.limit,
    });
    const lines = [style.bold(forTerminal(heading)) + (planned.shortened ? ` ${style.dim(`(${t('post.shortened')})`)}` : ''), forTerminal(planned.text)];
    if (planned.link) lines.push(style.accent(planned.link));
    return lines.join('\n');
  });
  const profiles = plan.profiles.map(({ target, account }) =>
    forTerminal(t('post.profileOnly', { name: target.name, network: network(t, account), handle: account.handle, link: account.profile })),
  );
  const text = [...blocks, ...(profiles.length > 0 ? [profiles.join('\n')] : [])].join('\n\n');
  if (text) world.stdout.write(`${text}\n`);
}

function network(t: Translate, account: Account): string {
  const key = `post.network.${account.network}` as 'post.network.x';
  return t(key);
}

function asJson(plan: PostPlan, { action, lang, turn }: Shown) {
  return {
    ua: action.id,
    lang,
    variant: turn,
    posts: plan.posts.map((planned) => ({
      target: planned.target.id,
      target_name: planned.target.name,
      platform: planned.account.platform,
      handle: planned.account.handle,
      text: planned.text,
      length: planned.length,
      limit: planned.limit,
      shortened: planned.shortened,
      link: planned.link ?? null,
    })),
    refused: plan.refused.map((refused) => ({
      target: refused.target.id,
      platform: refused.account.platform,
      handle: refused.account.handle,
      reason: refused.reason === 'fixed' ? 'handle-and-hashtags-too-long' : 'first-word-too-long',
      length: refused.length,
      limit: refused.limit,
    })),
    profiles: plan.profiles.map(({ target, account }) => ({ target: target.id, network: account.network, handle: account.handle, link: account.profile })),
  };
}
