import { type Action, type Lang, letterLanguages, type Target } from './action.js';
import type { Translate } from './i18n.js';

// What a person chose of a UA, decided once for compose, batch, a sheet's rows and show:
// which officials, in which language, and how the UA is named.

/** A target id as typed: UA files write them in lower case (the schema says so), so BOLUARTE is boluarte. */
export function targetId(typed: string): string {
  return typed.trim().toLowerCase();
}

/**
 * The targets these ids name, in the UA's order; "all" names every one, and no ids at all
 * means `fallback` (every target, unless a command chose fewer). `unknown`: the ids the UA
 * does not have, for the message that lists the ones it has.
 */
export function chooseTargets(
  action: Action,
  typed: readonly string[] | undefined,
  fallback: readonly Target[] = action.targets,
): { targets: Target[]; unknown: string[] } {
  if (!typed) return { targets: [...fallback], unknown: [] };
  const ids = typed.map(targetId);
  const unknown = ids.filter((id) => id !== 'all' && !action.targets.some((target) => target.id === id));
  const targets = ids.includes('all') ? action.targets : action.targets.filter((target) => ids.includes(target.id));
  return { targets, unknown };
}

/** The letter's language when none was asked for: the targets' preferred one if the UA has a letter in it, else English, else the first; undefined for a UA with no letter. */
export function defaultLanguage(action: Action): Lang | undefined {
  const languages = letterLanguages(action);
  if (languages.includes(action.languages.preferred)) return action.languages.preferred;
  return languages.includes('en') ? 'en' : languages[0];
}

/** A UA as its documents name it (a PDF's title, a print pack's): "UA 105.22: Peru: …". */
export function documentTitle(action: Pick<Action, 'id' | 'title'>): string {
  return `UA ${action.id}: ${action.title}`;
}

/**
 * A UA as the terminal heads it (ua show, ua compose), in the interface's words: "UA 105.22 —
 * Peru: … (Peru)"; Spanish and French write "AU" (Acción Urgente, Action urgente), as Amnesty does.
 */
export function headline(t: Translate, action: Pick<Action, 'id' | 'title' | 'country'>): string {
  return t('show.headline', { id: action.id, title: action.title, country: action.country });
}
