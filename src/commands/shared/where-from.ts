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

/** "3 hours ago", "hace 3 horas", "il y a 3 heures". */
export function ago(t: Translate, iso: string, now: Date): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(t('locale'), { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(seconds, 'second');
}
