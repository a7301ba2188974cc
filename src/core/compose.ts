import type { Action, Lang, Target } from './action.js';
import { asksIn, letterFor, localize } from './action.js';
import { isolated } from './bidi.js';
import { countryIn } from './countries.js';
import type { CalendarDate } from './dates.js';
import { formatDate } from './dates.js';
import type { Sender } from './fields.js';
import type { Translate } from './i18n.js';
import type { Locale } from './locale.js';
import { fill } from './locale.js';
import { targetParts } from './target-parts.js';
import { TEMPLATE_SCOPE } from './template-scope.js';

/** A letter, assembled and ready for any layout: every part present, none empty. */
export interface Letter {
  actionId: string;
  lang: Lang;
  targetId: string;
  subject: string;
  /** Email addresses of the target, for sending. */
  to: string[];
  /** The sender's block at the top; empty for an unsigned copy. */
  sender: string[];
  dateline: string;
  recipient: string[];
  salutation: string;
  paragraphs: string[];
  closing: string;
  /** Lines under the closing: the sender's name; none on an unsigned copy, which has blanks instead. */
  signature: string[];
  /**
   * An unsigned copy's lines left blank for a walk-in to fill in by hand, in order: their
   * signature, their name, the two lines of their postal address; each entry is the caption
   * printed under its line, in the letter's language ('' for the address's first line). None on a
   * signed letter.
   */
  blanks: string[];
  /** The target has a postal address: the letter can go in an envelope. */
  postal: boolean;
}

export interface LetterRequest {
  /** The interface's words: what a template that cannot be written says. */
  t: Translate;
  action: Action;
  lang: Lang;
  targets: readonly Target[];
  /** null for an unsigned copy, with a space for a name and signature. */
  sender: Sender | null;
  today: CalendarDate;
  locale: Locale;
  /** Needed only when the UA's letter uses {{…}} (see usesTemplates); most are plain text. */
  templates?: TemplateEngine;
}

/** Renders a UA's letter template (subject or body) against the letter's scope. */
export type TemplateEngine = (source: string, scope: object) => string;

export function composeLetters(request: LetterRequest): Letter[] {
  // What comes from the sender and the day is the same in the letter to each target: made once.
  const signed = signedParts(request);
  return request.targets.map((target) => composeLetter(request, signed, target));
}

/** The parts of a request's letters that do not depend on the target. */
interface SignedParts {
  /** The sender as the letters show them (see signedParts); null for an unsigned copy. */
  sender: Sender | null;
  dateline: string;
  intro: string[];
}

function signedParts(request: LetterRequest): SignedParts {
  const { lang, today, locale } = request;
  // The country in the letter's language ("Reino Unido" typed for one letter, "United Kingdom"
  // in English); a name written right to left kept apart from the punctuation around it.
  const given = request.sender;
  const sender = given && {
    ...given,
    name: isolated(given.name),
    city: isolated(given.city),
    country: isolated(countryIn(given.country, lang)),
    address: given.address?.map(isolated),
  };
  const date = formatDate(today, locale);
  const dateline = sender ? fill(locale.dateline, { city: sender.city, date }) : date;
  return { sender, dateline, intro: introParagraph(sender, locale) };
}

function composeLetter(request: LetterRequest, { sender, dateline, intro }: SignedParts, target: Target): Letter {
  const { t, action, lang, locale, templates } = request;
  const source = letterFor(action, lang, target.id);
  if (!source) throw new Error(`UA ${action.id} has no letter in "${lang}"`);
  const salutation = target.salutation[lang];
  if (!salutation) throw new Error(`target ${target.id} has no salutation in "${lang}"`);

  // The scope is a deep copy of the UA: made only for a letter that is a template.
  let scope: object | undefined;
  const render = (text: string, field: 'subject' | 'body') => {
    if (!text.includes('{{')) return text.trim();
    if (!templates) throw new Error(`UA ${action.id}: its letter uses {{…}} and no template engine was given`);
    scope ??= templateScope(action, target, sender, lang, sender ? fill(locale.place, { city: sender.city, country: sender.country }) : '');
    return renderTemplate(t, templates, text, scope, letterPath(action, lang, target.id, field)).trim();
  };

  const shared = targetParts(target, locale, lang, () => ({
    recipient: recipientBlock(target, lang),
    closing: fill(locale.closing, { salutation: salutation.replace(/[\s,:;]+$/, '') }),
    // A letter that is a template is the signer's own: rendered for each.
    plain: source.subject.includes('{{') || source.body.includes('{{') ? undefined : { subject: source.subject.trim(), body: paragraphsOf(source.body.trim()) },
  }));
  return {
    actionId: action.id,
    lang,
    targetId: target.id,
    subject: shared.plain?.subject ?? render(source.subject, 'subject'),
    to: target.email ?? [],
    sender: sender ? senderBlock(sender) : [],
    dateline,
    recipient: shared.recipient,
    salutation,
    paragraphs: [...intro, ...(shared.plain?.body ?? paragraphsOf(render(source.body, 'body'))), ...paragraphsOf(sender?.note ?? '')],
    closing: shared.closing,
    signature: sender ? [sender.name] : [],
    blanks: sender ? [] : [locale.signature_space, locale.name_space, '', locale.address_space],
    postal: (target.address?.length ?? 0) > 0,
  };
}

