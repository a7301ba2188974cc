import de from './vocabulary/de.json' with { type: 'json' };
import en from './vocabulary/en.json' with { type: 'json' };
import es from './vocabulary/es.json' with { type: 'json' };
import fr from './vocabulary/fr.json' with { type: 'json' };
import itTable from './vocabulary/it.json' with { type: 'json' };
import nl from './vocabulary/nl.json' with { type: 'json' };
import pt from './vocabulary/pt.json' with { type: 'json' };

/**
 * Each language's words, as data (one table a language in ./vocabulary/), compiled here once
 * into the patterns the passes use: adding a language is adding a table and a line below.
 */
export type Field = keyof (typeof en)['labels'];

/** The labels whose value is a handle on a network (target.social in the UA file). */
export const SOCIAL_FIELDS: ReadonlySet<Field> = new Set<Field>(['twitter', 'bluesky', 'mastodon', 'instagram', 'facebook']);
type ListKey = { [K in keyof typeof en]: (typeof en)[K] extends string[] ? K : never }[keyof typeof en];
export type Table = { [K in ListKey]: string[] } & {
  language: string;
  languageNames: Record<string, string>;
  months: string[][];
  labels: Record<Field, string[]>;
  derive: { template: string; fallback: string };
  subject: string;
};
export const TABLES: readonly Table[] = [en, es, fr, de, pt, itTable, nl];

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every language's words for one thing, longest first, so "copies to" wins over "copy". */
export const wordsFor = (key: ListKey): string[] => [...new Set(TABLES.flatMap((table) => table[key]))].sort((a, b) => b.length - a.length);
/** One alternation of words, whole words only (letters of any script count as word characters). */
export const alternation = (words: readonly string[]): string => `(?:${words.map((w) => escaped(w).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`;

const starting = (key: ListKey) => new RegExp(`^${alternation(wordsFor(key))}`, 'iu');
const anywhere = (key: ListKey) => new RegExp(`(?<![\\p{L}\\p{N}])${alternation(wordsFor(key))}`, 'iu');

export const HEADER = starting('header');
export const FOLLOW_UP = anywhere('followUp');
export const ACTIONS = starting('actions');
export const LETTER_HEADING = new RegExp(`^${alternation(wordsFor('letterHeading'))}\\s*:?`, 'iu');
export const REQUESTS_INTRO = anywhere('requestsIntro');
export const BACKGROUND = new RegExp(`^${alternation(wordsFor('background'))}\\s*:?\\s*$`, 'iu');
export const COPIES = starting('copies');
export const DEADLINE = anywhere('deadline');
export const DEADLINE_CONTEXT = new RegExp(wordsFor('deadlineContext').map(escaped).join('|'), 'iu');
export const PREFERRED = anywhere('preferredLanguage');
export const OWN_LANGUAGE = anywhere('ownLanguage');
export const SUBJECTS = new RegExp(`^${alternation(wordsFor('subjects'))}[^:]*:`, 'iu');
export const PREVIOUS = new RegExp(`^${alternation(wordsFor('previous'))}\\s*:\\s*`, 'iu');
export const REPORT = anywhere('report');
export const ISSUED = new RegExp(`(?<![\\p{L}])${alternation(wordsFor('issued'))}\\s*:`, 'iu');
export const SECTION_END = starting('sectionEnd');
export const SALUTATION = starting('salutations');
export const CLOSING = starting('closings');
// "page 1 of 2" in every language, and a bare "1/2".
const PAGES = wordsFor('pages').map((words) =>
  escaped(words)
    .replace(/\\\{[nm]\\\}|\{[nm]\}/g, '\\d+')
    .replace(/ /g, '\\s+'),
);
export const FURNITURE = new RegExp(`^(?:${alternation(wordsFor('furniture'))}|${PAGES.join('|')}|\\d+\\s*/\\s*\\d+)\\s*$`, 'iu');
export const TITLE = starting('titles');
// Inside a line, a title counts only capitalised ("Minister", not "the minister said"); with the i
// flag \p{Lu} would match any letter, so the first letter is spelt capital and the rest either case.
const capitalised = (word: string) =>
  escaped(word)
    .replace(/\p{L}/gu, (c, at: number) => (at === 0 ? c.toUpperCase() : `[${c.toLowerCase()}${c.toUpperCase()}]`))
    .replace(/ /g, '\\s+');
