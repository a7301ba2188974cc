import type { Action, Lang, Target } from '../../core/action.js';
import { chooseTargets } from '../../core/choose.js';
import type { Translate } from '../../core/i18n.js';
import { quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';

// What a batch's options choose: its letters' languages and targets, each checked against the UA.

/** The languages asked for with --lang: each must be one the UA has a letter in. */
export function checkLanguages(t: Translate, chosen: readonly string[], action: Action, languages: readonly Lang[]): Lang[] {
  const unknown = chosen.filter((code) => !languages.includes(code));
  if (unknown.length > 0)
    throw usageError(
      t('compose.noLetterIn', { id: action.id, lang: unknown.map((c) => quoted(c)).join(', ') }),
      t('compose.chooseLanguage', { languages: languages.join(', ') }),
    );
  return [...chosen];
}

/** -t: the targets named, or every one; an id the UA does not have is refused with the ones it has. */
export function targetsOf(t: Translate, action: Action, typed: readonly string[] | undefined): Target[] {
  const { targets, unknown } = chooseTargets(action, typed);
  if (unknown.length > 0)
    throw usageError(
      t('compose.noTarget', { id: action.id, targets: unknown.map((id) => quoted(id)).join(', ') }),
      t('compose.targets', { targets: action.targets.map((target) => target.id).join(', ') }),
    );
  return targets;
}
