import { type Action, letterFor, usesTemplates } from './action.js';
import { checkEmail } from './address.js';
import { LetterTemplateError, letterPath, renderTemplate, templateScope } from './compose.js';
import { parseIsoDate } from './dates.js';
import type { Sender } from './fields.js';
import type { Translate } from './i18n.js';
import { normalizeId } from './ids.js';
import { isRecord } from './is-record.js';
import { renderLetterTemplate } from './letter-engine.js';
import type { Found, PathSegment, Problem } from './problems.js';
import { formatPath, sortProblems } from './problems.js';
import { schemaProblems } from './schema-problems.js';
import { firstControlCharacter } from './shown.js';
import { checkTemplate } from './template-check.js';
import { checkLine } from './text-checks.js';
import { channelProblems } from './validate-channels.js';
import type { YamlSource } from './yaml-source.js';
import { parseYamlSource } from './yaml-source.js';

/** Reads a UA file's text: the action when it is valid, else every problem. */
export function checkActionText(
  t: Translate,
  text: string,
  file: string,
  layoutLangs: readonly string[],
  fileId?: string,
): { action?: Action; problems: Problem[] } {
  const source = parseYamlSource(t, text, file);
  const problems = validateAction(t, source, file, layoutLangs, fileId);
  if (problems.length > 0) return { problems };
  // One form of each id everywhere ("105/22" and "UA 105.22" are 105.22): journal keys, file names, lookups.
  const action = source.data as Action;
  return { action: { ...action, id: normalizeId(action.id) }, problems };
}

/** Every problem of a parsed UA file, in file order: schema, then the rules a schema cannot say. */
export function validateAction(t: Translate, source: YamlSource, file: string, layoutLangs: readonly string[], fileId?: string): Problem[] {
  if (source.problems.length > 0) return source.problems;
  const checked = [
    ...schemaProblems(t, source.data),
    ...ruleProblems(t, source.data),
    ...(isRecord(source.data) ? channelProblems(t, source.data) : []),
    ...layoutProblems(t, source.data, layoutLangs),
    ...fileNameProblems(t, source.data, fileId),
  ];
  // A file the rules accept is rendered once: what validates, composes.
  const found = checked.length > 0 ? checked : renderProblems(t, source.data as Action);
  const problems = found.map(({ path, at, message, inside }) => {
    const position = inside ? source.locateInside(path, inside.line, inside.col) : source.locate(path, at);
    return { file, ...position, path: formatPath(path), message };
  });
  return sortProblems(dedupe(problems));
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.col}:${p.path}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// 1. The JSON Schema (actions/action.schema.json), compiled at build time.

function ruleProblems(t: Translate, data: unknown): Found[] {
  if (!isRecord(data)) return [];
  const action = data as Partial<Action>;
  const found: Found[] = controlProblems(t, data, []);
  found.push(...dateProblems(t, action));
  const targets = Array.isArray(action.targets) ? action.targets : [];
  const letterLangs = isRecord(action.letters) ? Object.keys(action.letters) : [];
  const ids = new Set<string>();
  targets.forEach((target, index) => {
    if (!isRecord(target)) return;
    if (typeof target.id === 'string') {
      if (ids.has(target.id)) found.push({ path: ['targets', index, 'id'], at: 'value', message: t('schema.duplicateTarget', { id: target.id }) });
      ids.add(target.id);
    }
    found.push(...targetProblems(t, target, index, letterLangs));
  });
  if (isRecord(action.letters)) found.push(...letterProblems(t, action.letters, ids));
  return found;
}

/**
 * Control characters in any text (tab and line breaks aside): an ESC sequence in a title can
 * clear a volunteer's screen or retitle the terminal, and in a letter it reaches an official.
 */
function controlProblems(t: Translate, value: unknown, path: PathSegment[]): Found[] {
  if (typeof value === 'string') {
    const char = firstControlCharacter(value);
    if (!char) return [];
    const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return [{ path, at: 'value', message: t('schema.control', { code }) }];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => controlProblems(t, item, [...path, index]));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => controlProblems(t, item, [...path, key]));
  return [];
}

function dateProblems(t: Translate, action: Partial<Action>): Found[] {
  const found: Found[] = [];
  // The report address is checked as a target's is: `ua report --submit` sends to it.
  const reportEmail = isRecord(action.report) ? action.report.email : undefined;
  const reportProblem = typeof reportEmail === 'string' ? checkEmail(t, reportEmail) : undefined;
  if (reportProblem) found.push({ path: ['report', 'email'], at: 'value', message: `${JSON.stringify(reportEmail)}: ${reportProblem}` });
  for (const key of ['issued', 'deadline'] as const) {
    const value = action[key];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !parseIsoDate(value)) {
      found.push({ path: [key], at: 'value', message: t('schema.notInCalendar', { value }) });
    }
  }
  if (typeof action.issued === 'string' && typeof action.deadline === 'string' && action.issued > action.deadline) {
    found.push({ path: ['deadline'], at: 'value', message: t('schema.beforeIssued', { date: action.issued }) });
  }
  return found;
}

