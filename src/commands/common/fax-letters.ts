import type { Action, Target } from '../../core/action.js';
import type { Letter } from '../../core/compose.js';
import { type CalendarDate, formatDate } from '../../core/dates.js';
import { type FaxCover, faxCover, faxNumber } from '../../core/fax.js';
import type { Sender } from '../../core/fields.js';
import { type Translate, translator } from '../../core/i18n.js';
import { forTerminal } from '../../core/shown.js';
import { dataError } from '../../errors.js';
import { UI_LANGUAGES } from '../../generated/ui/index.js';
import { catalogueReader } from '../../io/catalogues.js';
import { loadLocale } from '../../io/repository.js';

/**
 * The targets a fax can go to: those with a number that can be dialled from abroad. Each other
 * one is named in a line (the letter to them is not lost: it is skipped here only); none at all
 * is bad input for `--format fax`, exit 2.
 */
export function faxTargets(t: Translate, action: Action, targets: readonly Target[], say: (text: string) => void): Target[] {
  const faxable = targets.filter((target) => faxNumber(action, target));
  for (const target of targets) if (!faxable.includes(target)) say(t('fax.skipped', { target: forTerminal(target.name) }));
  if (faxable.length === 0) throw dataError(t('fax.noneHasFax', { id: action.id }), t('fax.noneHasFaxHint'));
  return faxable;
}

/**
 * The cover of each letter's fax, in the letter's language: the catalogue's words in that
 * language (the interface's own words when ua speaks no such language), the day written as
 * the letter writes it.
 */
export function faxCovers(t: Translate, action: Action, today: CalendarDate): (letter: Letter, sender: Sender | null) => FaxCover {
  return (letter, sender) => {
    const target = action.targets.find((candidate) => candidate.id === letter.targetId);
    if (!target) throw new Error(`letter to ${letter.targetId}, who is not a target of UA ${action.id}`);
    return faxCover(wordsIn(t, letter.lang), action, target, letter, sender, formatDate(today, loadLocale(t, letter.lang)));
  };
}

const languages = new Map<string, Translate>();

/** The catalogue's words in a letter's language (the interface's own when ua speaks no such language). */
export function wordsIn(t: Translate, lang: string): Translate {
  let found = languages.get(lang);
  if (!found) {
    found = UI_LANGUAGES.includes(lang) ? translator(catalogueReader(lang)) : t;
    languages.set(lang, found);
  }
  return found;
}
