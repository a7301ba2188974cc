import type { Line } from './normalise.js';
import { BACKGROUND, CLOSING, COPIES, HEADER, LABEL, LABEL_INSIDE, LETTER_HEADING, SALUTATION } from './vocabulary.js';

export type Kind = 'blank' | 'heading' | 'label' | 'contact' | 'bullet' | 'salutation' | 'closing' | 'prose';
export interface Classified extends Line {
  kind: Kind;
}

export const BULLET = /^\s*(?:[◼■□•▪●◆►➢✓\-*–—]|\d{1,2}[.)](?!\d)|\(?[a-h]\))\s*/u;
// Addresses in any script (ministra@justicia.españa.es); checkEmail decides later which are kept.
export const EMAIL = /[\p{L}\p{M}\p{N}._%+-]+@[\p{L}\p{M}\p{N}.-]+\.\p{L}[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}]/gu;
export const HAS_EMAIL = new RegExp(EMAIL.source, 'u');
export const OBFUSCATED = /\[email[^\]]*protected\]|\S+\s*[[(]\s*at\s*[\])]\s*\S+/i;

/** Pass 2: what each line is, from its own words (the sections are worked out from these). */
export function classify(lines: readonly Line[]): Classified[] {
  return lines.map((line) => ({ ...line, kind: kindOf(line.text) }));
}

export function kindOf(text: string): Kind {
  if (text === '') return 'blank';
  if (LABEL.test(text)) return 'label';
  if (HAS_EMAIL.test(text) || OBFUSCATED.test(text) || hasLabelInside(text)) return 'contact';
  // "Dear Minister," alone on its line; "Dear Minister X, I am writing…" is prose the letter pass splits.
  if (SALUTATION.test(text) && text.length < 90 && /[,:!]$/.test(text)) return 'salutation';
  if (CLOSING.test(text) && text.length < 60) return 'closing';
  if (BULLET.test(text) && /\p{L}/u.test(text.replace(BULLET, '').slice(0, 3))) return 'bullet';
  if (isHeading(text)) return 'heading';
  return 'prose';
}

export function hasLabelInside(text: string): boolean {
  LABEL_INSIDE.lastIndex = 0;
  return LABEL_INSIDE.test(text);
}

/** A heading: a known one, or a short line in capitals, or a short line ending in a colon. */
function isHeading(text: string): boolean {
  if (HEADER.test(text) || BACKGROUND.test(text) || COPIES.test(text) || (LETTER_HEADING.test(text) && text.length < 40)) return true;
  const capitals = text === text.toUpperCase() && /\p{Lu}{3}/u.test(text);
  return text.length < 100 && (capitals || (/:$/.test(text) && text.length < 70));
}
