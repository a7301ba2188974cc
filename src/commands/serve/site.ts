import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../../core/action.js';
import { type Translate, translator } from '../../core/i18n.js';
import { UI_LANGUAGES } from '../../generated/ui/index.js';
import { catalogueReader } from '../../io/catalogues.js';
import { type Evening, isAttendeeId } from '../../io/evening.js';
import type { Context } from '../context.js';
import type { Pages } from './pages.js';

/** What the pages of one evening share: its letters, its UAs, the words, and whether it still runs. */
export interface Site {
  evening: Evening;
  actions: readonly Action[];
  ctx: Context;
  pages: Pages;
  /** The projector tally's script (templates/serve/tally.js). */
  tallyScript: string;
  /** The pages' words in a language (a translator each, made once an evening). */
  words: (lang: string) => Translate;
  /** The organiser closed the evening: attendees can no longer hand in or change. */
  closed: boolean;
  onClosed: () => void;
}

export const COOKIE = { attendee: 'ua_who', organiser: 'ua_organiser', lang: 'ua_lang' } as const;
/** Long enough for an evening and the next morning; a phone that closes its browser keeps it. */
export const COOKIE_SECONDS = 2 * 24 * 3600;

export function wordsOfEvening(): (lang: string) => Translate {
  const made = new Map<string, Translate>();
  return (lang) => {
    let t = made.get(lang);
    if (!t) {
      t = translator(catalogueReader(lang));
      made.set(lang, t);
    }
    return t;
  };
}

/** The reader's language: one they chose on the page (?lang=, then its cookie), else their browser's, else English. */
export function languageOf(request: FastifyRequest): string {
  const chosen = request.cookies[COOKIE.lang];
  return askedLanguage(request) ?? (chosen && UI_LANGUAGES.includes(chosen) ? chosen : fromAcceptLanguage(request.headers['accept-language'] ?? ''));
}

/** The language of a reader the evening does not know (no cookie of its own): ?lang=, else their browser's. */
export const strangersLanguage = (request: FastifyRequest): string => askedLanguage(request) ?? fromAcceptLanguage(request.headers['accept-language'] ?? '');

function askedLanguage(request: FastifyRequest): string | undefined {
  const query = (request.query as Record<string, unknown>)?.lang;
  return typeof query === 'string' && UI_LANGUAGES.includes(query) ? query : undefined;
}

/** "fr-CH, fr;q=0.9, en;q=0.8" → fr: the first the catalogues have, by the browser's weights. */
export function fromAcceptLanguage(header: string): string {
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { code: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && UI_LANGUAGES.includes(entry.code))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.code ?? 'en';
}

/** The attendee this browser is (its signed cookie), if it joined with the evening's address. */
export function attendeeOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies[COOKIE.attendee];
  if (!raw) return undefined;
  const { valid, value } = request.unsignCookie(raw);
  return valid && value && isAttendeeId(value) ? value : undefined;
}

export function isOrganiser(request: FastifyRequest): boolean {
  const raw = request.cookies[COOKIE.organiser];
  return raw !== undefined && request.unsignCookie(raw).valid && request.unsignCookie(raw).value === 'yes';
}

/** A page in the reader's language, with the links to the others and (for a form) its CSRF token. */
export function render(site: Site, request: FastifyRequest, reply: FastifyReply, name: string, data: object, status = 200): FastifyReply {
  return page(site, request, reply, { lang: languageOf(request), name, data: { csrf: reply.generateCsrf(), ...data }, status });
}

/** A page in `lang` (a form's token in its data, if it has a form), with the links to the same page in the other languages. */
export function page(
  site: Site,
  request: FastifyRequest,
  reply: FastifyReply,
  shown: { lang: string; name: string; data: object; status: number },
): FastifyReply {
  const { lang } = shown;
  const t = site.words(lang);
  const path = request.url.split('?')[0] ?? '/';
  const others = UI_LANGUAGES.map((code) => ({ code, name: site.words(code)('serve.page.langName'), href: `${path}?lang=${code}`, current: code === lang }));
  const html = site.pages(shown.name, t, { lang, uiLanguages: others, title: t('serve.page.title'), ...shown.data });
  return reply.code(shown.status).type('text/html; charset=utf-8').send(html);
}
