import Runtime from 'handlebars/runtime';
import { layoutSpecs } from '../generated/layouts.js';
import type { Letter } from './compose.js';

import type { TextFormat } from './formats.js';

/** What render.ts lays out: the text-like formats of core/formats.ts. */
export type Format = TextFormat;

export const TEXT_WIDTH = 76;

// The layouts in templates/ are precompiled by the build (scripts/build.mjs); only Handlebars'
// runtime is loaded. Helpers go on a private instance, once, never on the global one.
const engine = Runtime.create();
// A screen narrower than the letter passes its own wrapping in the template's data (`@wrap`).
engine.registerHelper('wrap', (text: string, options: { data?: { wrap?: (text: string) => string } }) => (options.data?.wrap ?? wrapCached)(String(text)));
engine.registerHelper('md', (text: string) => escapeMarkdown(String(text)));
// A block of lines (an address) as one markdown paragraph with hard line breaks.
engine.registerHelper('mdLines', (lines: string[]) => lines.map(escapeMarkdown).join('\\\n'));
const layout = {
  text: engine.template(layoutSpecs.text),
  markdown: engine.template(layoutSpecs.markdown),
  html: engine.template(layoutSpecs.html),
};

/** One document holding every letter (stdout, or a single --out file). */
export function renderDocument(letters: readonly Letter[], format: Format): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(letters.map(letterJson), null, 2)}\n`;
    case 'html':
      return layout.html({ letters: letters.map(htmlView), lang: letters[0]?.lang ?? 'en', title: pageTitle(letters) });
    case 'markdown':
      return letters.map((letter) => layout.markdown(letter)).join('\n---\n\n');
    case 'text':
      // A form feed: a printer starts each letter on a new page.
      return letters.map((letter) => layout.text(letter)).join('\f');
  }
}

/**
 * The letters as a terminal shows them: a rule between them (a form feed means nothing there).
 * A terminal of another width (core/screen.ts) gives it and the wrapping of the paragraphs.
 */
export function renderForScreen(letters: readonly Letter[], width = TEXT_WIDTH, wrapParagraph?: (text: string) => string): string {
  const data = wrapParagraph ? { data: { wrap: wrapParagraph } } : undefined;
  return letters.map((letter) => layout.text(letter, data)).join(`\n${'='.repeat(width)}\n\n`);
}

/** The letter in the text layout, its paragraphs wrapped by `wrap` (see letter-skeleton.ts). */
export function renderTextWith(letter: Letter, wrap: (text: string) => string): string {
  return layout.text(letter, { data: { wrap } });
}

/** One file for one letter (--out <folder>). */
export function renderSingle(letter: Letter, format: Format): string {
  return format === 'json' ? `${JSON.stringify(letterJson(letter), null, 2)}\n` : renderDocument([letter], format);
}

export function fileNameFor(letter: Letter, extension: string): string {
  return `${letter.actionId}-${letter.targetId}-${letter.lang}.${extension}`;
}

/** The letter for programs: every key in snake_case, as in all of ua's JSON. */
function letterJson(letter: Letter) {
  const { actionId, targetId, ...rest } = letter;
  return { action_id: actionId, target_id: targetId, ...rest, text: renderDocumentText(letter) };
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

// A batch wraps the same body paragraphs thousands of times: they are remembered from the first
// letters on. Once there are a hundred (every body's paragraphs fit), nothing more is: the
// signers' own sentences, new in each letter, would only be memory to collect later.
const wrapped = new Map<string, string>();
/** A paragraph as the text layout wraps it. */
export function wrapCached(text: string): string {
  let result = wrapped.get(text);
  if (result === undefined) {
    result = wrap(text, TEXT_WIDTH);
    if (wrapped.size < 100) wrapped.set(text, result);
  }
  return result;
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