/** A UA's letter template that cannot be rendered: validation renders each one, so this is rare. */
export class LetterTemplateError extends Error {
  constructor(
    /** Where in the UA file: ['letters', 'es', 'body'] */
    readonly path: readonly string[],
    message: string,
    /** Where in the template, when the engine says. */
    readonly at?: { line: number; col: number },
  ) {
    super(message);
  }
}

/** Renders one template, turning the engine's failure into a LetterTemplateError that names the field. */
export function renderTemplate(t: Translate, templates: TemplateEngine, text: string, scope: object, path: readonly string[]): string {
  let rendered: string;
  try {
    rendered = templates(text, scope);
  } catch (error) {
    const { message, at } = describeRenderError(t, error);
    throw new LetterTemplateError(path, message, at);
  }
  // Validation renders every template: one that writes a book is refused there.
  if (rendered.length > MAX_LETTER_CHARACTERS) throw new LetterTemplateError(path, t('template.tooLong', { size: '256 kB' }));
  return rendered;
}

/** A letter is a few pages; a template that writes more is a mistake, or an attack on memory. */
const MAX_LETTER_CHARACTERS = 256 * 1024;

/** Where a letter's template lives in the UA file. */
export function letterPath(action: Action, lang: Lang, targetId: string, field: 'subject' | 'body'): string[] {
  const own = action.letters?.[lang]?.by_target?.[targetId];
  return own?.[field] !== undefined ? ['letters', lang, 'by_target', targetId, field] : ['letters', lang, field];
}

/** Handlebars says `"nmae" not defined in [object Object] - 1:21`, or a TypeError for a field of a text. */
function describeRenderError(t: Translate, error: unknown): { message: string; at?: { line: number; col: number } } {
  const message = error instanceof Error ? error.message : String(error);
  const undefinedName = /^"([^"]+)" not defined in [\s\S]* - (\d+):(\d+)$/.exec(message);
  if (undefinedName)
    return { message: t('template.unknownName', { name: undefinedName[1] ?? '' }), at: { line: Number(undefinedName[2]), col: Number(undefinedName[3]) } };
  const fieldOfText = /Cannot use 'in' operator to search for '([^']+)'/.exec(message);
  if (fieldOfText) return { message: t('template.fieldOfText', { name: fieldOfText[1] ?? '' }) };
  return { message: t('template.cannotWrite', { reason: (message.split('\n')[0] ?? '').slice(0, 120) }) };
}

/**
 * What a UA's letter template sees: plain data, nothing else. Every name the validator allows
 * is present (empty when the UA or the sender has no value), so strict rendering fails only on
 * names it would reject.
 */
export function templateScope(action: Action, target: Target, sender: Sender | null, lang: Lang, place: string) {
  const localTarget = {
    ...target,
    title: localize(target.title, lang),
    organisation: localize(target.organisation, lang),
    salutation: target.salutation[lang],
  };
  return {
    sender: complete('sender', { ...sender, place }),
    target: complete('target', localTarget),
    action: complete('action', { ...action, asks: asksIn(action, lang) }),
  };
}

function complete(root: keyof typeof TEMPLATE_SCOPE, values: object): Record<string, unknown> {
  const record = values as Record<string, unknown>;
  // A deep copy: only the data itself, as plain values, reaches a UA's template.
  return structuredClone(Object.fromEntries((TEMPLATE_SCOPE[root] ?? []).map((key) => [key, record[key] ?? ''])));
}

function senderBlock(sender: Sender): string[] {
  const address = sender.address ?? [];
  const place = address.length > 0 ? [] : [sender.city];
  return [sender.name, ...address, ...place, sender.country, ...(sender.email ? [sender.email] : [])];
}

function recipientBlock(target: Target, lang: Lang): string[] {
  const lines = [target.name, localize(target.title, lang), localize(target.organisation, lang), ...(target.address ?? [])];
  return lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}

/** "My name is … and I live in …" and the optional sentence about the sender. */
function introParagraph(sender: Sender | null, locale: Locale): string[] {
  if (!sender) return [];
  const place = fill(locale.place, { city: sender.city, country: sender.country });
  const intro = fill(locale.intro, { name: sender.name, place });
  return [[intro, sentence(sender.about)].filter(Boolean).join(' ')];
}

/** A sentence the user typed, beginning and ending as a sentence does ("soy profesor" → "Soy profesor."). */
function sentence(text: string | undefined): string {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return '';
  // The first letter, after any opening quote or bracket (¿ ¡ « " ( …).
  const capitalised = trimmed.replace(/^([^\p{L}\p{N}]*)(\p{Ll})/u, (_, before: string, letter: string) => `${before}${letter.toLocaleUpperCase()}`);
  return /[.!?…»")]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

// The same UA body is split for every letter of a batch: keep the few distinct results.
const split = new Map<string, readonly string[]>();

/** Blank lines separate paragraphs; single line breaks inside one are joined. */
export function paragraphsOf(text: string): readonly string[] {
  let paragraphs = split.get(text);
  if (!paragraphs) {
    if (split.size > 200) split.clear();
    paragraphs = splitParagraphs(text);
    split.set(text, paragraphs);
  }
  return paragraphs;
}

function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
}
