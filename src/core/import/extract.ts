import type { Translate } from '../i18n.js';
import { findBackground, findReport, findReportWhere } from './background.js';
import { classify } from './classify.js';
import { type FoundCountry, findCountry } from './country.js';
import { findIdentity } from './identity.js';
import { detectLanguage, findLanguages } from './languages.js';
import { splitInline } from './letter.js';
import { mend } from './mend.js';
import { normalise } from './normalise.js';
import { findSubjects, findSummary, findTakeAction } from './people.js';
import { linesOf, splitSections } from './sections.js';
import { sourcesOf } from './sources.js';
import { findTargets, targetData } from './target-blocks.js';
import type { Warning } from './targets.js';
import { findDates } from './when.js';

export type { Warning } from './targets.js';

/** What an Urgent Action document says, in the UA file's shape; never a value it does not hold. */
export interface Imported {
  data: Record<string, unknown>;
  warnings: Warning[];
  /** Paths of values that were worked out rather than read (a subject, a salutation): check them. */
  derived: Map<string, string>;
  /** The document's line each fact was read from ("targets[0].email[1]", "letters.en.body"), for the review. */
  sources: Map<string, number>;
}

export function extractAction(t: Translate, text: string): Imported {
  // Control characters (an ESC sequence, a NUL) are never a fact of the case: dropped first.
  // 1. Normalise, 2. classify, 3. split into sections (1 and 2 are passes of their own).
  const lines = classify(splitInline(mend(normalise(text))));
  const warnings: Warning[] = [];
  const derived = new Map<string, string>();
  const data: Record<string, unknown> = {};
  const firstLine = lines.find((l) => l.text !== '')?.n ?? 1;

  // 4. One extractor a section. Identity: id, index, title, country.
  const { id, title, idLine, titleLine } = findIdentity(t, lines, data, warnings, derived, firstLine);
  const sections = splitSections(lines, title);
  const { letter, requests } = sections;

  // Dates and what this UA follows: their labels are wherever a page puts them.
  const deadlineLine = findDates(t, lines, data, warnings, firstLine, id);

  // People, summary, languages.
  const subjects = findSubjects(lines);
  if (subjects.length > 0) data.subjects = subjects;
  const summary = findSummary(linesOf(lines, sections, 'summary'));
  if (summary) data.summary = summary;
  const languages = findLanguages(t, lines, warnings);

  // What to do: the instructions, the targets, the letter or the requests.
  const takeAction = findTakeAction(lines);
  if (takeAction) data.take_action = takeAction.text;
  const targets = findTargets(t, linesOf(lines, sections, 'targets'), warnings);
  const country = findCountry(lines, targets);
  countryOf(t, country, data, warnings, derived, firstLine);
  const asks = requests?.asks ?? [];
  if (asks.length > 0) data.asks = asks;
  const documentLang = detectLanguage(lines.map((l) => l.text).join(' ')) ?? 'en';
  const letterLang = letter ? (detectLanguage(letter.body) ?? languages.preferred ?? documentLang) : undefined;
  if (!languages.preferred) {
    // Not in the document: the letter's (or the document's) language stands in, and says so.
    languages.preferred = letterLang ?? documentLang;
    derived.set('languages.preferred', t('import.madePreferred'));
  }
  data.languages = { preferred: languages.preferred ?? 'en', ...(languages.also.length > 0 ? { also: languages.also } : {}), own_language_ok: languages.own };
  // Without a letter, salutations are in the document's own language.
  data.targets = targets.map((target, i) => targetData(t, target, i, letter, letterLang ?? documentLang, derived, warnings));
  if (targets.length === 0) warnings.push({ line: firstLine, path: 'targets', message: t('import.noTarget') });
  if (letter && letterLang)
    data.letters = letterData(t, { body: letter.body, line: lines[letter.start]?.n ?? firstLine }, letterLang, id, title, derived, warnings);
  else if (asks.length === 0) warnings.push({ line: firstLine, path: 'letters', message: t('import.noLetter') });

  findTheRest(lines, sections, data);
  // 5. Assembled in the UA file's order, warnings in the document's.
  const sources = sourcesOf(
    { id: idLine, title: titleLine, deadline: deadlineLine, country: country?.line, 'languages.preferred': languages.line },
    targets,
    lines,
    sections,
  );
  return { data: ordered(data), warnings: warnings.sort((a, b) => a.line - b.line), derived, sources };
}

