import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../../core/action.js';
import { headline } from '../../core/choose.js';
import { hasRoomFor } from '../../core/evening.js';
import { forTerminal, withoutControlCharacters } from '../../core/shown.js';
import type { EveningAnswers } from '../../io/evening.js';
import { blankForm, checkForm, type FormValues, formChoices, formOf, formValues, lettersOf, letterTexts } from './letter-form.js';
import { attendeeOf, languageOf, render, type Site } from './site.js';

/** The attendee's pages: the evening's UAs, a UA's form, its preview, handing it in. */
export function attendeePages(app: FastifyInstance, site: Site): void {
  app.get('/', async (request, reply) => home(site, request, reply));
  app.get('/ua/:id', async (request, reply) => {
    const action = actionOf(site, request);
    if (!action) return notFound(site, request, reply);
    const kept = site.evening.find(who(request), action.id);
    return form(site, request, reply, action, kept ? formOf(kept.answers) : blankForm(action), {});
  });
  app.post('/ua/:id', async (request, reply) => {
    const action = actionOf(site, request);
    const values = formValues(request.body);
    if (!action) return notFound(site, request, reply);
    if (!values) return render(site, request, reply, 'message', { message: site.words(languageOf(request))('serve.page.badRequest') }, 400);
    if (site.closed) return render(site, request, reply, 'message', { message: site.words(languageOf(request))('serve.page.closed') }, 409);
    const t = site.words(languageOf(request));
    const { answers, problems } = checkForm(t, action, values);
    const step = (request.body as Record<string, unknown>).step;
    if (!answers || step === 'change') return form(site, request, reply, action, values, problems, answers ? 200 : 422);
    if (step === 'hand') return hand(site, request, reply, action, answers);
    const texts = letterTexts(await lettersOf(site.ctx.t, action, answers, site.ctx.world.now()));
    return render(site, request, reply, 'preview', { action: uaOf(site, request, action), letters: texts, values: hidden(values) });
  });
}

function home(site: Site, request: FastifyRequest, reply: FastifyReply) {
  const t = site.words(languageOf(request));
  const attendee = who(request);
  const handed = String((request.query as Record<string, unknown>)?.handed ?? '');
  const uas = site.actions.map((action) => ({ ...uaOf(site, request, action), kept: site.evening.find(attendee, action.id) !== undefined }));
  const handedUa = site.actions.find((action) => action.id === handed);
  return render(site, request, reply, 'home', { uas, handed: handedUa ? headline(t, handedUa) : '', closed: site.closed });
}

function form(site: Site, request: FastifyRequest, reply: FastifyReply, action: Action, values: FormValues, problems: Record<string, string>, status = 200) {
  const lang = languageOf(request);
  const t = site.words(lang);
  const errors = { lang: '', targets: '', name: '', city: '', country: '', email: '', about: '', note: '', ...problems };
  // What was typed comes back as text; a control character (refused anyway) is not sent back to the screen.
  const shown = {
    ...values,
    ...Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? withoutControlCharacters(value) : value])),
  };
  const data = { action: uaOf(site, request, action), values: shown, errors, hasErrors: Object.keys(problems).length > 0, closed: site.closed };
  return render(site, request, reply, 'form', { ...data, ...formChoices(t, lang, action, values) }, status);
}

/** Kept on disk before the attendee is told; said on the organiser's terminal. */
function hand(site: Site, request: FastifyRequest, reply: FastifyReply, action: Action, answers: EveningAnswers) {
  const { evening, ctx } = site;
  const attendee = who(request);
  const earlier = evening.find(attendee, action.id);
  if (!hasRoomFor(evening.letters().length, earlier !== undefined))
    return render(site, request, reply, 'message', { message: site.words(languageOf(request))('serve.page.full') }, 409);
  const kept = evening.keep(attendee, action.id, answers, ctx.world.now());
  const words = {
    seq: kept.seq,
    id: action.id,
    name: forTerminal(answers.name),
    place: forTerminal(`${answers.city}, ${answers.country}`),
    lang: answers.lang,
  };
  ctx.tell(earlier ? ctx.t('serve.changed', words) : ctx.t('serve.arrived', { ...words, targets: answers.targets.join(', ') }));
  return reply.redirect(`/?handed=${encodeURIComponent(action.id)}`, 303);
}

function actionOf(site: Site, request: FastifyRequest): Action | undefined {
  const id = (request.params as { id?: string }).id;
  return site.actions.find((action) => action.id === id);
}

const who = (request: FastifyRequest): string => attendeeOf(request) ?? '';

function uaOf(site: Site, request: FastifyRequest, action: Action) {
  const t = site.words(languageOf(request));
  return { id: action.id, headline: headline(t, action), href: `/ua/${encodeURIComponent(action.id)}` };
}

/** The answers carried by the preview's form, to hand in or change. */
const hidden = (values: FormValues) => ({ ...values, targets: values.targets });

function notFound(site: Site, request: FastifyRequest, reply: FastifyReply) {
  return render(site, request, reply, 'message', { message: site.words(languageOf(request))('serve.page.notFound') }, 404);
}
