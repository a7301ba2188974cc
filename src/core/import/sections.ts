import { findBackgroundRange } from './background.js';
import type { Classified } from './classify.js';
import { type FoundLetter, findLetter } from './letter.js';
import { findSummaryRange } from './people.js';
import { findRequests, type Requests } from './requests.js';
import { ACTIONS } from './vocabulary.js';

export type SectionKind = 'identity' | 'summary' | 'actions' | 'targets' | 'letter' | 'requests' | 'background';
/** A part of the document: lines start to end (indexes, both included). */
export interface Section {
  kind: SectionKind;
  start: number;
  end: number;
}
export interface Sections {
  list: Section[];
  letter?: FoundLetter;
  requests?: Requests;
}

/**
 * Pass 3: the document split once into its sections. The letter, the requests, the background
 * and the summary are found by their own marks; the head before the summary is identity; what
 * is left, outside every other section, is where the contact blocks are (so a sentence of the
 * letter or the background is never read as an official).
 */
export function splitSections(lines: readonly Classified[], title: string | undefined): Sections {
  const list: Section[] = [];
  const letter = findLetter(lines);
  if (letter) list.push({ kind: 'letter', start: letter.start, end: letter.end });
  const requests = letter ? undefined : findRequests(lines);
  if (requests) list.push({ kind: 'requests', start: requests.start, end: requests.end });
  const background = findBackgroundRange(lines);
  if (background) list.push({ kind: 'background', ...background });
  const summary = findSummaryRange(lines, title);
  if (summary) list.push({ kind: 'summary', ...summary }, { kind: 'identity', start: 0, end: summary.start - 1 });
  const actions = lines.findIndex((line) => ACTIONS.test(line.text));
  if (actions >= 0) list.push({ kind: 'actions', start: actions, end: actions });
  let start = -1;
  for (const [i] of lines.entries()) {
    const claimed = list.some((s) => s.kind !== 'targets' && s.kind !== 'actions' && i >= s.start && i <= s.end);
    if (!claimed && start < 0) start = i;
    if ((claimed || i === lines.length - 1) && start >= 0) {
      list.push({ kind: 'targets', start, end: claimed ? i - 1 : i });
      start = -1;
    }
  }
  return { list: list.sort((a, b) => a.start - b.start), letter, requests };
}

/** The lines of every section of a kind, a blank line between sections. */
export function linesOf<T extends { text: string; n: number }>(lines: readonly T[], sections: Sections, kind: SectionKind): T[] {
  return sections.list.filter((s) => s.kind === kind).flatMap((s) => [...lines.slice(s.start, s.end + 1), { ...(lines[s.end] as T), text: '' }]);
}
