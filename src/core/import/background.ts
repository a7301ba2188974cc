import { findDate } from './dates.js';
import type { Line } from './normalise.js';
import { SECTION_END as FIELD, BACKGROUND as HEADING, SUBJECTS } from './vocabulary.js';
import { DEADLINE } from './when.js';

/** Sections 6 and 7: the background (additional information) and how to report actions. */

const BACKGROUND =
  /^(additional information|background information|informaci[oó]n adicional|informaci[oó]n complementaria|compl[ée]ment d'information|informations compl[ée]mentaires|zus[äa]tzliche informationen|hintergrund)\s*:?\s*$/i;

export const SECTION_END =
  /^(preferred language|please take action|please send appeals|name and pronoun|link to previous|langue|nom, pr[ée]nom|idioma preferido|env[ií]en llamamientos|do not send appeals|appeal deadline)/i;

/** From its heading to the next field ("PREFERRED LANGUAGE…") or deadline line. */
export function findBackgroundRange(lines: readonly Line[]): { start: number; end: number } | undefined {
  const start = lines.findIndex((line) => BACKGROUND.test(line.text) || HEADING.test(line.text));
  if (start < 0) return undefined;
  // Every table's fields end it too: "NAME AND PRONOUN:" after the background, "Bevorzugte Sprache".
  const after = lines
    .slice(start + 1)
    .findIndex(
      (line) =>
        SECTION_END.test(line.text) || FIELD.test(line.text) || SUBJECTS.test(line.text) || (DEADLINE.test(line.text.slice(0, 40)) && findDate(line.text)),
    );
  return { start, end: after < 0 ? lines.length - 1 : start + after };
}

/** The background section's text (its heading left out), one paragraph per paragraph. */
export function findBackground(section: readonly Line[]): string | undefined {
  const text = section.slice(1).map((line) => line.text);
  const paragraphs = text
    .join('\n')
    .split(/\n\s*\n|\n(?=\p{Lu})/u)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  return paragraphs.length > 0 ? `${paragraphs.join('\n\n')}\n` : undefined;
}

/** "Click here to let us know the actions you took…" → "Let us know the actions you took…" */
export function findReport(lines: readonly Line[]): string | undefined {
  const line = lines.find((l) => REPORT_LINE.test(l.text));
  return line?.text
    .replace(/^\d+\.\s*/, '')
    .replace(/^click here to /i, '')
    .replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

const REPORT_LINE = /let us know the actions you took|report (your|the) actions/i;
const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/u;
const LINK_IN_TEXT = /https?:\/\/[^\s<>"')]+/;

/** Where the document says to report: an address or a link on the "let us know" line or the one after it; never guessed. */
export function findReportWhere(lines: readonly Line[]): { email?: string; url?: string } {
  const at = lines.findIndex((l) => REPORT_LINE.test(l.text));
  if (at < 0) return {};
  const text = lines
    .slice(at, at + 2)
    .map((l) => l.text)
    .join(' ');
  const email = EMAIL_IN_TEXT.exec(text)?.[0].replace(/\.$/, '');
  const url = LINK_IN_TEXT.exec(text)?.[0].replace(/[.,;:]$/, '');
  return { ...(email ? { email } : {}), ...(url ? { url } : {}) };
}
