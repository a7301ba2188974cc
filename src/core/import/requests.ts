import { BULLET, kindOf } from './classify.js';
import { findDate } from './dates.js';
import type { Line } from './normalise.js';
import { OWN_LANGUAGE, REQUESTS_INTRO, SECTION_END } from './vocabulary.js';

export interface Requests {
  asks: string[];
  /** The intro line and the last request, as indexes into the lines: the requests section. */
  start: number;
  end: number;
}

/**
 * The requests of a UA without a letter: the bullets (◼, •, -, 1.) under an intro in any table's
 * words ("Please write immediately…", "Bitte schreiben Sie…", "Escriban inmediatamente…"). A
 * bullet's wrapped lines (starting in lower case) join it; anything else ends the list.
 */
export function findRequests(lines: readonly Line[]): Requests | undefined {
  for (const [i, line] of lines.entries()) {
    if (!isIntro(line.text)) continue;
    // Bullets lost ("…: Calling on…;  Urging…") or never there (German, Spanish prose): the asks are the intro's own sentences.
    const inline = asksIn(line.text);
    if (inline.length > 0) return { asks: inline, start: i, end: i };
    const asks: string[] = [];
    let end = i;
    for (const [j, next] of lines.slice(i + 1).entries()) {
      const kind = kindOf(next.text);
      if (kind === 'bullet') asks.push(next.text.replace(BULLET, '').trim());
      else if (kind === 'blank' && asks.length === 0 && j === 0) continue;
      else if (asks.length > 0 && kind === 'prose' && /^\p{Ll}/u.test(next.text) && !SECTION_END.test(next.text)) asks[asks.length - 1] += ` ${next.text}`;
      else break;
      end = i + 1 + j;
    }
    if (asks.length > 0) return { asks, start: i, end };
  }
  return undefined;
}

/** An intro starts its line, is not a bullet ("Calling on…" as a bullet is a request), and is short unless it holds the asks. */
function isIntro(text: string): boolean {
  const intro = REQUESTS_INTRO.exec(text);
  return intro !== null && intro.index < 40 && kindOf(text) !== 'bullet' && (text.length < 200 || asksIn(text).length > 0);
}

// "…in English or your own language: Calling on…", "…en su propio idioma, pidiendo…", "…auf Englisch oder Deutsch: Ich fordere…"
const AFTER_INTRO = new RegExp(`^[^:]{0,160}?(?::\\s+|${OWN_LANGUAGE.source},\\s+)(\\S.*)$`, 'iu');
const AND = /^(?:and|y|e|et|und|en|ed)\s+/iu;

/**
 * The asks an intro line carries after its colon (or after "your own language,"): cut at each
 * semicolon, or at each sentence when there is none; an "and" that joined two is left out.
 * Two asks at least, each of some length: one sentence is an instruction, not a list.
 */
export function asksIn(text: string): string[] {
  const rest = AFTER_INTRO.exec(text)?.[1];
  if (!rest || findDate(rest)) return [];
  const parts = (rest.includes(';') ? rest.split(/(?<=;)\s+/) : rest.split(/(?<=\p{Ll}{2}[.!])\s+(?=\p{Lu})/u)).map((part, i) =>
    i === 0 ? part.trim() : part.trim().replace(AND, ''),
  );
  return parts.length >= 2 && parts.every((part) => part.length >= 15) ? parts : [];
}
