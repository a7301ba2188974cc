import type { Line } from './normalise.js';
import {
  EMAIL_TEXT,
  type Field,
  LABEL_INSIDE,
  labelled,
  OF_WORDS,
  ORGANISATION,
  SOCIAL_FIELDS,
  STREET_END,
  STREET_START,
  TITLE_ANYWHERE,
} from './vocabulary.js';

// Copies only ever used with matchAll (which leaves lastIndex alone) or without the g flag: the
// shared patterns' lastIndex is moved by other passes' test() calls.
const LABELS = new RegExp(LABEL_INSIDE.source, LABEL_INSIDE.flags);
const TITLES = new RegExp(TITLE_ANYWHERE.source, TITLE_ANYWHERE.flags);
const TITLE = new RegExp(TITLE_ANYWHERE.source, 'u');
// "Embassy of Norland", "Ministry of Justice": an organisation starts a line; "the National Police" does not.
const ORGANISATION_START = new RegExp(`\\s(?=${ORGANISATION.source.slice(1)}${OF_WORDS.source})`, ORGANISATION.flags);
// "Deputy Minister", "Secretary General": two title words that are one title.
const ONE_TITLE = /^(?:Deputy|Vice|Assistant|Under|Acting|Vize|Vice-)$|^General[ae]?$/iu;

/**
 * Pass 4a for contact blocks: one block as officials, each a list of lines holding one field.
 * Web pages flatten two or three officials onto one line ("Minister A Minister of X 5 Main St,
 * Onhava 1001 Zembla Ambassador B Embassy of Zembla … Phone: … Salutation: Dear Ambassador");
 * an official starts at a title word after an address has ended, or at a name or title after
 * the previous official's labels. A salutation must never travel to the next official.
 */
export function officialsIn(block: readonly Line[]): Line[][] {
  const officials: Line[][] = [[]];
  const current = () => officials[officials.length - 1] as Line[];
  let labelSeen = false;
  for (const line of block) {
    for (const piece of pieces(line)) {
      const starts = piece.starts || (labelSeen && !piece.label && beginsOfficial(piece.text));
      if (starts && current().length > 0) {
        officials.push([]);
        labelSeen = false;
      }
      current().push({ n: line.n, text: piece.text });
      if (piece.label) labelSeen = true;
    }
  }
  return officials.filter((official) => official.length > 0);
}

interface Piece {
  text: string;
  label: boolean;
  /** A title word after an address: the first line of another official. */
  starts: boolean;
}

/** A line cut at its labels; each label's value cut where its type ends; the rest spread out. */
function pieces(line: Line): Piece[] {
  const starts = [...line.text.matchAll(LABELS)].map((m) => m.index ?? 0);
  if (starts.length === 0) return [{ text: line.text, label: false, starts: false }];
  const flattened = starts[0] !== 0 || starts.length > 1;
  const out: Piece[] = [];
  const before = line.text.slice(0, starts[0]).trim();
  if (before) out.push(...spread(before, flattened));
  for (const [i, start] of starts.entries()) {
    const segment = line.text.slice(start, starts[i + 1] ?? line.text.length).trim();
    const [value, rest] = cut(segment);
    // What follows a value is another official only when it reads as one; a note stays with its value.
    if (rest && flattened && beginsOfficial(rest)) out.push({ text: value, label: true, starts: false }, ...spread(rest, true, true));
    else out.push({ text: segment, label: true, starts: false });
  }
  return out;
}

/** "Minister A Minister of X 5 Main St, Onhava 1001 Zembla Ambassador B Embassy of Zembla …" as lines. */
function spread(text: string, flattened: boolean, first = false): Piece[] {
  if (!flattened) return [{ text, label: false, starts: first }];
  const out: Piece[] = [];
  let from = 0;
  let starts = first;
  for (const at of [...boundaries(text), text.length]) {
    const part = text.slice(from, at).trim();
    if (part) {
      out.push(...lines(part).map((line, i) => ({ text: line, label: false, starts: starts && i === 0 })));
    }
    from = at;
    starts = true;
  }
  return out;
}