export const TITLE_ANYWHERE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${wordsFor('titles').map(capitalised).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
/** An email address as text, for patterns that hold one. */
export const EMAIL_TEXT = '[\\p{L}\\p{M}\\p{N}._%+-]+@[\\p{L}\\p{M}\\p{N}.-]+\\.\\p{L}[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}]';
export const ORGANISATION = starting('organisations');
// "Minister of Defence Avenida Central, Puerto Lindo": words that begin a street name begin an address.
export const STREET_START = new RegExp(`\\s(?=(?:${wordsFor('streets').map(capitalised).join('|')})\\s)`, 'u');
// "Minister of Justice Fairley Road, Lusaka": a word and a street type ("Road", "Avenue") begin an address.
export const STREET_END = new RegExp(`(?<![\\d,])\\s(?=\\p{Lu}\\p{Ll}+\\s+(?:${wordsFor('streetEnds').map(capitalised).join('|')})\\b)`, 'u');
export const HONORIFIC = new RegExp(`^(?:${alternation(wordsFor('honorifics'))}\\s*)+`, 'iu');
export const OF_WORDS = new RegExp(`\\s+${alternation(wordsFor('ofWords'))}\\s*`, 'iu');

/** Every label word, and which field it names ("Correo-e:" → email). */
const labelWords: [string, Field][] = TABLES.flatMap((table) =>
  Object.entries(table.labels).flatMap(([field, words]) => words.map((w): [string, Field] => [w, field as Field])),
);
labelWords.sort((a, b) => b[0].length - a[0].length);
const LABEL_OF = new Map(labelWords.map(([word, field]) => [word.toLowerCase(), field]));
const LABEL_WORDS = alternation(labelWords.map(([word]) => word));
/** "Phone: 202…" at the start of a line: the field, and where its value starts. */
export const LABEL = new RegExp(`^(${LABEL_WORDS})\\.?\\s*:\\s*`, 'iu');
/** Label words inside a line; a one-letter label ("X:") must be a capital, as pages write it. */
export const LABEL_INSIDE = new RegExp(`(?<![\\p{L}\\p{N}@/.])(${LABEL_WORDS})\\.?\\s*:(?!//)`, 'giu');

/** A label glued to the value before it ("ZambiaEmail:", "exampleFax:"): where a space goes back. */
export const LABEL_WORDS_GLUED = new RegExp(
  `(?<=[\\p{L}\\p{N}])(?=(?:${labelWords
    .map(([word]) => word)
    .filter((word) => word.length > 2)
    .map((word) =>
      escaped(word)
        .replace(/^\p{L}/u, (c) => c.toUpperCase())
        .replace(/ /g, '\\s+'),
    )
    .join('|')})\\.?\\s*:(?!//))`,
  'gu',
);

/** The section labels in every language, misspelt ones are mended to (pass 1b), longest first. */
export const SECTION_LABELS: readonly string[] = (
  ['header', 'letterHeading', 'background', 'sectionEnd', 'preferredLanguage', 'subjects', 'actions', 'copies', 'previous'] as const
)
  .flatMap((key) => wordsFor(key))
  .map((label) => label.toLowerCase())
  .sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length);

export function labelled(text: string): { field: Field; value: string } | undefined {
  const match = LABEL.exec(text);
  if (!match) return undefined;
  const field = LABEL_OF.get((match[1] ?? '').toLowerCase().replace(/\s+/g, ' '));
  return field ? { field, value: text.slice(match[0].length).trim() } : undefined;
}

/** Month names of every table to month numbers. */
export const MONTHS: Readonly<Record<string, number>> = Object.fromEntries(
  TABLES.flatMap((table) => table.months.flatMap((names, i) => names.map((name) => [name, i + 1]))),
);
/** Language names as documents write them, in every table's language, to ISO 639-1 codes. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = Object.assign({}, ...TABLES.map((table) => table.languageNames));
export const STOPWORDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(TABLES.map((table) => [table.language, table.stopwords]));
export const tableFor = (lang: string): Table | undefined => TABLES.find((table) => table.language === lang);
