import { t } from '../../i18n.js';
import { findDate } from './dates.js';
import { detectLanguage, languagesIn } from './languages.js';
import { findLetter, splitInline } from './letter.js';
import { normalise } from './normalise.js';
import { officialsIn } from './officials.js';
import { salutationsOf } from './salutations.js';
import { type FoundTarget, isContactBlock, type Line, parseTarget, type Warning } from './targets.js';
import { COPIES } from './vocabulary.js';

export type { Warning } from './targets.js';

/** What an Urgent Action document says, in the UA file's shape; never a value it does not hold. */
export interface Imported {
  data: Record<string, unknown>;
  warnings: Warning[];
  /** Paths of values that were worked out rather than read (a subject, a salutation): check them. */
  derived: Map<string, string>;
}

const HEADER =
  /^(further information on |this is the \w+ update of )?(urgent action( update)?|acci[oó]n urgente|action urgente|urgent action type and number|eilaktion)\b/i;
const ID =
  /\b(?:UA|AU|EA)(?:-Nr)?\s*[:-]?\s*(?:UA-)?0*(\d{1,4})\s*[./]\s*(?:20)?(\d{2})\b|\bUrgent Action\s+(\d{1,4})\.(\d{2})\b|\bua-0*(\d{1,4})-(?:20)?(\d{2})\b/i;
const FOLLOW_UP =
  /(further information on ua|this is the \w+ update of ua|urgent action update|\b(second|third|fourth|fifth) ua\b|informaci[oó]n complementaria sobre (la )?au|compl[ée]ment d'information sur l'au)/i;
