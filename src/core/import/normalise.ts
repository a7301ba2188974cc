import { withoutControlCharacters } from '../shown.js';
import { FURNITURE, LABEL_INSIDE } from './vocabulary.js';

/** A line of the document, with its number (1-based) for warnings. */
export interface Line {
  n: number;
  text: string;
}

// A capital I (or a bar) standing alone before a label is how flattened web pages write a line
// break ("Phone: 202 555 0100 I Fax: 202 555 0101"); it is never a word there.
const BREAK_BEFORE_LABEL = new RegExp(`\\s+[I|]\\s+(?=${LABEL_INSIDE.source})`, 'giu');

/**
 * Pass 1: the text as lines to read. Line ends, spaces of every kind and soft hyphens made
 * plain; control characters (an ESC sequence, a NUL) dropped, being never a fact of the case;
 * the " I " of flattened pages made a line break (on the same line number); page furniture
 * ("page 1 of 2", "Download full UA") left out.
 */
export function normalise(text: string): Line[] {
  const plain = withoutControlCharacters(text.replace(/\r\n?/g, '\n'))
    .replace(/\u00AD|[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ');
  return plain
    .split('\n')
    .flatMap((line, index) =>
      line
        .replace(BREAK_BEFORE_LABEL, '\n')
        .split('\n')
        .map((part) => ({ n: index + 1, text: part.replace(/\s+/g, ' ').trim() })),
    )
    .filter(withoutPageFurniture());
}

/**
 * Page furniture ("page 1 of 2", "Download full UA") left out, and so is a PDF's page header
 * (the document's first lines repeated, "URGENT ACTION", its headline) in the few lines after
 * a page break; a web page that repeats its heading elsewhere keeps it (it ends a section).
 */
function withoutPageFurniture(): (line: Line, index: number, lines: Line[]) => boolean {
  let head: Set<string> | undefined;
  let sincePage = Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  return (line, _index, lines) => {
    head ??= new Set(
      lines
        .filter((l) => l.text !== '' && !FURNITURE.test(l.text))
        .slice(0, 3)
        .map((l) => l.text),
    );
    if (FURNITURE.test(line.text)) {
      sincePage = 0;
      return false;
    }
    sincePage++;
    if (sincePage <= 4 && head.has(line.text) && seen.has(line.text)) return false;
    seen.add(line.text);
    return true;
  };
}