// An address ends in a postcode, perhaps followed by a town or a country ("1001, Zembla").
const ADDRESS_END = /\d{3,}[\s,]*(?:\p{Lu}[\p{L}.'’-]*[\s,]*){0,3}$/u;

/** Where, in a run of plain text, the next official's title starts: right after an address. */
function boundaries(text: string): number[] {
  return [...text.matchAll(TITLES)].map((m) => m.index ?? 0).filter((at) => at > 0 && ADDRESS_END.test(text.slice(0, at)));
}

/** One official's plain run as lines: who, the organisation, the street address. */
function lines(text: string): string[] {
  return text
    .replace(ORGANISATION_START, '\n')
    .replace(STREET_START, '\n')
    .replace(STREET_END, '\n')
    .replace(/\s(?=\d{1,5}[A-Za-z]?\s+\p{Lu})/u, '\n')
    .replace(/^(\S.*?\p{Ll})\s+(?=\p{Lu}[\p{L}-]*\s+(?:of|for|de|del|du|des)\s)/u, (name, _head, offset: number) =>
      offset === 0 && titledName(name) ? `${name}\n` : name,
    )
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** "Minister Ana Ruiz": a title and a name, so what follows ("Minister of the Interior") is a line of its own. */
function titledName(text: string): boolean {
  const title = TITLE.exec(text);
  return title?.index === 0 && text.slice(title[0].length).trim().split(/\s+/).length >= 2;
}

/** A title word first, or a few capitalised words then a title word: someone, not a note. */
function beginsOfficial(text: string): boolean {
  const title = TITLE.exec(text);
  if (!title) return false;
  return title.index === 0 || /^(?:\p{Lu}[\p{L}.'’-]*\s+){2,4}$/u.test(text.slice(0, title.index));
}

const PHONE = /^[+(\d][\d\s()./-]*\d(?:\s*(?:ext\.?|x)\s*\d+)?(?:\s*\([^)]{1,40}\))?(?:\s*[,;]\s*[+(\d][\d\s()./-]*\d)*/iu;
const EMAILS = new RegExp(`^${EMAIL_TEXT}(?:\\s*(?:[,;/]|and|or|y|o|et|ou|und)?\\s*${EMAIL_TEXT})*`, 'iu');
const HANDLES = /^\S+(?:\s*[/,]\s*@\S+)*/u;

/** A labelled segment as its value and what follows it: an email ends at whitespace, a phone at its digits. */
function cut(segment: string): [string, string] {
  const found = labelled(segment);
  if (!found) return [segment, ''];
  const label = segment.slice(0, segment.length - found.value.length);
  const end = valueEnd(found.field, found.value);
  return [`${label}${found.value.slice(0, end)}`.trim(), found.value.slice(end).trim()];
}

function valueEnd(field: string, value: string): number {
  if (field === 'phone' || field === 'fax') return PHONE.exec(value)?.[0].length ?? value.length;
  if (field === 'email') return EMAILS.exec(value)?.[0].length ?? value.split(/\s/)[0]?.length ?? 0;
  if (SOCIAL_FIELDS.has(field as Field)) return HANDLES.exec(value)?.[0].length ?? value.length;
  if (field === 'contact_form') return value.split(/\s/)[0]?.length ?? 0;
  if (field === 'salutation') return salutationEnd(value);
  return value.length;
}

/**
 * "Dear Ambassador Chief Ana Ruiz …": a salutation names one title ("Secretary General" is one,
 * adjacent words; "Dear Minister/Estimado Señor Secretario" is one, bilingual); the next title
 * word is the next official's.
 */
export function salutationEnd(value: string): number {
  let previousEnd = -1;
  let previous = '';
  let own = 0;
  for (const match of value.matchAll(TITLES)) {
    const at = match.index ?? 0;
    const joined = previousEnd >= 0 && /^[\s-]*$/.test(value.slice(previousEnd, at)) && (ONE_TITLE.test(previous) || ONE_TITLE.test(match[0]));
    const bilingual = previousEnd >= 0 && value.slice(previousEnd, at).includes('/');
    if (own > 0 && !joined && !bilingual) return at;
    own++;
    previous = match[0];
    previousEnd = at + match[0].length;
  }
  return value.length;
}