const INDEX = /\b(?:Index|[ÍI]ndice)\s*:?\s*([A-Z]{3}\s*\d{2}\s*\/\s*\d{3,4}\s*\/\s*\d{4})|\b([A-Z]{3} \d{2}\/\d{3,4}\/\d{4})\b/;
const DEADLINE = /(until|before|deadline|expires|hasta el|hasta|antes del|jusqu'au|avant le|nach dem|bis zum|after)\b/i;
const BACKGROUND =
  /^(additional information|background information|informaci[oó]n adicional|informaci[oó]n complementaria|compl[ée]ment d'information|informations compl[ée]mentaires|zus[äa]tzliche informationen|hintergrund)\s*:?\s*$/i;
const SECTION_END =
  /^(preferred language|please take action|please send appeals|name and pronoun|link to previous|langue|nom, pr[ée]nom|idioma preferido|env[ií]en llamamientos|do not send appeals|appeal deadline)/i;
const BULLET = /^\s*(?:[◼■•▪●\-*–]|\d+[.)])\s+/;

export function extractAction(text: string): Imported {
  // Control characters (an ESC sequence, a NUL) are never a fact of the case: dropped first.
  const lines = splitInline(normalise(text));
  const warnings: Warning[] = [];
  const derived = new Map<string, string>();
  const data: Record<string, unknown> = {};
  const firstLine = lines.find((l) => l.text !== '')?.n ?? 1;

  // 1. Identity: id, index, title, country.
  const { id, title } = findIdentity(lines, data, warnings, firstLine);

  // 2. Dates, and what this UA follows.
  findDates(lines, data, warnings, firstLine, id);

  // 3. People, summary, languages.
  const subjects = findSubjects(lines);
  if (subjects.length > 0) data.subjects = subjects;
  const summary = findSummary(lines, title);
  if (summary) data.summary = summary;
  const languages = findLanguages(lines, warnings);

  // 4. What to do: the instructions, the targets, the letter or the requests.
  const takeAction = lines.find((line) => /^1\.\s*(write|escriba|écrivez)/i.test(line.text));
  if (takeAction) data.take_action = takeAction.text.replace(/^1\.\s*/, '');
  const letter = findLetter(lines);
  const targets = findTargets(letter ? [...lines.slice(0, letter.start), ...lines.slice(letter.end + 1)] : lines, warnings);
  const asks = letter ? [] : findAsks(lines);
  if (asks.length > 0) data.asks = asks;
  const documentLang = detectLanguage(lines.map((l) => l.text).join(' ')) ?? 'en';
  const letterLang = letter ? (detectLanguage(letter.body) ?? languages.preferred ?? documentLang) : undefined;
  if (!languages.preferred) languages.preferred = letterLang ?? documentLang;
  data.languages = { preferred: languages.preferred ?? 'en', ...(languages.also.length > 0 ? { also: languages.also } : {}), own_language_ok: languages.own };
  // Without a letter, salutations are in the document's own language.
  data.targets = targets.map((target, i) => targetData(target, i, letter, letterLang ?? documentLang, derived, warnings));
  if (targets.length === 0) warnings.push({ line: firstLine, path: 'targets', message: t('import.noTarget') });
  if (letter && letterLang) data.letters = letterData(letter.body, letterLang, id, title, derived);
  else if (asks.length === 0) warnings.push({ line: firstLine, path: 'letters', message: t('import.noLetter') });

  // 5. The rest: background, how to report.
  const background = findBackground(lines);
  if (background) data.background = background;
  const report = findReport(lines);
  if (report) data.report = { note: report };
  return { data: ordered(data), warnings: warnings.sort((a, b) => a.line - b.line), derived };
}

/** The letter in its language; documents have no subject line, so one is made (and marked). */
function letterData(body: string, lang: string, id: string | undefined, title: string | undefined, derived: Map<string, string>) {
  const label = lang === 'es' ? 'Acción Urgente' : lang === 'fr' ? 'Action urgente' : 'Urgent Action';
  const subject = `${label} ${id ?? ''}: ${title ?? ''}`.replace(/\s+:/, ':').trim();
  derived.set(`letters.${lang}.subject`, t('import.madeSubject'));
  return { [lang]: { subject, body: `${body}\n` } };
}

/** "Click here to let us know the actions you took…" → "Let us know the actions you took…" */
function findReport(lines: readonly Line[]): string | undefined {
  const line = lines.find((l) => /let us know the actions you took|report (your|the) actions/i.test(l.text));
  return line?.text
    .replace(/^\d+\.\s*/, '')
    .replace(/^click here to /i, '')
    .replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

function findIdentity(lines: readonly Line[], data: Record<string, unknown>, warnings: Warning[], firstLine: number): { id?: string; title?: string } {
  const idLine = lines.find((line) => ID.test(line.text));
  const idMatch = idLine ? ID.exec(idLine.text) : null;
  const id = idMatch ? `${Number(idMatch[1] ?? idMatch[3] ?? idMatch[5])}.${idMatch[2] ?? idMatch[4] ?? idMatch[6]}` : undefined;
  if (id) data.id = id;
  else warnings.push({ line: firstLine, path: 'id', message: t('import.noId') });
  const indexLine = lines.find((line) => INDEX.test(line.text));
  const index = indexLine ? INDEX.exec(indexLine.text) : null;
  if (index) data.index = (index[1] ?? index[2] ?? '').replace(/\s*\/\s*/g, '/').replace(/\s+/, ' ');
  const title = findTitle(lines, warnings);
  if (title) data.title = title;
  const country = findCountry(lines);
  if (country) data.country = country;
  else warnings.push({ line: firstLine, path: 'country', message: t('import.noCountry') });
  return { id, title };
}

function findDates(lines: readonly Line[], data: Record<string, unknown>, warnings: Warning[], firstLine: number, id: string | undefined): void {
  const deadline = findDeadline(lines);
  if (deadline) data.deadline = deadline.date;
  else warnings.push({ line: firstLine, path: 'deadline', message: t('import.noDeadline') });
  const dateLine = lines.find((line) => /\b(Date|Fecha|Datum)\s*:/i.test(line.text));
  const issued = dateLine ? findDate(dateLine.text) : undefined;
  if (issued) data.issued = issued;
  const afterDeadline = lines.find((line) => /check with the amnesty office|after the deadline/i.test(line.text) && !DEADLINE.test(line.text.slice(0, 12)));
  if (afterDeadline && afterDeadline !== deadline?.line) data.deadline_note = afterDeadline.text;
  const followUp = lines.find((line) => FOLLOW_UP.test(line.text));
  data.update_of = followUp && id ? id : null;
  if (followUp && id) warnings.push({ line: followUp.n, path: 'update_of', message: t('import.followUp', { id }) });
  const previous = lines.find((line) => /^link to previous ua\s*:/i.test(line.text));
  if (previous) data.previous = { title: previous.text.replace(/^link to previous ua\s*:\s*/i, '') };
}

function findTitle(lines: readonly Line[], warnings: Warning[]): string | undefined {
  const header = lines.findIndex((line) => HEADER.test(line.text));
  // "Urgent Action update: Land defenders jailed": web pages put the headline on the heading's line.
  const headline = /^[^:]{0,40}:\s*(\S.{10,118})$/.exec(lines[header]?.text ?? '')?.[1];
  if (headline && !ID.test(headline)) return sentenceCase(headline);
  const candidates = lines.slice(header + 1).filter((line) => line.text !== '' && !ID.test(line.text) && !INDEX.test(line.text) && line.text.length < 120);
  const line = candidates[0];
  if (!line) {
    warnings.push({ line: 1, path: 'title', message: t('import.noTitle') });
    return undefined;
  }
  return sentenceCase(line.text.replace(/\s+$/, ''));
}

/** "18 KILLED DURING PROTESTS" → "18 killed during protests"; mixed case is left alone. */
function sentenceCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const lower = text.toLowerCase();
  return lower.replace(/^\p{L}/u, (first) => first.toUpperCase());
}

const COUNTRIES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'Afghanistan',
    'Algeria',
    'Angola',
    'Argentina',
    'Azerbaijan',
    'Bahrain',
    'Bangladesh',
    'Belarus',
    'Bolivia',
    'Brazil',
    'Burundi',
    'Cambodia',
    'Cameroon',
    'Chad',
    'Chile',
    'China',
    'Colombia',
    'Cuba',
    'Democratic Republic of the Congo',
    'Ecuador',
    'Egypt',
    'El Salvador',
    'Equatorial Guinea',
    'Eritrea',
    'Ethiopia',
    'Gambia',
    'Georgia',
    'Guatemala',
    'Guinea',
    'Haiti',
    'Honduras',
    'Hong Kong',
    'India',
    'Indonesia',
    'Iran',
    'Iraq',
    'Israel',
    'Jamaica',
    'Japan',
    'Jordan',
    'Kazakhstan',
    'Kenya',
    'Kuwait',
    'Kyrgyzstan',
    'Laos',
    'Lebanon',
    'Libya',
    'Malaysia',
    'Mali',
    'Mauritania',
    'Mexico',
    'Morocco',
    'Mozambique',
    'Myanmar',
    'Nepal',
    'Nicaragua',
    'Niger',
    'Nigeria',
    'North Korea',
    'Oman',
    'Pakistan',
    'Palestine',
    'Panama',
    'Paraguay',
    'Peru',
    'Philippines',
    'Qatar',
    'Russia',
    'Rwanda',
    'Saudi Arabia',
    'Senegal',
    'Singapore',
    'Somalia',
    'South Africa',
    'South Korea',
    'South Sudan',
    'Sri Lanka',
    'Sudan',
    'Syria',
    'Taiwan',
    'Tajikistan',
    'Tanzania',
    'Thailand',
    'Tunisia',
    'Turkey',
    'Turkmenistan',
    'Uganda',
    'Ukraine',
    'United Arab Emirates',
    'United Kingdom',
    'USA',
    'United States',
    'Uruguay',
    'Uzbekistan',
    'Venezuela',
    'Viet Nam',
    'Vietnam',
    'Yemen',
    'Zambia',
    'Zimbabwe',
  ].map((name) => [name.toLowerCase(), name]),
);
const LOCAL_NAMES: Readonly<Record<string, string>> = {
  méxico: 'Mexico',
  mexique: 'Mexico',
  perú: 'Peru',
  pérou: 'Peru',
  brasil: 'Brazil',
  brésil: 'Brazil',
  chine: 'China',
  rusia: 'Russia',
  russie: 'Russia',
  egipto: 'Egypt',
  égypte: 'Egypt',
  tunisie: 'Tunisia',
  túnez: 'Tunisia',
  irán: 'Iran',
  turquía: 'Turkey',
  turquie: 'Turkey',
  'arabia saudí': 'Saudi Arabia',
  'arabie saoudite': 'Saudi Arabia',
  colombie: 'Colombia',
  'estados unidos': 'USA',
  'états-unis': 'USA',
  bolivie: 'Bolivia',
  équateur: 'Ecuador',
  guatémala: 'Guatemala',
  vénézuéla: 'Venezuela',
  cuba: 'Cuba',
  nicaragua: 'Nicaragua',
};

