/** Language names as documents write them, in several languages, to ISO 639-1 codes. */
const NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  inglés: 'en',
  ingles: 'en',
  anglais: 'en',
  englisch: 'en',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  castellano: 'es',
  espagnol: 'es',
  spanisch: 'es',
  french: 'fr',
  francés: 'fr',
  frances: 'fr',
  français: 'fr',
  francais: 'fr',
  französisch: 'fr',
  german: 'de',
  alemán: 'de',
  allemand: 'de',
  deutsch: 'de',
  portuguese: 'pt',
  portugués: 'pt',
  portugais: 'pt',
  arabic: 'ar',
  árabe: 'ar',
  arabe: 'ar',
  arabisch: 'ar',
  chinese: 'zh',
  mandarin: 'zh',
  chino: 'zh',
  chinois: 'zh',
  russian: 'ru',
  ruso: 'ru',
  russe: 'ru',
  turkish: 'tr',
  persian: 'fa',
  farsi: 'fa',
  japanese: 'ja',
  korean: 'ko',
  vietnamese: 'vi',
  thai: 'th',
  indonesian: 'id',
  italian: 'it',
  italiano: 'it',
  italien: 'it',
};

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

const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'to', 'of', 'you', 'that', 'for', 'with', 'urge', 'this', 'are', 'have'],
  es: ['el', 'la', 'de', 'que', 'y', 'los', 'las', 'del', 'por', 'para', 'usted', 'con', 'una'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'que', 'vous', 'pour', 'dans', 'une', 'est', 'du'],
  de: ['der', 'die', 'das', 'und', 'ich', 'sie', 'nicht', 'mit', 'von', 'zu', 'den', 'ist', 'ein'],
};

/** The language a text is written in, by its commonest small words; undefined when unclear. */
export function detectLanguage(text: string): string | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return undefined;
  const scores = Object.entries(STOPWORDS).map(([code, list]) => ({ code, score: words.filter((w) => list.includes(w)).length }));
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  return best && best.score >= 3 && best.score > (second?.score ?? 0) * 1.3 ? best.code : undefined;
}
