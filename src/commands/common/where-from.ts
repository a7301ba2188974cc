import type { PlainKey, Translate } from '../../core/i18n.js';

/** Where a UA came from, as `ua list` and `ua show` say it, and how long ago a feed was checked. */
export interface SourceOf {
  kind: string;
  dir: string;
  feed?: string;
}

const SOURCE_NAMES: Readonly<Record<string, PlainKey>> = {
  flag: 'source.folder',
  env: 'source.folder',
  config: 'source.folder',
  user: 'source.user',
  bundled: 'source.bundled',
};

/** "bundled", "your folder", "folder ~/uas", "feed amnesty-es": where a UA came from. */
export function sourceName(t: Translate, source: SourceOf): string {
  if (source.kind === 'feed') return t('source.feed', { name: source.feed ?? '' });
  const key = SOURCE_NAMES[source.kind] ?? 'source.folder';
  return key === 'source.folder' ? t(key, { dir: source.dir }) : t(key);
}

/** "3 hours ago", "hace 3 horas", "il y a 3 heures"; under a minute, "just now". */
export function ago(t: Translate, iso: string, now: Date): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  // Intl's word for 0 seconds ago is "now", which reads wrong after "last updated" in every
  // language ("última actualización ahora"); the seconds of a minute are not worth saying.
  if (Math.abs(seconds) < 60) return t('feed.justNow');
  const format = new Intl.RelativeTimeFormat(t('locale'), { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const [unit, size] = steps.find(([, size]) => Math.abs(seconds) >= size) ?? ['minute', 60];
  return format.format(Math.round(seconds / size), unit);
}
