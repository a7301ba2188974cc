import type { Action, Target } from '../../core/action.js';
import type { Translate } from '../../core/i18n.js';
import { phoneNumber } from '../../core/phone.js';
import { targetCountry, targetZone } from '../../core/time-zones.js';

/** What `ua show` says of a target's numbers and clock, label by label, in the order shown. */
export function reachLines(t: Translate, action: Action, target: Target, now: Date, uiLang: string): [string, string | undefined][] {
  const country = targetCountry(action, target);
  // As dialled from abroad, where ua can read the number; else as the UA writes it.
  const numbers = (list: string[] | undefined) => list?.map((written) => phoneNumber(written, country).international ?? written).join(', ');
  const zone = targetZone(action, target, now.getUTCFullYear());
  const time = zone
    ? t('show.localTime', {
        time: new Intl.DateTimeFormat(uiLang, { timeZone: zone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now),
        zone,
      })
    : undefined;
  return [
    [t('show.phone'), numbers(target.phone)],
    [t('show.fax'), numbers(target.fax)],
    [t('show.timeThere'), target.phone?.length || target.fax?.length ? time : undefined],
    [t('show.hours'), target.hours],
  ];
}

/** The UA's words for calls and posts: which languages have a script, how many posts, its hashtags. */
export function actionLines(t: Translate, action: Action): string[] {
  const lines: string[] = [];
  const scripts = Object.keys(action.call_script ?? {});
  if (scripts.length) lines.push(t('punct.labelled', { label: t('show.callScript'), value: scripts.join(', ') }));
  const posts = Object.entries(action.posts ?? {}).map(([lang, texts]) => t('show.postsIn', { count: texts.length, lang }));
  if (posts.length) lines.push(t('punct.labelled', { label: t('show.posts'), value: posts.join(', ') }));
  const tags = (action.hashtags ?? []).map((tag) => (tag.startsWith('#') ? tag : `#${tag}`));
  if (tags.length) lines.push(t('punct.labelled', { label: t('show.hashtags'), value: tags.join(' ') }));
  return lines;
}