/** The country named most often in the document's first half (the case's country, not an embassy's). */
function findCountry(lines: readonly Line[]): string | undefined {
  const text = ` ${lines.map((l) => l.text).join(' ')} `.toLowerCase();
  const counts = new Map<string, { count: number; first: number }>();
  for (const [name, country] of [...Object.entries(COUNTRIES), ...Object.entries(LOCAL_NAMES)]) {
    const pattern = new RegExp(`[^\\p{L}]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\p{L}]`, 'gu');
    const matches = [...text.matchAll(pattern)];
    if (matches.length === 0) continue;
    const entry = counts.get(country) ?? { count: 0, first: Number.POSITIVE_INFINITY };
    counts.set(country, { count: entry.count + matches.length, first: Math.min(entry.first, matches[0]?.index ?? 0) });
  }
  return [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)[0]?.[0];
}

function findDeadline(lines: readonly Line[]): { date: string; line: Line } | undefined {
  for (const [i, line] of lines.entries()) {
    if (
      !DEADLINE.test(line.text) ||
      !/(action|appeal|llamamiento|appel|urgent|expire|apelaci|deadline|aktion|send|envoy|agir|actuar|handeln|schreiben)/i.test(line.text)
    )
      continue;
    const date = findDate(line.text) ?? findDate(lines[i + 1]?.text ?? '');
    if (date) return { date, line };
  }
  return undefined;
}

