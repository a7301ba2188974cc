import Handlebars from 'handlebars';
import type { Letter } from './compose.js';

export const FORMATS = ['text', 'markdown', 'html', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const EXTENSIONS: Readonly<Record<Format, string>> = { text: 'txt', markdown: 'md', html: 'html', json: 'json' };

/** Layout templates from templates/: one letter in text or markdown, a page of letters in HTML. */
export interface Layouts {
  text: string;
  markdown: string;
  html: string;
}

export const TEXT_WIDTH = 76;

// Helpers are registered once, on a private instance, at load: never on the global one.
const engine = Handlebars.create();
engine.registerHelper('wrap', (text: string) => wrap(String(text), TEXT_WIDTH));
engine.registerHelper('md', (text: string) => escapeMarkdown(String(text)));
// A block of lines (an address) as one markdown paragraph with hard line breaks.
engine.registerHelper('mdLines', (lines: string[]) => lines.map(escapeMarkdown).join('\\\n'));

const compiled = new Map<string, HandlebarsTemplateDelegate>();
function layout(source: string, escapeHtml: boolean): HandlebarsTemplateDelegate {
  const key = `${escapeHtml}:${source}`;
  let template = compiled.get(key);
  if (!template) {
    // Plain text and markdown are never HTML-escaped; HTML always is.
    template = engine.compile(source, { strict: true, noEscape: !escapeHtml });
    compiled.set(key, template);
  }
  return template;
}

/** One document holding every letter (stdout, or a single --out file). */
export function renderDocument(letters: readonly Letter[], format: Format, layouts: Layouts): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(letters.map(letterJson), null, 2)}\n`;
    case 'html':
      return layout(layouts.html, true)({ letters: letters.map(htmlView), lang: letters[0]?.lang ?? 'en', title: pageTitle(letters) });
    case 'markdown':
      return letters.map((letter) => layout(layouts.markdown, false)(letter)).join('\n---\n\n');
    case 'text':
      return letters.map((letter) => layout(layouts.text, false)(letter)).join(`\n${'='.repeat(TEXT_WIDTH)}\n\n`);
  }
}

/** One file for one letter (--out <folder>). */
export function renderSingle(letter: Letter, format: Format, layouts: Layouts): string {
  return format === 'json' ? `${JSON.stringify(letterJson(letter), null, 2)}\n` : renderDocument([letter], format, layouts);
}

export function fileNameFor(letter: Letter, format: Format): string {
  return `${letter.actionId}-${letter.targetId}-${letter.lang}.${EXTENSIONS[format]}`;
}

function letterJson(letter: Letter) {
  return { ...letter, text: renderDocumentText(letter) };
}

/** The letter as plain paragraphs (no hard wrapping), for programs and forms. */
function renderDocumentText(letter: Letter): string {
  const blocks = [
    letter.sender.join('\n'),
    letter.dateline,
    letter.recipient.join('\n'),
    letter.salutation,
    ...letter.paragraphs,
    letter.closing,
    letter.signature.join('\n'),
  ];
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}

function htmlView(letter: Letter) {
  return { ...letter, unsigned: letter.signature.length === 0 };
}

function pageTitle(letters: readonly Letter[]): string {
  const first = letters[0];
  if (!first) return 'Letters';
  return `UA ${first.actionId} — ${letters.length === 1 ? first.recipient[0] : `${letters.length} letters`}`;
}

/** Greedy word wrap; a word longer than the width (a URL) stands on its own line. */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
