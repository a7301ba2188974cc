import type { Lang, Target } from './action.js';
import type { Locale } from './locale.js';

/** What the letters to a target in a language share, whoever signs them. */
export interface TargetParts {
  recipient: string[];
  closing: string;
  /** The subject and the body's paragraphs, unless the letter is a template (then each signer's own). */
  plain?: { subject: string; body: readonly string[] };
}

// A batch writes to the same few targets in the same few languages thousands of times: what
// their letters share is made once, for as long as the UA's target and the locale are in use.
const made = new WeakMap<Target, WeakMap<Locale, Map<Lang, TargetParts>>>();

/** The parts the letters to `target` in `lang` share: made by `make` the first time. */
export function targetParts(target: Target, locale: Locale, lang: Lang, make: () => TargetParts): TargetParts {
  let byLocale = made.get(target);
  if (byLocale === undefined) {
    byLocale = new WeakMap();
    made.set(target, byLocale);
  }
  let byLang = byLocale.get(locale);
  if (byLang === undefined) {
    byLang = new Map();
    byLocale.set(locale, byLang);
  }
  let parts = byLang.get(lang);
  if (parts === undefined) {
    parts = make();
    byLang.set(lang, parts);
  }
  return parts;
}