function findSubjects(lines: readonly Line[]): { name: string; pronouns?: string }[] {
  const line = lines.find((l) => /^(name and pronoun|nom, pr[ée]nom et pronom|nombre y pronombre)[^:]*:/i.test(l.text));
  if (!line) return [];
  const list = line.text.replace(/^[^:]*:\s*/, '');
  return list
    .split(/\s*[,;]\s*(?![^()]*\))|\s+(?:and|et|y)\s+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(part);
      return match ? { name: match[1] ?? part, pronouns: (match[2] ?? '').toLowerCase() } : { name: part };
    });
}

function findSummary(lines: readonly Line[], title: string | undefined): string | undefined {
  const start = title ? lines.findIndex((line) => line.text !== '' && sentenceCase(line.text).endsWith(title)) + 1 : 0;
  const paragraph: string[] = [];
  for (const line of lines.slice(start)) {
    if (line.text === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    if (/^(take action|act now|actúe|agissez|please write|what to do)/i.test(line.text)) break;
    // The UA number under a headline is identity, not summary; after the summary it ends it.
    if (ID.test(line.text) && line.text.length < 80) {
      if (paragraph.length > 0) break;
      continue;
    }
    if (line.text.length > 60 || paragraph.length > 0) paragraph.push(line.text);
  }
  return paragraph.length > 0 ? paragraph.join(' ') : undefined;
}

function findLanguages(lines: readonly Line[], warnings: Warning[]): { preferred?: string; also: string[]; own: boolean } {
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
  return { preferred: named[0], also: named.slice(1), own };
}

function findTargets(lines: readonly Line[], warnings: Warning[]): FoundTarget[] {
  const targets: FoundTarget[] = [];
  let copy = false;
  let block: Line[] = [];
  const flush = () => {
    // Sentences before a name ("2. Click here to let us know…") belong to the text, not the target.
    while (block.length > 0 && isProse(block[0]?.text ?? '')) block.shift();
    if (block.length > 0 && isContactBlock(block)) {
      for (const official of officialsIn(block)) {
        const target = parseTarget(official, copy, warnings);
        if (target) targets.push(target);
      }
    }
    block = [];
  };
  for (const line of lines) {
    if (COPIES.test(line.text)) {
      flush();
      copy = true;
      continue;
    }
    if (line.text === '' || BACKGROUND.test(line.text)) flush();
    else block.push(line);
  }
  flush();
  const seen = new Map<string, number>();
  for (const target of targets) {
    const count = (seen.get(target.id) ?? 0) + 1;
    seen.set(target.id, count);
    if (count > 1) target.id = `${target.id}-${count}`;
  }
  return targets;
}

/** A heading, a numbered instruction or a sentence: text around a contact block, not part of it. */
function isProse(text: string): boolean {
  // A page heading ("Urgent Action update: Land defenders jailed") is never a name.
  if (HEADER.test(text)) return true;
  if (/@|\b(Phone|Tel|Fax|E-?mail|Correo|Courriel)\s*:/i.test(text)) return false;
  return /^\d+\.\s/.test(text) || text.length > 90 || /:$/.test(text) || (text === text.toUpperCase() && /\p{L}{4}/u.test(text));
}

function findAsks(lines: readonly Line[]): string[] {
  const start = lines.findIndex((line) => /(please write|write immediately|escriban|écrivez|calling on|urging|bitte schreiben)/i.test(line.text));
  if (start < 0) return [];
  const asks: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (BULLET.test(line.text)) asks.push(line.text.replace(BULLET, '').trim());
    else if (line.text === '' && asks.length === 0) continue;
    else if (asks.length > 0 && line.text !== '' && !SECTION_END.test(line.text) && !/:$/.test(line.text) && line.text.length > 0 && /^\p{Ll}/u.test(line.text))
      asks[asks.length - 1] += ` ${line.text}`;
    else if (asks.length > 0) break;
  }
  return asks;
}

