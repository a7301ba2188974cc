import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../../core/action.js';
import { forTerminal } from '../../core/shown.js';
import { UI_LANGUAGES } from '../../generated/ui/index.js';
import { crypto } from '../../io/crypto.js';
import { type Evening, newAttendeeId } from '../../io/evening.js';
import type { Context } from '../context.js';
import { pageTemplates } from './pages.js';
import { attendeeOf, COOKIE, COOKIE_SECONDS, isOrganiser, languageOf, page, render, type Site, strangersLanguage, wordsOfEvening } from './site.js';

export interface ServerSetup {
  evening: Evening;
  actions: readonly Action[];
  host: string;
  port: number;
  ctx: Context;
  /** The organiser closed the evening from their page. */
  onClosed: () => void;
}

export interface RunningServer {
  urls: { attendee: string; organiser: string };
  /** The evening was closed (from the organiser's page), not only stopped. */
  readonly closed: boolean;
  close(): Promise<void>;
}

/** A form is a few kilobytes (the longest field, the paragraph, is 4000 characters). */
const BODY_LIMIT = 32 * 1024;
/** Requests a minute from one client (an attendee's cookie, else an address): a person reading and typing makes a few. */
const RATE_PER_MINUTE = 120;

/** The evening's web server: every protection first, then the attendees' and organiser's pages. */
export async function startServer(setup: ServerSetup): Promise<RunningServer> {
  const { evening, ctx } = setup;
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, routerOptions: { maxParamLength: 64 }, trustProxy: false });
  const { pages, css, tallyScript } = pageTemplates();
  const site: Site = { evening, actions: setup.actions, ctx, pages, tallyScript, words: wordsOfEvening(), closed: false, onClosed: setup.onClosed };
  const hosts = new Set<string>();

  // 1. Only the names this server announced: a page of another site that points its own name at
  // this address (DNS rebinding) is refused before anything else is read (but the security
  // headers, which read nothing), with a page in the reader's language. Its style sheet, the same
  // for anyone, is served under any name, so that the page is readable where it is refused.
  await securityHeaders(app);
  app.addHook('onRequest', async (request, reply) => {
    if (hosts.has((request.headers.host ?? '').toLowerCase()) || request.url === '/style.css') return undefined;
    const lang = strangersLanguage(request);
    return page(site, request, reply, { lang, name: 'message', data: { message: site.words(lang)('serve.page.foreignHost') }, status: 421 });
  });
  await protections(app, evening);
  // 2. The way in: the address with the evening's token, exchanged for a cookie; else 403.
  app.get('/style.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(css));
  app.addHook('onRequest', async (request, reply) => gate(site, request, reply));
  app.addHook('preHandler', (request, reply, done) => (request.method === 'POST' ? app.csrfProtection(request, reply, done) : done()));
  app.get('/join', async (request, reply) =>
    join(site, request, reply, { token: evening.file.attendeeToken, cookie: COOKIE.attendee, value: attendeeOf(request) ?? newAttendeeId(), landing: '/' }),
  );
  app.get('/organiser/join', async (request, reply) =>
    join(site, request, reply, { token: evening.file.organiserToken, cookie: COOKIE.organiser, value: 'yes', landing: '/organiser' }),
  );
  // 3. The pages.
  (await import('./attendee.js')).attendeePages(app, site);
  (await import('./organiser.js')).organiserPages(app, site);
  app.setNotFoundHandler((request, reply) => render(site, request, reply, 'message', { message: site.words(languageOf(request))('serve.page.notFound') }, 404));
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) ctx.tell(forTerminal(`ua: ${error.message ?? String(error)}`));
    return render(site, request, reply, 'message', { message: site.words(languageOf(request))(messageFor(status)) }, status);
  });

  await app.listen({ host: setup.host, port: setup.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : setup.port;
  const base = `http://${setup.host}:${port}`;
  hosts.add(`${setup.host}:${port}`);
  if (setup.host === '127.0.0.1') hosts.add(`localhost:${port}`);
  return {
    urls: { attendee: `${base}/join?t=${evening.file.attendeeToken}`, organiser: `${base}/organiser/join?t=${evening.file.organiserToken}` },
    get closed() {
      return site.closed;
    },
    close: () => app.close(),
  };
}

/** Security headers on every answer (helmet, the official plugin). */
async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register((await import('@fastify/helmet')).default, {
    // Plain HTTP on a room's network: no HSTS, no upgrade of the forms to https (they would fail),
    // and no script at all; the one style sheet is the server's own.
    hsts: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** The other official plugins: cookies, forms, a rate limit per client, CSRF tokens. */
async function protections(app: FastifyInstance, evening: Evening): Promise<void> {
  await app.register((await import('@fastify/cookie')).default, { secret: evening.file.cookieSecret });
  await app.register((await import('@fastify/formbody')).default, { bodyLimit: BODY_LIMIT });
  await app.register((await import('@fastify/rate-limit')).default, {
    max: RATE_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) => attendeeOf(request) ?? request.ip,
  });
  await app.register((await import('@fastify/csrf-protection')).default, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/' },
  });
}

/** Every page but the way in needs the evening's cookie (the organiser's pages, the organiser's). */
async function gate(site: Site, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const path = request.url.split('?')[0] ?? '/';
  const lang = (request.query as Record<string, unknown>)?.lang;
  if (typeof lang === 'string' && UI_LANGUAGES.includes(lang))
    reply.setCookie(COOKIE.lang, lang, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: COOKIE_SECONDS });
  if (path === '/join' || path === '/organiser/join' || path === '/style.css') return undefined;
  const allowed = path === '/organiser' || path.startsWith('/organiser/') ? isOrganiser(request) : attendeeOf(request) !== undefined;
  if (!allowed) return forbidden(site, request, reply);
  return undefined;
}

const forbidden = (site: Site, request: FastifyRequest, reply: FastifyReply) =>
  render(site, request, reply, 'message', { message: site.words(languageOf(request))('serve.page.forbidden') }, 403);

/** The token of the QR code, compared in constant time, becomes a signed cookie; the address bar loses it. */
function join(site: Site, request: FastifyRequest, reply: FastifyReply, way: { token: string; cookie: string; value: string; landing: string }) {
  const { token, cookie, value, landing } = way;
  const given = Buffer.from(String((request.query as Record<string, unknown>)?.t ?? ''));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !crypto().timingSafeEqual(given, expected)) return forbidden(site, request, reply);
  reply.setCookie(cookie, value, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: COOKIE_SECONDS });
  return reply.redirect(landing, 303);
}

function messageFor(status: number) {
  if (status === 403) return 'serve.page.refused' as const;
  if (status === 413) return 'serve.page.tooLarge' as const;
  if (status === 429) return 'serve.page.tooMany' as const;
  if (status === 404) return 'serve.page.notFound' as const;
  if (status >= 500) return 'serve.page.broken' as const;
  return 'serve.page.badRequest' as const;
}
