import stringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';
import type { Letter } from './compose.js';
import { renderForScreen } from './render.js';

/**
 * Text for a terminal, measured in the columns it takes there rather than in UTF-16 units: a
 * CJK character takes two, an accent combined with its letter none, a colour code none. The
 * measuring and wrapping are Inquirer's own (fast-string-width, fast-wrap-ansi), so ua's text and
 * its prompts agree on a width. Letters written to files keep their own 76 (core/render.ts).
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` followed by spaces up to `width` columns. */
export function padEnd(text: string, width: number): string {
  return `${text}${' '.repeat(Math.max(0, width - displayWidth(text)))}`;
}

/** Rows as columns two spaces apart, each as wide as its widest cell on a terminal; the last column is not padded. */
export function tableLines(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((cells) => displayWidth(cells[column] ?? '')))) ?? [];
  return rows.map((cells) => cells.map((cell, column) => (column === cells.length - 1 ? cell : padEnd(cell, widths[column] ?? 0))).join('  '));
}

/**
 * Spaces a line may break at: any white space but the non-breaking ones, which hold French
 * quotes and their words together ("«\u00a0ua update\u00a0»") and are kept as they are.
 */
const BREAKABLE = /[^\S\u00a0\u202f]+/;

/** One paragraph, its spacing collapsed, broken between words to lines of at most `width` columns; a longer word (a URL) stands alone. */
export function wrapTo(text: string, width: number): string {
  return wrapAnsi(text.split(BREAKABLE).filter(Boolean).join(' '), width, { trim: true, hard: false });
}

/**
 * Lines wider than `width` broken between words, each part indented as its line was; the
 * others, and every line break, kept as they are.
 */
export function fitLines(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (displayWidth(line) <= width) return line;
      const indent = /^ */.exec(line)?.[0] ?? '';
      return wrapTo(line, Math.max(1, width - indent.length))
        .split('\n')
        .map((part) => `${indent}${part}`)
        .join('\n');
    })
    .join('\n');
}

/** The letters as a terminal `width` columns wide shows them: paragraphs wrapped to it, and any other line too long for it (an address) broken between words. */
export function lettersOnScreen(letters: readonly Letter[], width: number): string {
  return fitLines(
    renderForScreen(letters, width, (text) => wrapTo(text, width)),
    width,
  );
}

/**
 * A question as a terminal `width` columns wide shows it. Inquirer draws "? " (or "✔ " once
 * answered), the question, a space, then the default or the answer, and breaks every line too
 * long for the terminal wherever the edge falls, inside a word: each part is given to it broken
 * between words, the question's lines and the answer's under the question's first letter.
 */
export interface QuestionLayout {
  /** The question, its lines after the first indented under its first letter. */
  question: string;
  /** What follows the question on its last line (a default, the answer), or from the next line when it does not fit there. */
  after(text: string): string;
  /** Lines of their own under the question (a choice, an error), each part indented by `indent`. */
  below(text: string, indent: number): string;
}

const MARK = 2;

export function questionLayout(message: string, width: number): QuestionLayout {
  const lines = wrapTo(message, width - MARK).split('\n');
  const last = displayWidth(lines.at(-1) ?? '');
  return {
    question: lines.join(`\n${' '.repeat(MARK)}`),
    after: (text) => following(text, MARK + last + 1, width),
    below: (text, indent) => wrapTo(text, Math.max(1, width - indent)).replace(/\n/g, `\n${' '.repeat(indent)}`),
  };
}

/** `text` starting at `column` of a line `width` wide (or on the next line), its further lines indented as the question's. */
function following(text: string, column: number, width: number): string {
  // Wrapped behind a stand-in for what comes before it on the line, which is then taken off.
  const before = Math.max(0, column - 1 - MARK);
  const wrapped = wrapTo(`${'x'.repeat(before)} ${text}`, width - MARK).slice(before);
  return wrapped.replace(/^ /, '').replace(/\n/g, `\n${' '.repeat(MARK)}`);
}

/** Groups of words ("↑↓ navigate", "⏎ select") joined by `separator`, a line broken only between groups. */
export function groupsTo(groups: readonly string[], separator: string, width: number): string {
  const lines: string[] = [];
  for (const group of groups) {
    const line = lines.at(-1);
    if (line !== undefined && displayWidth(line) + displayWidth(separator) + displayWidth(group) <= width)
      lines[lines.length - 1] = `${line}${separator}${group}`;
    else lines.push(group);
  }
  return lines.join('\n');
}