function findBackground(lines: readonly Line[]): string | undefined {
  const start = lines.findIndex((line) => BACKGROUND.test(line.text));
  if (start < 0) return undefined;
  const text: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (SECTION_END.test(line.text) || (DEADLINE.test(line.text.slice(0, 40)) && findDate(line.text))) break;
    text.push(line.text);
  }
  const paragraphs = text
    .join('\n')
    .split(/\n\s*\n|\n(?=\p{Lu})/u)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  return paragraphs.length > 0 ? `${paragraphs.join('\n\n')}\n` : undefined;
}

function targetData(
  target: FoundTarget,
  index: number,
  letter: ReturnType<typeof findLetter>,
  lang: string,
  derived: Map<string, string>,
  warnings: Warning[],
) {
  const salutation = salutationsOf(target, index, letter?.salutation, lang, derived, warnings);
  return {
    id: target.id,
    name: target.name,
    ...(target.title ? { title: target.title } : {}),
    ...(target.organisation ? { organisation: target.organisation } : {}),
    salutation,
    ...(target.address.length > 0 ? { address: target.address } : {}),
    ...(target.email.length > 0 ? { email: target.email } : {}),
    ...(target.phone.length > 0 ? { phone: target.phone } : {}),
    ...(target.fax.length > 0 ? { fax: target.fax } : {}),
    ...(Object.keys(target.social).length > 0 ? { social: target.social } : {}),
    ...(target.contact_form ? { contact_form: target.contact_form } : {}),
    ...(target.copy ? { copy: true } : {}),
  };
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
  'background',
  'report',
];

function ordered(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(ORDER.filter((key) => data[key] !== undefined).map((key) => [key, data[key]]));
}
