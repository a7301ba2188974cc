import { type CsvSeparator, separatorForLocale } from '../core/csv.js';
import { quoted } from '../core/shown.js';
import { usageError } from '../errors.js';
import { t } from '../i18n.js';
import type { Env } from '../world.js';

/** --csv-sep, else the one the user's spreadsheet expects in their locale (LC_ALL, LC_NUMERIC, LANG). */
export function csvSeparator(flag: string | undefined, env: Env): CsvSeparator {
  if (flag === undefined) return separatorForLocale(env.LC_ALL || env.LC_NUMERIC || env.LANG);
  if (flag === ',' || flag === ';') return flag;
  throw usageError(t('csv.badSeparator', { value: quoted(flag) }));
}
