import { isAbsolute, relative } from 'node:path';
import type { Action, LoadedAction, Target } from '../../core/action.js';
import { asksIn, letterFor, letterLanguages, localize } from '../../core/action.js';
import { headline } from '../../core/choose.js';
import { deadlineStatus, describeDeadline, localDay, parseIsoDate } from '../../core/dates.js';
import { reportedLine } from '../../core/feed-totals.js';
import type { Translate } from '../../core/i18n.js';
import { displayWidth, fitLines, wrapTo } from '../../core/screen.js';
import { forTerminal, forTerminalDeep, quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import { loadLocale, Repository } from '../../io/repository.js';
import { screenWidth } from '../../io/style.js';
import type { Style } from '../../world.js';
import { sourceName } from '../common/where-from.js';
import type { Context } from '../context.js';
import { actionLines, reachLines } from './channels.js';

export interface ShowOptions {
  /** Titles and salutations in this letter language. */
  lang?: string;
  json: boolean;
}

// Into a file or a pipe; a terminal gets its own width (screenWidth).
const WIDTH = 78;
/** How the text is drawn: its colours and the columns it may take. */
interface View {
  style: Style;
  width: number;
  t: Translate;
  /** The interface's language: titles are shown in it when the UA has it. */
  uiLang: string;
  /** The time each target's clock is shown at. */
  now: Date;
}

const SOCIAL_NAMES: Readonly<Record<string, string>> = { twitter: 'Twitter', x: 'X', instagram: 'Instagram', facebook: 'Facebook' };

export async function show(id: string, options: ShowOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // 1. The UA, and the language to show titles and salutations in.
  const repository = await Repository.open(t, world, ctx.globals.actionsDirs);
  const loaded = await repository.find(id);
  const { file } = loaded;
  // The section's total, when the UA comes from a feed that signed one.
  const reported = loaded.source?.feed ? repository.trust.reported(file, loaded.source.feed) : undefined;
  const langs = letterLanguages(loaded.action);
  if (options.lang && !langs.includes(options.lang)) {
    throw usageError(
      t('compose.noLetterIn', { id: loaded.action.id, lang: quoted(options.lang) }),
      t('compose.chooseLanguage', { languages: langs.join(', ') }),
    );
  }
  const today = localDay(world.now());
  const deadline = parseIsoDate(loaded.action.deadline);
  const status = deadline ? deadlineStatus(deadline, today) : undefined;

  // 2. JSON: the UA as written, plus what the tool worked out.
  if (options.json) {
    const days = status ? (status.open ? { open: true, days_left: status.daysLeft } : { open: false, days_left: null }) : {};
    world.stdout.write(
      `${JSON.stringify({ ...loaded.action, ...days, file, source: loaded.source ?? null, hides: loaded.hides ?? [], reported: reported ?? null }, null, 2)}\n`,
    );
    return 0;
  }

  // 3. Text: the whole case, section by section, safe for a terminal whatever the file holds.
  // Every line fits the screen, broken between words: the long values by indent(), the rest here.
  const view: View = { style: ctx.style(world.stdout), width: screenWidth(world.stdout, world.env, WIDTH), t, uiLang: ctx.uiLang, now: world.now() };
  // Where to report: the UA file's own block when it names somewhere, else its feed's (as ua report --submit chooses).
  const own = loaded.action.report;
  const feedReport = !own?.email && !own?.url && loaded.source?.feed ? repository.trust.report(file, loaded.source.feed) : undefined;
  const action = forTerminalDeep(feedReport ? { ...loaded.action, report: { ...own, ...feedReport } } : loaded.action);
  const deadlineText = deadline ? describeDeadline(t, deadline, today, loadLocale(t, ctx.uiLang)) : action.deadline;
  const total = reported ? [reportedLine(t, reported, ctx.uiLang, loadLocale(t, ctx.uiLang))] : [];
  const out = [
    ...headerLines(action, deadlineText, status?.open === false, view),
    ...whereFrom(loaded, ctx),
    ...total,
    ...bodyLines(action, options.lang, view),
  ];
  out.push('', view.style.dim(t('show.next', { id: action.id })));
  // A file or a pipe gets the text as it always has: the long lines whole, for grep.
  world.stdout.write(`${world.stdout.isTTY ? fitLines(out.join('\n'), view.width) : out.join('\n')}\n`);
  return 0;
}

/** The file used and where it came from; the files with the same id it hides, if any. */
function whereFrom(loaded: LoadedAction, { t, world }: Context): string[] {
  const source = loaded.source ? sourceName(t, loaded.source) : t('source.bundled');
  const lines = [t('punct.labelled', { label: t('show.source'), value: `${source} — ${forTerminal(loaded.file)}` })];
  for (const hidden of loaded.hides ?? []) lines.push(`  ${t('show.hides', { file: forTerminal(relativeOr(hidden, world.cwd)) })}`);
  return lines;
}

function relativeOr(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path.startsWith('..') || isAbsolute(path) ? file : path;
}

function headerLines(action: Action, deadlineText: string, expired: boolean, view: View): string[] {
  const { style, t } = view;
  const langs = letterLanguages(action);
  const out: string[] = [style.bold(headline(t, action))];
  out.push(`${t('show.deadline')} ${expired ? style.warn(deadlineText) : deadlineText}`);
  if (expired && action.deadline_note) out.push(...indent(action.deadline_note, view.width));
  if (action.issued) out.push(`${t('show.issued')} ${action.issued}`);
  if (action.index) out.push(`${t('show.index')} ${action.index}`);
  if (action.update_of) out.push(t('show.followsUp', { id: action.update_of }));
  for (const subject of action.subjects ?? []) out.push(`${t('show.about')} ${subject.name}${subject.pronouns ? ` (${subject.pronouns})` : ''}`);
  const own = action.languages.own_language_ok ? ` — ${t('show.ownLanguage')}` : '';
  const codes = langs.map((l) => (l === action.languages.preferred ? t('show.preferred', { code: l }) : l)).join(', ');
  out.push(`${t('show.languages')} ${codes}${own}`);
  if (!langs.includes(action.languages.preferred)) out.push(`${t('show.preferredOfTargets')} ${action.languages.preferred}`);
  return out;
}

function bodyLines(action: Action, lang: string | undefined, view: View): string[] {
  const { style, width, t, uiLang } = view;
  const out: string[] = [];
  section(out, view, t('show.summary'), action.summary);
  section(out, view, t('show.takeAction'), action.take_action);
  // Titles in the letter language asked for, else in the volunteer's own when the UA has it.
  const titles = lang ?? (letterLanguages(action).includes(uiLang) ? uiLang : 'en');
  const asks = asksIn(action, titles);
  if (asks.length) out.push('', style.bold(t('show.asks')), ...asks.flatMap((ask, i) => indent(ask, width, `  ${i + 1}. `)));
  out.push('', style.bold(t('show.targets')));
  for (const target of action.targets) out.push(...describeTarget(target, action, lang, titles, view));
  const channels = actionLines(t, action);
  if (channels.length) out.push('', ...channels);
  out.push('', style.bold(t('show.subjects')));
  for (const code of lang ? [lang] : letterLanguages(action))
    out.push(...indent(letterFor(action, code, action.targets[0]?.id ?? '')?.subject ?? '', width, `  ${t('punct.label', { label: code })} `));
  section(out, view, t('show.background'), action.background);
  if (action.previous) out.push('', `${t('show.previous')} ${action.previous.title}${action.previous.url ? ` <${action.previous.url}>` : ''}`);
  if (action.report) out.push('', `${t('show.report')} ${[action.report.note, action.report.email, action.report.url].filter(Boolean).join(' ')}`);
  return out;
}

function describeTarget(target: Target, action: Action, lang: string | undefined, shown: string, { style, width, t, uiLang, now }: View): string[] {
  const lines = [`  ${t('punct.label', { label: `${style.accent(target.id)}${target.copy ? ` ${t('show.copy')}` : ''}` })} ${target.name}`];
  const add = (label: string, value: string | undefined) => {
    if (value) lines.push(...indent(value, width, `      ${t('punct.label', { label })} `));
  };
  add(t('show.title'), localize(target.title, shown));
  add(t('show.organisation'), localize(target.organisation, shown));
  const salutations = lang ? { [lang]: target.salutation[lang] } : target.salutation;
  for (const [code, text] of Object.entries(salutations)) add(t('show.salutation', { code }), text);
  add(t('show.address'), target.address?.join(', '));
  add(t('show.email'), target.email?.join(', '));
  for (const [label, value] of reachLines(t, action, target, now, uiLang)) add(label, value);
  for (const [network, handle] of Object.entries(target.social ?? {})) add(SOCIAL_NAMES[network] ?? network, handle);
  add(t('show.contactForm'), target.contact_form);
  if (action.letters && lang && action.letters[lang]?.by_target?.[target.id]) lines.push(`      ${t('show.ownLetter')}`);
  return lines;
}

function section(out: string[], { style, width }: View, heading: string, text: string | undefined): void {
  if (!text) return;
  out.push('', style.bold(heading));
  for (const paragraph of text.split(/\n\s*\n/)) out.push(...indent(paragraph.replace(/\s*\n\s*/g, ' '), width), '');
  out.pop();
}

/** A value after its label, wrapped to the width, its next lines aligned under its first. */
function indent(text: string, width: number, first = '  '): string[] {
  const pad = ' '.repeat(displayWidth(first));
  return wrapTo(text, Math.max(20, width - pad.length))
    .split('\n')
    .map((line, i) => `${i === 0 ? first : pad}${line}`);
}
