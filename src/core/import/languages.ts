import { LANGUAGE_NAMES as NAMES, STOPWORDS } from './vocabulary.js';

/** The language codes named in a text, in the order they appear ("Spanish", "español", "français"). */
export function languagesIn(text: string): string[] {
  const found: { code: string; at: number }[] = [];
  const lower = text.toLowerCase();
  for (const [name, code] of Object.entries(NAMES)) {
    const match = new RegExp(`(^|[^\\p{L}])${name}([^\\p{L}]|$)`, 'u').exec(lower);
    if (match) found.push({ code, at: match.index });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.code))];
}

/** The language a text is written in, by its commonest small words; undefined when unclear. */
export function detectLanguage(text: string): string | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return undefined;
  const scores = Object.entries(STOPWORDS).map(([code, list]) => ({ code, score: words.filter((w) => list.includes(w)).length }));
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  return best && best.score >= 3 && best.score > (second?.score ?? 0) * 1.3 ? best.code : undefined;
}