function targetProblems(t: Translate, target: Record<string, unknown>, index: number, letterLangs: string[]): Found[] {
  const found: Found[] = [];
  const at = (...rest: PathSegment[]): PathSegment[] => ['targets', index, ...rest];
  if (Array.isArray(target.email)) {
    target.email.forEach((email, i) => {
      const message = typeof email === 'string' ? checkEmail(t, email) : undefined;
      if (message) found.push({ path: at('email', i), at: 'value', message: `${JSON.stringify(email)}: ${message}` });
    });
  }
  for (const key of ['name', 'address'] as const) {
    const values = Array.isArray(target[key]) ? (target[key] as unknown[]) : [target[key]];
    values.forEach((value, i) => {
      const message = typeof value === 'string' ? checkLine(t, value) : undefined;
      if (message) found.push({ path: Array.isArray(target[key]) ? at(key, i) : at(key), at: 'value', message });
    });
  }
  if (isRecord(target.salutation)) {
    for (const lang of letterLangs) {
      if (!(lang in target.salutation)) {
        found.push({ path: at('salutation'), at: 'value', message: t('schema.noSalutation', { lang }) });
      }
    }
  }
  return found;
}

function letterProblems(t: Translate, letters: Record<string, unknown>, targetIds: Set<string>): Found[] {
  const found: Found[] = [];
  for (const [lang, letter] of Object.entries(letters)) {
    if (!isRecord(letter)) continue;
    found.push(...templateProblems(t, ['letters', lang], letter));
    if (!isRecord(letter.by_target)) continue;
    for (const [id, variant] of Object.entries(letter.by_target)) {
      if (!targetIds.has(id)) found.push({ path: ['letters', lang, 'by_target', id], at: 'key', message: t('schema.noSuchTarget', { id }) });
      if (isRecord(variant)) found.push(...templateProblems(t, ['letters', lang, 'by_target', id], variant));
    }
  }
  return found;
}

function templateProblems(t: Translate, path: PathSegment[], letter: Record<string, unknown>): Found[] {
  const found: Found[] = [];
  for (const key of ['subject', 'body'] as const) {
    const text = letter[key];
    if (typeof text !== 'string') continue;
    if (key === 'subject' && /[\r\n]/.test(text.trim())) {
      found.push({ path: [...path, key], at: 'value', message: t('check.singleLine') });
    }
    for (const issue of checkTemplate(t, text)) {
      found.push({ path: [...path, key], at: 'value', message: issue.message, inside: { line: issue.line, col: issue.col } });
    }
  }
  return found;
}

/** A UA file is named by its id (actions/105.22.yaml): a file that says otherwise would be found under the wrong UA. */
function fileNameProblems(t: Translate, data: unknown, fileId: string | undefined): Found[] {
  if (fileId === undefined || !isRecord(data) || typeof data.id !== 'string') return [];
  if (normalizeId(data.id) === normalizeId(fileId)) return [];
  return [
    {
      path: ['id'],
      at: 'value',
      message: t('schema.idNotFileName', { id: data.id, fileId, fileName: `${normalizeId(data.id)}.yaml` }),
    },
  ];
}

/** A letter language needs the engine's pieces for it (templates/locales/<lang>.yaml). */
function layoutProblems(t: Translate, data: unknown, layoutLangs: readonly string[]): Found[] {
  if (!isRecord(data) || !isRecord(data.letters)) return [];
  return Object.keys(data.letters)
    .filter((lang) => /^[a-z]{2}$/.test(lang) && !layoutLangs.includes(lang))
    .map((lang) => ({ path: ['letters', lang], at: 'key' as const, message: t('repository.noLayout', { lang }) }));
}

// 4. Rendering: every letter template, for every target, with a full, a bare and no sender
// (an unsigned copy), so that a file that validates never fails at "ua compose".

const SAMPLE_SENDERS: readonly (Sender | null)[] = [
  {
    name: 'Ana Pérez',
    city: 'Leeds',
    country: 'United Kingdom',
    email: 'ana@example.org',
    address: ['1 High Street', 'Flat 2'],
    about: 'I teach history.',
    note: 'A note.',
  },
  { name: 'Ana Pérez', city: 'Leeds', country: 'United Kingdom' },
  null,
];

function renderProblems(t: Translate, action: Action): Found[] {
  if (!usesTemplates(action)) return [];
  return Object.keys(action.letters ?? {}).flatMap((lang) =>
    action.targets
      .filter((target) => target.salutation[lang])
      .flatMap((target) => SAMPLE_SENDERS.flatMap((sender) => renderOnce(t, action, lang, target, sender))),
  );
}

/** One letter's subject and body, for one target and sender: the problems of rendering them. */
function renderOnce(t: Translate, action: Action, lang: string, target: Action['targets'][number], sender: Sender | null): Found[] {
  const source = letterFor(action, lang, target.id);
  const scope = templateScope(action, target, sender, lang, sender ? `${sender.city} (${sender.country})` : '');
  const found: Found[] = [];
  for (const field of ['subject', 'body'] as const) {
    const text = source?.[field] ?? '';
    if (!text.includes('{{')) continue;
    try {
      renderTemplate(t, renderLetterTemplate, text, scope, letterPath(action, lang, target.id, field));
    } catch (error) {
      if (!(error instanceof LetterTemplateError)) throw error;
      found.push({ path: [...error.path], at: 'value', message: error.message, ...(error.at ? { inside: error.at } : {}) });
    }
  }
  return found;
}
