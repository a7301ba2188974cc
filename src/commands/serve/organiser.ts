import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../../core/action.js';
import { headline } from '../../core/choose.js';
import { countryIn } from '../../core/countries.js';
import { formatDate, localDay } from '../../core/dates.js';
import { copiesAsked, copyLanguageChoices, eveningTally, languagesAsked, notYetOut, pastDeadline } from '../../core/evening.js';
import { forTerminal } from '../../core/shown.js';
import { UaError } from '../../errors.js';
import { loadLocale } from '../../io/repository.js';
import { languageOf, render, type Site } from './site.js';

const TALLY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The organiser's pages: the letters as they come, setting one aside, the way out, the projector's tally. */
export function organiserPages(app: FastifyInstance, site: Site): void {
  app.get('/organiser', async (request, reply) => overview(site, request, reply, ''));
  // The one page with a script (templates/serve/tally.js: it reloads the projector's tally), the server's own.
  app.get('/organiser/tally', async (request, reply) =>
    render(site, request, reply.header('content-security-policy', TALLY_POLICY), 'tally', tally(site, request)),
  );
  app.get('/organiser/tally.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(site.tallyScript));
  app.post('/organiser/aside', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    site.evening.setAside(Number(body.seq), body.aside === 'yes');
    return reply.redirect('/organiser', 303);
  });
  app.post('/organiser/pack', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const copies = copiesAsked(body.copies);
    const langs = languagesAsked(body.copylang, copyLanguageChoices(site.actions));
    return work(site, request, reply, async (t) => {
      const { printPacks } = await import('./pack.js');
      const { folders, done } = await printPacks(site, copies, langs);
      site.evening.markDelivered(done);
      return folders.length === 0 ? t('serve.page.nothing') : t('serve.page.packWritten', { folders: folders.join(', ') });
    });
  });
  app.post('/organiser/drafts', async (request, reply) =>
    work(site, request, reply, async (t) => {
      const { root, done } = await (await import('./pack.js')).writeDrafts(site);
      site.evening.markDelivered(done);
      return t('serve.page.draftsWritten', { folder: root });
    }),
  );
  app.post('/organiser/send', async (request, reply) => {
    // After a UA's deadline, the box on the page is --after-deadline: nothing is sent without it.
    const afterDeadline = (request.body as Record<string, unknown>).afterDeadline === 'yes';
    const late = lateWarnings(site, request, sentUas(site));
    return work(site, request, reply, async (t) => {
      if (late.length > 0 && !afterDeadline) return [...late, t('serve.page.lateNotSent')].join('\n');
      const { code, done } = await (await import('./pack.js')).sendAll(site, { afterDeadline });
      site.evening.markDelivered(done);
      return t(code === 0 ? 'serve.page.sent' : 'serve.page.partlySent');
    });
  });
  app.post('/organiser/close', async (request, reply) => {
    const t = site.words(languageOf(request));
    const keepData = (request.body as Record<string, unknown>).keep === 'yes';
    const discard = (request.body as Record<string, unknown>).discard === 'yes';
    // The rules of `ua serve --close` (close.ts), which the page's two boxes stand for.
    const { endEvening, sayClosed } = await import('./close.js');
    const closed = endEvening(site.evening, { keepData, discard });
    if ('refused' in closed) return overview(site, request, reply, t('serve.page.notDelivered'));
    site.closed = true;
    sayClosed(closed, site.ctx);
    // The answer first; then the server stops.
    setTimeout(site.onClosed, 200);
    return render(site, request, reply, 'message', { message: t(keepData ? 'serve.page.closedKept' : 'serve.page.closedDeleted') });
  });
}

/** A long task (a print pack, a send) from a button: its outcome on the page, its errors too, and on the terminal. */
async function work(site: Site, request: FastifyRequest, reply: FastifyReply, task: (t: Site['ctx']['t']) => Promise<string>) {
  const t = site.words(languageOf(request));
  try {
    return overview(site, request, reply, await task(t));
  } catch (error) {
    if (!(error instanceof UaError)) throw error;
    site.ctx.tell(forTerminal(`ua: ${error.message}${error.hint ? `\n${error.hint}` : ''}`));
    return overview(site, request, reply, [error.message, ...error.details.slice(0, 10), error.hint ?? ''].filter(Boolean).join('\n'));
  }
}

function overview(site: Site, request: FastifyRequest, reply: FastifyReply, notice: string) {
  const lang = languageOf(request);
  const t = site.words(lang);
  const titles = new Map(site.actions.map((action) => [action.id, headline(t, action)]));
  const letters = site.evening.letters().map((letter) => ({
    seq: letter.seq,
    ua: letter.ua,
    title: titles.get(letter.ua) ?? letter.ua,
    name: letter.answers.name,
    place: `${letter.answers.city}, ${letter.answers.country}`,
    lang: loadLocale(t, letter.answers.lang).name,
    targets: letter.answers.targets.join(', '),
    at: letter.at.slice(11, 16),
    setAside: letter.setAside === true,
    notYetOut: notYetOut(letter),
  }));
  const counts = { total: letters.length, aside: letters.filter((l) => l.setAside).length };
  const copyLanguages = copyLanguageChoices(site.actions).map(({ code, preferred }) => ({ code, preferred, name: loadLocale(t, code).name }));
  // The box to delete letters anyway, only while some are still to print or send.
  const delivered = !letters.some((letter) => letter.notYetOut);
  // The words `ua batch` says of printing after the deadline, where the box to send anyway is.
  const late = lateWarnings(site, request, site.actions).join(' ');
  const lateAdvice = late ? `${late} ${t('compose.deadlineAdvice')}` : '';
  return render(site, request, reply, 'organiser', { letters, counts, copyLanguages, late: lateAdvice, notice, delivered, closed: site.closed });
}

/** "Note: the deadline of UA … passed on …", in the reader's language, for each of these UAs whose deadline has passed. */
function lateWarnings(site: Site, request: FastifyRequest, actions: readonly Action[]): string[] {
  const lang = languageOf(request);
  const t = site.words(lang);
  return pastDeadline(actions, localDay(site.ctx.world.now())).map(({ action, deadline }) =>
    t('compose.deadlinePassed', { id: action.id, date: formatDate(deadline, loadLocale(t, lang)) }),
  );
}

/** The UAs a send would send letters of: those with a letter not set aside. */
function sentUas(site: Site): Action[] {
  const kept = new Set(site.evening.letters().flatMap((letter) => (letter.setAside ? [] : [letter.ua])));
  return site.actions.filter((action) => kept.has(action.id));
}

/** Letters per UA, per language and per country, for the projector (core/evening.ts): the page reloads itself. */
function tally(site: Site, request: FastifyRequest) {
  const lang = languageOf(request);
  const t = site.words(lang);
  const titles = new Map(site.actions.map((action) => [action.id, headline(t, action)]));
  return eveningTally(site.evening.letters(), {
    ua: (id) => titles.get(id) ?? id,
    lang: (code) => loadLocale(t, code).name,
    country: (typed) => countryIn(typed, lang),
  });
}
