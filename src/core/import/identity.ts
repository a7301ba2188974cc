import type { Translate } from '../i18n.js';
import { countriesIn } from './country.js';
import { findDate } from './dates.js';
import type { Line } from './normalise.js';
import type { Warning } from './targets.js';

/** Section 1, identity: the UA's number, index and title, from the document's head (the country is country.ts's). */

const HEADER =
  /^(further information on |this is the \w+ update of )?(urgent action( update)?|acci[oó]n urgente|action urgente|urgent action type and number|eilaktion)\b/i;

// A date is not a number ("Urgent Action 14.03.2024" on a blog): what follows the year part must not be more of a date.
export const ID =
  /\b(?:UA|AU|EA)(?:-Nr)?\s*[:-]?\s*(?:UA-)?0*(\d{1,4})\s*[./]\s*(?:20)?(\d{2})\b(?![./]\d)|\bUrgent Action\s+(\d{1,4})\.(\d{2})\b(?![./]\d)|\bua-0*(\d{1,4})-(?:20)?(\d{2})\b/i;

const INDEX = /\b(?:Index|[ÍI]ndice)\s*:?\s*([A-Z]{3}\s*\d{2}\s*\/\s*\d{3,4}\s*\/\s*\d{4})|\b([A-Z]{3} \d{2}\/\d{3,4}\/\d{4})\b/;

export function findIdentity(
  t: Translate,
  lines: readonly Line[],
  data: Record<string, unknown>,
  warnings: Warning[],
  derived: Map<string, string>,
  firstLine: number,
): { id?: string; title?: string; idLine?: number; titleLine?: number } {
  const idLine = lines.find((line) => ID.test(line.text));
  const idMatch = idLine ? ID.exec(idLine.text) : null;
  const id = idMatch ? `${Number(idMatch[1] ?? idMatch[3] ?? idMatch[5])}.${idMatch[2] ?? idMatch[4] ?? idMatch[6]}` : undefined;
  if (id) data.id = id;
  else warnings.push({ line: firstLine, path: 'id', message: t('import.noId') });
  const indexLine = lines.find((line) => INDEX.test(line.text));
  const index = indexLine ? INDEX.exec(indexLine.text) : null;
  if (index) data.index = (index[1] ?? index[2] ?? '').replace(/\s*\/\s*/g, '/').replace(/\s+/, ' ');
  const found = findTitle(t, lines, warnings);
  const title = found?.value;
  if (found) data.title = found.value;
  // "JOURNALISTS KILLED IN MEXICO" written "Journalists killed in Mexico": the casing is worked out.
  if (found?.derived) {
    derived.set('title', t('import.madeCasing'));
    warnings.push({ line: found.line, path: 'title', message: t('import.capitals', { value: found.derived }) });
  }
  return { id, title, idLine: id ? idLine?.n : undefined, titleLine: found?.line };
}

const document = (lines: readonly Line[]) => lines.map((line) => line.text).join('\n');

/** An extractor's answer: the value, the line it was read from, and (when it was reworked) what the document wrote. */
export interface Found<T> {
  value: T;
  line: number;
  derived?: string;
}

function findTitle(t: Translate, lines: readonly Line[], warnings: Warning[]): Found<string> | undefined {
  const header = lines.findIndex((line) => HEADER.test(line.text));
  const cased = (text: string, line: number): Found<string> => {
    const value = sentenceCase(text, document(lines));
    return value === text ? { value, line } : { value, line, derived: text };
  };
  // "Urgent Action update: Land defenders jailed": web pages put the headline on the heading's line.
  const headline = /^[^:]{0,40}:\s*(\S.{10,118})$/.exec(lines[header]?.text ?? '')?.[1];
  if (headline && !ID.test(headline)) return cased(headline, lines[header]?.n ?? 1);
  const line = nearestHeading(lines, header);
  if (!line) {
    warnings.push({ line: 1, path: 'title', message: t('import.noTitle') });
    return undefined;
  }
  return cased(line.text.replace(/\s+$/, ''), line.n);
}

/**
 * The case's title: the short line nearest above the first paragraph of the case (past the
 * document's head: a blog's name, a site's menu, a "Posted on 14.03.2024", a date line), else the
 * first short line after the heading. Never a number, a date line, a label or a menu.
 */
function nearestHeading(lines: readonly Line[], header: number): Line | undefined {
  const from = header + 1;
  const candidate = (line: Line) =>
    line.text !== '' &&
    line.text.length < 120 &&
    !/[.!?]$/.test(line.text) &&
    // "MEXICO" alone under the headline is the country's line, not the case's title.
    countriesIn(line.text).join(' ').toLowerCase() !== line.text.toLowerCase() &&
    !ID.test(line.text) &&
    !INDEX.test(line.text) &&
    !/\s\|\s/.test(line.text) &&
    !/^[\p{L} ]{1,30}:/u.test(line.text) &&
    !(findDate(line.text) && line.text.length < 80) &&
    !/\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|^(posted|published|updated)\b/i.test(line.text);
  const paragraph = lines.findIndex((line, i) => i >= from && ((line.text.length > 60 && /[.!?]$/.test(line.text)) || line.text.length >= 120));
  const before = (paragraph < 0 ? [] : lines.slice(from, paragraph)).filter(candidate);
  return before[before.length - 1] ?? lines.slice(from).find(candidate);
}

/**
 * "JOURNALISTS KILLED IN MEXICO" → "Journalists killed in Mexico": lower case, but a word the
 * document writes capitalised in mid-sentence (a name, a place) keeps its capital. Mixed case
 * is left alone.
 */
export function sentenceCase(text: string, document = ''): string {
  if (text !== text.toUpperCase()) return text;
  const proper = new Set([...document.matchAll(/(?<=\p{Ll}[,;]?\s)\p{Lu}\p{Ll}+/gu)].map((m) => m[0]));
  return text
    .toLowerCase()
    .replace(/\p{L}+/gu, (word) => {
      const capital = word.replace(/^\p{L}/u, (first) => first.toUpperCase());
      return proper.has(capital) ? capital : word;
    })
    .replace(/^\p{L}/u, (first) => first.toUpperCase());
}
