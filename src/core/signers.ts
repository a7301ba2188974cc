import type { Action, Lang, Target } from './action.js';
import { chooseTargets } from './choose.js';
import { missingFields, readAnswers, type Sender, toSender } from './fields.js';
import type { Translate } from './i18n.js';
import { forTerminal } from './shown.js';

/** One person on a sign-up sheet: who they are, in which language, to whom they write. */
export interface Signer {
  /** Where the row is: "signups.csv:14". */
  row: string;
  sender: Sender;
  lang: Lang;
  targets: Target[];
}

export interface RowProblem {
  row: string;
  field: string;
  message: string;
}

/** A row of a sheet as read, before its checks: where it is, and its cells by field. */
export interface RawRow {
  /** "signups.csv:14" */
  row: string;
  cells: Record<string, unknown>;
}

/** A row to check; a row refused as read (its cells do not fit the header); or a problem of the sheet. */
export type RowOrProblem = { raw: RawRow } | { refused: RowProblem } | { problem: RowProblem };

// Spreadsheet headers people write, mapped to the answers' field names.
const ALIASES: Readonly<Record<string, string>> = {
  language: 'lang',
  idioma: 'lang',
  langue: 'lang',
  target: 'targets',
  'e-mail': 'email',
  mail: 'email',
  nombre: 'name',
  ciudad: 'city',
  país: 'country',
  pais: 'country',
};

/** Columns of a failed.csv that say what happened; read back, they are ignored. */
export const REPORT_COLUMNS: ReadonlySet<string> = new Set(['outcome', 'reason']);

export function canonicalColumn(header: string): string {
  const key = header.trim().toLowerCase();
  return ALIASES[key] ?? key;
}

/**
 * Checks one row with the same rules as flags and answers files, plus what only a UA knows:
 * its languages and targets. Spreadsheet cells are text: targets are split on spaces or commas,
 * an address on line breaks or " | ".
 */
export function checkSignerRow(
  t: Translate,
  raw: Readonly<Record<string, unknown>>,
  row: string,
  action: Action,
  defaults: { lang: Lang; targets: readonly Target[]; languages: readonly Lang[] },
): { signer?: Signer; problems: RowProblem[] } {
  const cells: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const column = canonicalColumn(key);
    if (REPORT_COLUMNS.has(column)) continue;
    cells[column] = typeof value === 'string' ? splitCell(column, value) : value;
  }
  const { answers, problems } = readAnswers(t, cells);
  const found: RowProblem[] = problems.map((p) => ({ row, field: p.key, message: p.message }));
  for (const field of missingFields(answers)) found.push({ row, field: field.key, message: t('sheet.missing') });
  const lang = answers.lang ?? defaults.lang;
  if (!defaults.languages.includes(lang))
    found.push({ row, field: 'lang', message: t('sheet.noLetterIn', { id: action.id, lang, languages: defaults.languages.join(', ') }) });
  const { targets, unknown } = chooseTargets(action, answers.targets, defaults.targets);
  if (unknown.length > 0) found.push({ row, field: 'targets', message: t('sheet.noTarget', { targets: unknown.join(', '), id: action.id }) });
  const sender = toSender(answers);
  if (found.length > 0 || !sender) return { problems: found };
  return { signer: { row, sender, lang, targets }, problems: [] };
}

function splitCell(column: string, value: string): unknown {
  if (column === 'targets') return value.split(/[\s,;|]+/).filter(Boolean);
  if (column === 'address') return value.split(/\r?\n|\s\|\s/).filter((line) => line.trim() !== '');
  return value;
}

export function formatRowProblem(problem: RowProblem): string {
  // A column's name is the sheet's: it may hold an escape sequence.
  return forTerminal(`${problem.row}: ${problem.field}: ${problem.message}`);
}

/** Unsigned copies for walk-ins: `copies` letters in each language, spread over the targets. */
export function* unsignedCopies(copies: number, languages: readonly Lang[], targets: readonly Target[]): Generator<{ lang: Lang; target: Target }> {
  for (const lang of languages) {
    for (let i = 0; i < copies; i++) {
      const target = targets[i % targets.length];
      if (target) yield { lang, target };
    }
  }
}
