/**
 * Checks shared by every source of user text (flags, answers files, profiles, UA files).
 * Each returns undefined when the value is fine, else a short message.
 */

import type { Translate } from './i18n.js';

// Line breaks and other control characters in a name or address can change the meaning of a
// mail header or a printed block; they are refused, never repaired.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const LINE_BREAK = /[\r\n]/;

/** A single line of text: a name, a city, one line of an address. */
export function checkLine(t: Translate, value: string, max = 200): string | undefined {
  if (value.trim() === '') return t('check.empty');
  if (LINE_BREAK.test(value)) return t('check.singleLine');
  if (CONTROL.test(value) || value.includes('\t')) return t('check.control');
  if (value.length > max) return t('check.tooLong', { count: max });
  return undefined;
}

/** Free text of several paragraphs (a personal note). */
export function checkText(t: Translate, value: string, max = 4000): string | undefined {
  if (value.trim() === '') return t('check.empty');
  if (CONTROL.test(value.replace(/\r\n/g, '\n').replace(/\t/g, ' '))) return t('check.control');
  if (value.length > max) return t('check.tooLong', { count: max });
  return undefined;
}
