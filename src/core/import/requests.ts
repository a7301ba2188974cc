import { BULLET, kindOf } from './classify.js';
import type { Line } from './normalise.js';
import { REQUESTS_INTRO, SECTION_END } from './vocabulary.js';

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

/** An intro is a short line of its own, not a bullet: "Calling on…" as a bullet is a request. */
function isIntro(text: string): boolean {
  return REQUESTS_INTRO.test(text) && text.length < 200 && kindOf(text) !== 'bullet';
}
