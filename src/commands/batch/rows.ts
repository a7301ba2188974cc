import { resolve } from 'node:path';
import type { Action, Lang, Target } from '../../core/action.js';
import { composeLetters, type Letter, type TemplateEngine } from '../../core/compose.js';
import type { CalendarDate } from '../../core/dates.js';
import type { Translate } from '../../core/i18n.js';
import { signerIdentity } from '../../core/identity.js';
import type { Locale } from '../../core/locale.js';
import { quoted } from '../../core/shown.js';
import { checkSignerRow, formatRowProblem, type RowProblem, type Signer, unsignedCopies } from '../../core/signers.js';
import { dataError } from '../../errors.js';
import { openSheet, readSignerRows, type Sheet } from '../../io/signers.js';

export interface SheetSource {
  /** The file as given, and as the user reads it in messages. */
  path: string;
  shown: string;
  sheet: Sheet;
}

export interface RowDefaults {
  lang: Lang;
  targets: readonly Target[];
  languages: readonly Lang[];
}

/** What reading the sheet found: kept as the rows stream by, checked before anything is committed. */
export interface SheetTally {
  valid: number;
  invalid: number;
  problems: RowProblem[];
}

export const newTally = (): SheetTally => ({ valid: 0, invalid: 0, problems: [] });

/**
 * The valid signers, one at a time (a sheet is never held whole); the problems of the others
 * go to the tally. Letters are produced in the same pass, into a staging folder or a list of
 * emails; nothing reaches --out or a server until the whole sheet was read (see verifySheet).
 */
export async function* readSheet(t: Translate, source: SheetSource, action: Action, defaults: RowDefaults, tally: SheetTally): AsyncGenerator<Signer> {
  const firstRow = new Map<string, string>();
  for await (const item of readSignerRows(t, source.path, source.shown, source.sheet)) {
    if ('problem' in item) {
      tally.problems.push(item.problem);
      continue;
    }
    if ('refused' in item) {
      tally.invalid++;
      tally.problems.push(item.refused);
      continue;
    }
    const checked = checkSignerRow(t, item.raw.cells, item.raw.row, action, defaults);
    const { signer, problems } = checked.signer ? noSecondLetter(t, checked.signer, firstRow) : checked;
    if (signer) {
      tally.valid++;
      yield signer;
    } else {
      tally.invalid++;
      tally.problems.push(...problems);
    }
  }
}

/**
 * One person writes one letter to an official: a row that repeats a signer (the same email,
 * else the same name and city) for a target they already write to is a problem of the sheet,
 * naming both lines (with --skip-invalid the first stays). Two letters would reach the official.
 */
function noSecondLetter(t: Translate, signer: Signer, firstRow: Map<string, string>): { signer?: Signer; problems: RowProblem[] } {
  const identity = signerIdentity(signer.sender);
  const problems: RowProblem[] = [];
  for (const target of signer.targets) {
    const earlier = firstRow.get(`${identity}\u0000${target.id}`);
    if (earlier)
      problems.push({
        row: signer.row,
        field: signer.sender.email ? 'email' : 'name',
        message: t(signer.sender.email ? 'batch.sameSignerEmail' : 'batch.sameSignerName', { row: earlier, target: target.id }),
      });
  }
  if (problems.length > 0) return { problems };
  for (const target of signer.targets) firstRow.set(`${identity}\u0000${target.id}`, signer.row);
  return { signer, problems };
}

/** Every problem at once, one line each (`signups.csv:14: email: not an email address`). */
export function verifySheet(t: Translate, tally: SheetTally, shown: string, skipInvalid: boolean, say: (text: string) => void): void {
  if (tally.problems.length > 0 && !skipInvalid) {
    const rows = new Set(tally.problems.map((p) => p.row)).size;
    throw dataError(
      t('batch.rowsWithProblems', { sheet: shown, count: rows }),
      t('batch.rowsWithProblemsHint', { count: rows }),
      tally.problems.map(formatRowProblem),
    );
  }
  if (tally.invalid > 0) say(`${t('batch.skipped', { count: tally.invalid })} ${t('batch.wentAhead', { count: tally.valid })}`);
}

export interface LetterContext {
  t: Translate;
  action: Action;
  today: CalendarDate;
  locale: (lang: Lang) => Locale;
  templates?: TemplateEngine;
}

export interface BatchLetter {
  letter: Letter;
  signer?: Signer;
  /** 1, 2, 3… in the order of the print pack. */
  seq: number;
}

/** The letters of the evening: each signer's, to each of their targets; then the unsigned copies. */
export async function* batchLetters(
  signers: AsyncIterable<Signer> | undefined,
  copies: { count: number; languages: readonly Lang[]; targets: readonly Target[] },
  context: LetterContext,
): AsyncGenerator<BatchLetter> {
  let seq = 0;
  const { t, action, today, templates } = context;
  if (signers) {
    for await (const signer of signers) {
      for (const letter of composeLetters({
        t,
        action,
        lang: signer.lang,
        targets: signer.targets,
        sender: signer.sender,
        today,
        locale: context.locale(signer.lang),
        templates,
      })) {
        yield { letter, signer, seq: ++seq };
      }
    }
  }
  for (const { lang, target } of unsignedCopies(copies.count, copies.languages, copies.targets)) {
    for (const letter of composeLetters({ t, action, lang, targets: [target], sender: null, today, locale: context.locale(lang), templates })) {
      yield { letter, seq: ++seq };
    }
  }
}

/** The sheet, opened: read now if it is a pipe, before a staging folder or a handler for Ctrl-C exists. */
export function sheetSource(t: Translate, path: string, cwd: string): SheetSource {
  const full = resolve(cwd, path);
  return { path: full, shown: path, sheet: openSheet(t, full, path) };
}

/**
 * For a print pack: the letters a PDF can print as written. A signer whose details hold
 * characters it cannot print (a script the fonts lack, or one written right to left) is a
 * problem of the sheet, named with its row like any other, so nothing prints as empty boxes.
 */
export async function* printableOnly(t: Translate, letters: AsyncIterable<BatchLetter>, tally: SheetTally): AsyncGenerator<BatchLetter> {
  const { listCharacters, unprintable } = await import('../../io/pdf-fonts.js');
  const { letterTexts, unprintableFields } = await import('../common/printable.js');
  const checkedTexts = new Set<string>();
  const refused = new Set<string>();
  for await (const batchLetter of letters) {
    const { letter, signer } = batchLetter;
    if (signer && refused.has(signer.row)) continue;
    // The UA's own text is the same for every letter of a language and target: checked once.
    const shared = `${letter.lang}\u0000${letter.targetId}`;
    const texts = checkedTexts.has(shared)
      ? Object.values(signer?.sender ?? {})
          .flat()
          .map(String)
      : letterTexts(letter);
    checkedTexts.add(shared);
    const missing = await unprintable(texts);
    if (missing.length === 0) {
      yield batchLetter;
      continue;
    }
    const fields = unprintableFields(signer?.sender ?? null, missing);
    if (!signer || fields.length === 0) throw dataError(t('pdf.cannotPrintUa', { characters: listCharacters(missing), id: letter.actionId }), t('pdf.useHtml'));
    refused.add(signer.row);
    tally.valid--;
    tally.invalid++;
    for (const [flag, value] of fields)
      tally.problems.push({
        row: signer.row,
        field: flag.replace(/^--/, ''),
        message: t('pdf.cannotPrintRow', { value: quoted(value), characters: listCharacters(missing) }),
      });
  }
}
