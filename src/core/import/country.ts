import { countryCode, countryIn } from '../countries.js';
import { findDate } from './dates.js';
import type { Line } from './normalise.js';
import type { FoundTarget } from './targets.js';
import countries from './vocabulary/countries.json' with { type: 'json' };

/** Where a country was read: stated outright, or worked out (and so marked) from weaker evidence. */
export type CountryEvidence = 'stated' | 'titles' | 'addresses' | 'dateLine' | 'mentions';
export interface FoundCountry {
  value: string;
  evidence: CountryEvidence;
  line: number;
}

const NAMES: Readonly<Record<string, string>> = Object.fromEntries([
  ...countries.names.map((name) => [name.toLowerCase(), name]),
  ...Object.entries(countries.localNames),
]);
const STATED = /^(?:country|countries|país|pays|land|paese)\s*:\s*(\S.*)$/iu;

/**
 * The case's country, from the strongest evidence the document holds: a "Country:" line, then
 * the officials' titles and offices ("Minister of Education of Cambodia", "Embassy of Peru"),
 * then the addresses of the officials written to (not the copies, often embassies abroad), then
 * the date line ("Colombo, Sri Lanka, 21 August 2024"), then the country named most.
 */
export function findCountry(lines: readonly Line[], targets: readonly FoundTarget[]): FoundCountry | undefined {
  for (const line of lines) {
    const stated = STATED.exec(line.text)?.[1];
    const value = stated ? countriesIn(stated)[0] : undefined;
    if (value) return { value, evidence: 'stated', line: line.n };
  }
  const officials = targets.filter((target) => !target.copy);
  return (
    mostNamed(
      'titles',
      targets.map((target) => ({ n: target.line, text: `${target.title ?? ''} ${target.organisation ?? ''}` })),
    ) ??
    mostNamed(
      'addresses',
      officials.map((target) => ({ n: target.line, text: target.address.join(' ') })),
    ) ??
    mostNamed(
      'dateLine',
      lines.filter((line) => line.text.length < 100 && findDate(line.text)),
    ) ??
    mostNamed('mentions', lines)
  );
}

/** The country most of these lines name (the first named, of equals), with the first line naming it. */
function mostNamed(evidence: CountryEvidence, lines: readonly Line[]): FoundCountry | undefined {
  const votes = new Map<string, { count: number; line: number }>();
  for (const line of lines) {
    for (const value of evidence === 'mentions' ? listed(line.text) : countriesIn(line.text)) {
      const vote = votes.get(value) ?? { count: 0, line: line.n };
      votes.set(value, { count: vote.count + 1, line: vote.line });
    }
  }
  const [best] = [...votes.entries()].sort((a, b) => b[1].count - a[1].count);
  return best ? { value: best[0], evidence, line: best[1].line } : undefined;
}

/** Every mention of a country of the table (the old count, for a document that says it nowhere else). */
function listed(text: string): string[] {
  const lower = ` ${text.toLowerCase()} `;
  return Object.entries(NAMES).flatMap(([name, country]) => {
    const pattern = new RegExp(`[^\\p{L}]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[^\\p{L}])`, 'gu');
    return [...lower.matchAll(pattern)].map(() => country);
  });
}

/**
 * The countries a short text names, in its order: the table's names, or any name Node's ICU
 * data knows in English, Spanish or French ("Sri Lanka", "Perú", "Zambie"); runs of up to four
 * words, never a two-letter code ("IN", "TO") nor a word in lower case.
 */
export function countriesIn(text: string): string[] {
  const words = text.match(/[\p{L}'’-]+/gu) ?? [];
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let size = Math.min(4, words.length - i); size >= 1; size--) {
      const run = words.slice(i, i + size);
      if (!/^\p{Lu}/u.test(run[0] ?? '') || !/^\p{Lu}/u.test(run[run.length - 1] ?? '')) continue;
      const name = run.join(' ');
      const value = NAMES[name.toLowerCase()] ?? (name.length > 3 && countryCode(name) ? countryIn(name, 'en') : undefined);
      if (!value) continue;
      found.push(value);
      i += size - 1;
      break;
    }
  }
  return [...new Set(found)];
}