const COUNTRY_FROM = {
  titles: 'import.countryFromTitles',
  addresses: 'import.countryFromAddresses',
  dateLine: 'import.countryFromDateLine',
  mentions: 'import.countryFromMentions',
} as const;

/** The country, marked as worked out unless the document states it on a line of its own. */
function countryOf(
  t: Translate,
  found: FoundCountry | undefined,
  data: Record<string, unknown>,
  warnings: Warning[],
  derived: Map<string, string>,
  firstLine: number,
) {
  if (!found) {
    warnings.push({ line: firstLine, path: 'country', message: t('import.noCountry') });
    return;
  }
  data.country = found.value;
  if (found.evidence === 'stated') return;
  const note = t(COUNTRY_FROM[found.evidence], { country: found.value });
  derived.set('country', note);
  warnings.push({ line: found.line, path: 'country', message: note });
}

/** The letter in its language; documents have no subject line, so one is made (and marked). */
function letterData(
  t: Translate,
  letter: { body: string; line: number },
  lang: string,
  id: string | undefined,
  title: string | undefined,
  derived: Map<string, string>,
  warnings: Warning[],
) {
  const label = lang === 'es' ? 'Acción Urgente' : lang === 'fr' ? 'Action urgente' : 'Urgent Action';
  const subject = `${label} ${id ?? ''}: ${title ?? ''}`.replace(/\s+:/, ':').trim();
  derived.set(`letters.${lang}.subject`, t('import.madeSubject'));
  warnings.push({ line: letter.line, path: `letters.${lang}.subject`, message: t('import.madeSubject') });
  return { [lang]: { subject, body: `${letter.body}\n` } };
}

const ORDER = [
  'id',
  'index',
  'title',
  'country',
  'issued',
  'deadline',
  'deadline_note',
  'update_of',
  'previous',
  'subjects',
  'summary',
  'languages',
  'take_action',
  'asks',
  'targets',
  'letters',
  'hashtags',
  'background',
  'report',
];

/** The rest: background, how to report, the hashtags to use. */
function findTheRest(lines: Parameters<typeof linesOf>[0], sections: Parameters<typeof linesOf>[1], data: Record<string, unknown>): void {
  const background = findBackground(linesOf(lines, sections, 'background'));
  if (background) data.background = background;
  const report = findReport(lines);
  const where = findReportWhere(lines);
  if (report) data.report = { ...where, note: report };
  const hashtags = findHashtags(lines.map((line) => line.text));
  if (hashtags.length > 0) data.hashtags = hashtags;
}

/**
 * The hashtags the document asks people to use ("Tweet them using #FreeAhmed"), in its order,
 * each once; not a # inside an address (https://x.org/#top) or after a word (C#, issue#4).
 */
export function findHashtags(texts: readonly string[]): string[] {
  const found = new Map<string, string>();
  for (const text of texts) {
    for (const [tag] of text.replace(/\bhttps?:\/\/\S+/g, ' ').matchAll(/(?<![\p{L}\p{N}_&#/])#[\p{L}_][\p{L}\p{N}_]+/gu)) {
      found.set(tag.toLowerCase(), found.get(tag.toLowerCase()) ?? tag);
    }
  }
  return [...found.values()];
}

function ordered(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(ORDER.filter((key) => data[key] !== undefined).map((key) => [key, data[key]]));
}
