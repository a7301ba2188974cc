import { type Action, asksIn, type Lang } from './action.js';
import type { TemplateEngine } from './compose.js';
import { countryIn } from './countries.js';
import { fill, type Locale } from './locale.js';

/** Who is calling, as the script says it. */
export interface Caller {
  name: string;
  city: string;
}

/**
 * What a volunteer reads aloud on the phone, in `lang`: the UA's own call script, with the
 * caller's name and city filled in, or one built from its requests by the language's sentences
 * (templates/locales/<lang>.yaml: a greeting, what the call is about, the requests in one
 * sentence, a polite close). Undefined when neither exists in that language.
 */
export function callScript(action: Action, lang: Lang, caller: Caller, words: Locale | undefined, render: TemplateEngine): string | undefined {
  const own = action.call_script?.[lang];
  if (own !== undefined) return render(own, { sender: caller }).trim();
  const call = words?.call;
  const asks = asksIn(action, lang);
  if (!call || asks.length === 0) return undefined;
  return [
    fill(call.greeting, { name: caller.name, city: caller.city }),
    fill(call.about, { id: action.id, country: countryIn(action.country, lang) }),
    fill(call.asks, { asks: oneSentence(asks, lang) }),
    call.close,
  ].join(' ');
}

/**
 * The requests as one sentence's list: "seek dialogue …, use all available resources … and
 * collaborate …" (each as the UA writes it, begun in lower case and without its full stop),
 * joined as the language joins a list.
 */
function oneSentence(asks: readonly string[], lang: Lang): string {
  const items = asks.map((ask) => {
    const text = ask.trim().replace(/[.;]+$/, '');
    // "Seek dialogue" → "seek dialogue"; an acronym ("UN") keeps its capitals.
    return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  });
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
}

/** How many words a script has: what a person reads aloud in under a minute stays near 150. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
