/** Dates as Urgent Actions write them, in every vocabulary table's language, day-month or month-day. */

import { MONTHS } from './vocabulary.js';

const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
// 7 March 2023 · 7 de marzo de 2023 · 1er mars 2023 · 2. März 2015 · 7th March 2023
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?\\s+(?:de\\s+)?${MONTH}\\s+(?:de\\s+|del\\s+)?(\\d{4})\\b`, 'i');
// April 25, 2022 · March 7 2023
const MONTH_DAY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/** The first date in a line, as YYYY-MM-DD; undefined when there is none (or it is impossible). */
export function findDate(text: string): string | undefined {
  const iso = ISO.exec(text);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayMonth = DAY_MONTH.exec(text);
  const monthDay = MONTH_DAY.exec(text);
  const first = [dayMonth, monthDay].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
  if (!first) return undefined;
  if (first === dayMonth) return valid(Number(first[3]), MONTHS[(first[2] ?? '').toLowerCase()] ?? 0, Number(first[1]));
  return valid(Number(first[3]), MONTHS[(first[1] ?? '').toLowerCase()] ?? 0, Number(first[2]));
}

function valid(year: number, month: number, day: number): string | undefined {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
