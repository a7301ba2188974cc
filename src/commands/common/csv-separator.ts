import type { Option } from 'commander';
import { type CsvSeparator, separatorForLocale } from '../../core/csv.js';
import type { Translate } from '../../core/i18n.js';
import { quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import type { Env } from '../../world.js';
import { parsedOption, placeholder } from '../declare.js';

/** `--csv-sep <char>`, for the commands that write CSV (batch, report): "," or ";", refused otherwise as it is read. */
export function csvSepOption(t: Translate): Option {
  return parsedOption(`--csv-sep ${placeholder(t, 'char')}`, t('cli.csvSep'), (text): CsvSeparator => {
    if (text === ',' || text === ';') return text;
    throw usageError(t('csv.badSeparator', { value: quoted(text) }));
  });
}

/** --csv-sep, else the one the user's spreadsheet expects in their locale (LC_ALL, LC_NUMERIC, LANG). */
export function csvSeparator(chosen: CsvSeparator | undefined, env: Env): CsvSeparator {
  return chosen ?? separatorForLocale(env.LC_ALL || env.LC_NUMERIC || env.LANG);
}
