import type { Line } from './normalise.js';
import { LABEL_WORDS_GLUED, SECTION_LABELS, wordsFor } from './vocabulary.js';

/**
 * Pass 1b: what typing and conversion did to the document, undone before anything is read.
 * Section labels misspelt ("ADDITONAL INFORMATON", "SAMPEL LETTER") are spelt as the tables
 * spell them; a label glued to the value before it ("ZambiaEmail:") gets its space back; a
 * section label and its first value on one line ("Additional information: She was…") become two
 * lines; words a PDF's conversion ran together ("wasarrested", "strike.She") are parted. Every
 * part keeps its line's number, for warnings.
 */
export function mend(lines: readonly Line[]): Line[] {
  const known = wordCounts(lines);
  return lines.flatMap((line) => splitLabelValue({ n: line.n, text: parted(unglued(spelt(line.text)), known) }));
}

// A word this long can be one or two letters off and still be the label ("INFORMATON"); a short one must be exact.
const tolerance = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

/** "PREFFERED LANGUAGE …" → "PREFERRED LANGUAGE …": the line's first words, when they are a label misspelt. */
export function spelt(text: string): string {
  if (text.length > 160) return text;
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], end: (m.index ?? 0) + m[0].length }));
  for (const label of SECTION_LABELS) {
    const edits = editsFrom(tokens, label, text);
    // Spelt right ("name and pronouns"): not made into a shorter label it is one letter from.
    if (edits === 0) return text;
    if (edits === undefined) continue;
    const words = label.split(' ');
    const last = tokens[words.length - 1] ?? { text: '', end: 0 };
    const punctuation = /[:.,]*$/.exec(last.text)?.[0] ?? '';
    const written = tokens[0]?.text ?? '';
    const cased = written === written.toUpperCase() ? label.toUpperCase() : label.replace(/^\p{L}/u, (c) => c.toUpperCase());
    return `${cased}${punctuation}${text.slice(last.end)}`;
  }
  return text;
}

/** How many letters the line's first words are from a label; undefined when they are not it. */
function editsFrom(tokens: readonly { text: string; end: number }[], label: string, text: string): number | undefined {
  const words = label.split(' ');
  if (tokens.length < words.length || (words.length === 1 && (words[0]?.length ?? 0) < 8)) return undefined;
  // A label ends its line, or a colon follows it, or it is written in capitals: not "Backgrounds are…" in prose.
  const last = tokens[words.length - 1] ?? { text: '', end: 0 };
  const heading = tokens.slice(0, words.length).every((token) => token.text === token.text.toUpperCase());
  if (!heading && !/^\s*:?\s*$/.test(text.slice(last.end)) && !/:$/.test(last.text) && !/^\s*:/.test(text.slice(last.end))) return undefined;
  let edits = 0;
  for (const [i, word] of words.entries()) {
    const distance = editDistance((tokens[i]?.text ?? '').replace(/[:.,]+$/, '').toLowerCase(), word);
    if (distance > tolerance(word)) return undefined;
    edits += distance;
  }
  return edits > 3 ? undefined : edits;
}

/** Optimal string alignment distance: a letter added, dropped, changed, or two swapped. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

/** "Lusaka 10101, ZambiaEmail:minister@…exampleFax:+260…" → "…, Zambia Email:minister@…example Fax:+260…". */
export function unglued(text: string): string {
  return text.replace(LABEL_WORDS_GLUED, ' ');
}

// "Additional information: She was…", "Take action: 1. Write…", "Sample letter: Dear Minister,": a heading and its first value.
const HEADING_AND_VALUE = new RegExp(
  `^((?:${wordsFor('background').concat(wordsFor('actions'), wordsFor('letterHeading')).join('|')})\\s*:)\\s*(\\S.*)$`,
  'iu',
);

function splitLabelValue(line: Line): Line[] {
  const match = HEADING_AND_VALUE.exec(line.text);
  if (!match) return [line];
  return [
    { n: line.n, text: match[1] ?? '' },
    { n: line.n, text: match[2] ?? '' },
  ];
}

const FIRST = new Set(wordsFor('joinedFirst'));
const LAST = new Set(wordsFor('joinedLast'));

/** How often each word stands alone in the document, in lower case: the evidence for parting a joined one. */
function wordCounts(lines: readonly Line[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const [word] of line.text.toLowerCase().matchAll(/(?<![\p{L}@./])\p{L}+(?![\p{L}@/])/gu)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** The words of a line, each parted when it is two the conversion ran together; addresses and links stay whole. */
export function parted(text: string, known: ReadonlyMap<string, number>): string {
  return text
    .split(' ')
    .map((token) => (/[@/\d]|www\./i.test(token) ? token : partedToken(token, known)))
    .join(' ');
}

function partedToken(token: string, known: ReadonlyMap<string, number>): string {
  // "strike.She" (a full stop without its space), "releaseMaya", "MEXICOJournalists".
  const cased = token
    .replace(/^(\p{Ll}{2,}[.;,])(\p{Lu}\p{Ll}+)/u, '$1 $2')
    .replace(/^(\p{Ll}{3,})(\p{Lu}\p{Ll}+)/u, '$1 $2')
    .replace(/^(\p{Lu}{3,})(\p{Lu}\p{Ll}{2,})/u, '$1 $2');
  if (cased !== token) return cased;
  const word = /^(\p{L}{7,})([.,;:!?]*)$/u.exec(token);
  if (!word || (known.get((word[1] ?? '').toLowerCase()) ?? 0) > 1) return token;
  const letters = word[1] ?? '';
  const lower = letters.toLowerCase();
  for (let at = 2; at <= lower.length - 2; at++) {
    const [a, b] = [lower.slice(0, at), lower.slice(at)];
    // "was"+"arrested": a small word that never begins a compound, and a word the document uses alone.
    const first = FIRST.has(a) && b.length >= 4 && known.has(b);
    const last = LAST.has(b) && a.length >= 4 && known.has(a);
    if (first || last) return `${letters.slice(0, at)} ${letters.slice(at)}${word[2] ?? ''}`;
  }
  return token;
}
