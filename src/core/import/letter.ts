import type { Line } from './normalise.js';
import { CLOSING, LETTER_HEADING, SALUTATION } from './vocabulary.js';

export interface FoundLetter {
  start: number;
  end: number;
  salutation?: string;
  body: string;
}

// "Dear Minister Ana Ruiz," up to its comma (or a colon, as Spanish writes it), then the letter.
const INLINE = new RegExp(`^(${SALUTATION.source.slice(1)}[^,:.!?]{0,70}[,:])\\s+(\\S.*)$`, 'iu');

/**
 * Pages often run the heading, the salutation and the first sentence onto one line ("SAMPLE
 * LETTER Dear Minister Ruiz, I am writing…"): each becomes a line of its own, on the same
 * line number, before the letter is looked for.
 */
export function splitInline(lines: readonly Line[]): Line[] {
  return lines.flatMap((line) => {
    const heading = LETTER_HEADING.exec(line.text);
    const rest =
      heading && heading[0].length < line.text.length && SALUTATION.test(line.text.slice(heading[0].length).trim())
        ? line.text.slice(heading[0].length).trim()
        : line.text;
    const parts: Line[] = rest === line.text ? [] : [{ n: line.n, text: line.text.slice(0, line.text.length - rest.length).trim() }];
    const inline = INLINE.exec(rest);
    if (inline) parts.push({ n: line.n, text: inline[1] ?? '' }, { n: line.n, text: inline[2] ?? '' });
    else parts.push({ n: line.n, text: rest });
    return parts;
  });
}

/** The sample letter: from its salutation (or its heading, when it has none) to its closing. */
export function findLetter(lines: readonly Line[]): FoundLetter | undefined {
  const closingWithin = (i: number) => lines.slice(i + 1, i + 40).some((l) => CLOSING.test(l.text));
  let start = lines.findIndex((line, i) => SALUTATION.test(line.text) && /[,:!]$/.test(line.text) && line.text.length < 90 && closingWithin(i));
  let salutation = lines[start]?.text;
  if (start < 0) {
    // A letter without a salutation line: its heading, then prose up to a closing.
    start = lines.findIndex((line, i) => LETTER_HEADING.test(line.text) && line.text.length < 40 && closingWithin(i));
    salutation = undefined;
  }
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && CLOSING.test(line.text));
  const paragraphs: string[][] = [[]];
  for (const line of lines.slice(start + 1, end)) {
    if (line.text === '') paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]?.push(line.text);
  }
  const body = paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join(' '))
    .join('\n\n');
  return body ? { start, end, salutation, body } : undefined;
}
