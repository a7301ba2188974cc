import { kindOf } from './classify.js';
import { ID, sentenceCase } from './identity.js';
import type { Line } from './normalise.js';
import { ACTIONS, SUBJECTS } from './vocabulary.js';

/** Section 2, summary: the people the UA is about, and the paragraph that says what happened. */

/**
 * The people concerned, as the document's own field names them ("NAME AND PRONOUN:", "People
 * concerned:", "NOM, PRÉNOM ET PRONOM À UTILISER :", "Name und Pronomen:"), each with the pronouns
 * it states in brackets; the field's value may be on the next line. Never a name from prose.
 */
export function findSubjects(lines: readonly Line[]): { name: string; pronouns?: string }[] {
  const at = lines.findIndex((l) => SUBJECTS.test(l.text));
  if (at < 0) return [];
  const own = (lines[at]?.text ?? '').replace(/^[^:]*:\s*/, '');
  const list = own || (kindOf(lines[at + 1]?.text ?? '') === 'prose' ? (lines[at + 1]?.text ?? '') : '');
  return list
    .split(/\s*[,;]\s*(?![^()]*\))|\s+(?:and|et|y)\s+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(part);
      return match ? { name: match[1] ?? part, pronouns: (match[2] ?? '').toLowerCase() } : { name: part };
    });
}

/** The first paragraph after the title, starting at a line of more than 60 characters. */
export function findSummaryRange(lines: readonly Line[], title: string | undefined): { start: number; end: number } | undefined {
  const from = title ? lines.findIndex((line) => line.text !== '' && sentenceCase(line.text).toLowerCase().endsWith(title.toLowerCase())) + 1 : 0;
  let start = -1;
  let end = -1;
  for (let i = from; i < lines.length; i++) {
    const step = summaryStep(lines[i]?.text ?? '', start >= 0);
    if (step === 'stop') break;
    if (step === 'skip') continue;
    if (start < 0) start = i;
    end = i;
  }
  return start >= 0 ? { start, end } : undefined;
}

/** What one line does to the summary being read: ends it, is passed over, or is part of it. */
function summaryStep(text: string, inside: boolean): 'stop' | 'skip' | 'take' {
  if (/^(take action|act now|actúe|agissez|please write|what to do)/i.test(text)) return 'stop';
  // A blank line or the UA number under a headline ends the summary, or is passed before it.
  if (text === '' || (ID.test(text) && text.length < 80)) return inside ? 'stop' : 'skip';
  // A heading, a label or an address ends it: pages often leave no blank line before a contact block.
  if (inside && !['prose', 'bullet'].includes(kindOf(text))) return 'stop';
  return inside || text.length > 60 ? 'take' : 'skip';
}

export function findSummary(section: readonly Line[]): string | undefined {
  const text = section.map((line) => line.text).filter(Boolean);
  return text.length > 0 ? text.join(' ') : undefined;
}

/**
 * What the document tells the reader to do: the first instruction under its "TAKE ACTION" /
 * "AGISSEZ" / "ACTÚE" heading ("1. Write a letter…", its number left out), else a numbered
 * "1. Write…" line anywhere; undefined when there is none.
 */
export function findTakeAction(lines: readonly Line[]): { text: string; line: number } | undefined {
  const heading = lines.findIndex((line) => ACTIONS.test(line.text) && line.text.replace(ACTIONS, '').replace(/[\s:]/g, '') === '');
  const next = heading >= 0 ? lines.slice(heading + 1, heading + 3).find((line) => line.text !== '') : undefined;
  const line = next && ['prose', 'bullet'].includes(kindOf(next.text)) ? next : lines.find((l) => /^1\.\s*(write|escriba|écrivez|schreiben)/i.test(l.text));
  return line ? { text: line.text.replace(/^\d+\.\s*/, ''), line: line.n } : undefined;
}
