import type { Translate } from '../i18n.js';
import type { Line } from './normalise.js';
import type { Warning } from './targets.js';
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

export function findLanguages(t: Translate, lines: readonly Line[], warnings: Warning[]): { preferred?: string; also: string[]; own: boolean; line?: number } {
  const line = lines.find((l) =>
    /(preferred language|langue\(s\) à privil[ée]gier|idioma preferido|write (immediately )?in|escriban (inmediatamente)?,? en|écrivez en|écrivez,? en|schreiben sie,? auf)/i.test(
      l.text,
    ),
  );
  const own = lines.some((l) => /(your own language|su propio idioma|votre propre langue|eigenen sprache)/i.test(l.text));
  if (!line) {
    warnings.push({
      line: 1,
      path: 'languages.preferred',
      message: t('import.noPreferred'),
    });
    return { also: [], own };
  }
  const named = languagesIn(line.text.replace(/^[^:]*(preferred language|privil[ée]gier|preferido)[^:]*:/i, ''));
  return { preferred: named[0], also: named.slice(1), own, line: named[0] ? line.n : undefined };
}
