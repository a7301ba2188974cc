import type { GlobalOptions } from '../cli.js';
import { type Action, type Lang, letterLanguages, type Target, usesTemplates } from '../core/action.js';
import { localDay } from '../core/dates.js';
import { EXTENSIONS, type Format } from '../core/render.js';
import { quoted } from '../core/shown.js';
import { dataError, usageError } from '../errors.js';
import { t } from '../i18n.js';
import { readConfig } from '../io/config.js';
import type { Paper } from '../io/pdf.js';
import { progressBar } from '../io/progress.js';
import { loadLocale, Repository } from '../io/repository.js';
import { countRows } from '../io/signers.js';
import { note, styleFor } from '../io/style.js';
import type { World } from '../world.js';
import { type BatchLetter, batchLetters, newTally, printableOnly, type RowDefaults, readSheet, sheetSource, verifySheet } from './batch-rows.js';
import { csvSeparator } from './csv-separator.js';
import { warnDeadline } from './deadline-note.js';
import { decideInteractive } from './interactivity.js';
import type { SendingFlags } from './send.js';
import { asUaFileError } from './ua-file-errors.js';

export interface BatchFlags extends SendingFlags {
  signers?: string;
  copies?: string;
  lang?: string;
  target?: string[];
  skipInvalid?: boolean;
  format?: string;
  out?: string;
  force?: boolean;
  paper?: Paper;
  labels?: boolean;
  envelopes?: boolean;
  rate?: string;
  connections?: string;
  interactive?: boolean;
  csvSep?: string;
}

/** `ua batch`: a letter-writing evening's pile of letters, printed or sent. */
export async function batch(id: string, flags: BatchFlags, globals: GlobalOptions, world: World): Promise<number> {
  // Printing thousands of letters would double this process's memory for garbage it does not
  // keep: the run goes to a worker thread with a small young generation (see io/worker-run.ts).
  // Sending stays here, where its prompts have the terminal.
  if (!flags.send && world.inWorkerThread) return world.inWorkerThread();
  const loaded = await (await Repository.open(world, globals.actionsDirs)).find(id);
  return batchFor(loaded.action, flags, globals, world).catch((error) => Promise.reject(asUaFileError(error, loaded.file)));
}

async function batchFor(action: Action, flags: BatchFlags, globals: GlobalOptions, world: World): Promise<number> {
  const say = (text: string) => note(world.stderr, globals, text);
  // Letters printed after the deadline may still help; the organiser is told, as at compose.
  if (!flags.send) warnDeadline(action, world, say, styleFor(world.stderr, globals).warn);

  // 1. What the flags ask for: whose letters, in which languages, to whom.
  const languages = letterLanguages(action);
  const chosenLangs = parseLanguages(flags.lang, action, languages);
  const targets = chooseTargets(action, flags.target);
  const copies = parseCount(flags.copies);
  if (!flags.signers && copies === 0) throw usageError(t('batch.nothingToWrite'), t('batch.nothingToWriteHint'));
  const defaults: RowDefaults = { lang: chosenLangs[0] ?? defaultLanguage(action, languages), targets, languages };

  // 2. The letters, as a stream: the sheet's signers one at a time, then the unsigned copies.
  // Rows are checked as they come; nothing is committed before the whole sheet was read.
  const source = flags.signers ? sheetSource(flags.signers, world.cwd) : undefined;
  const tally = newTally();
  const verify = () => source && verifySheet(tally, source.shown, flags.skipInvalid === true, say);
  const templates = usesTemplates(action) ? (await import('../core/letter-engine.js')).renderLetterTemplate : undefined;
  const copyLanguages = chosenLangs.length > 0 ? chosenLangs : [defaults.lang];
  const composed = batchLetters(
    source ? readSheet(source, action, defaults, tally) : undefined,
    { count: copies, languages: copyLanguages, targets },
    {
      action,
      today: localDay(world.now()),
      locale: loadLocale,
      templates,
    },
  );

  const letters = !flags.send && (flags.format ?? 'pdf') === 'pdf' ? printableOnly(composed, tally) : composed;

  // 3. Out: by email, or as a print pack with labels, envelopes and a tally.
  if (flags.send) return sendLetters(action, letters, verify, flags, { globals, world });
  const expected = (source ? countRows(source.path) * targets.length : 0) + copies * copyLanguages.length;
  return printLetters(letters, verify, flags, `UA ${action.id}: ${action.title}`, expected, { globals, world, say });
}

async function sendLetters(
  action: Action,
  letters: AsyncIterable<BatchLetter>,
  verify: () => void,
  flags: BatchFlags,
  { globals, world }: { globals: GlobalOptions; world: World },
): Promise<number> {
  const { batchSend } = await import('./batch-send.js');
  const config = await readConfig(world.env);
  const interactive = decideInteractive(flags, world);
  const options = {
    ...flags,
    rate: parseRate(flags.rate),
    connections: parseConnections(flags.connections),
    csvSeparator: csvSeparator(flags.csvSep, world.env),
  };
  return batchSend({ action, letters, verify, options, config, interactive, globals, world });
}

async function printLetters(
  letters: AsyncIterable<BatchLetter>,
  verify: () => void,
  flags: BatchFlags,
  title: string,
  expected: number,
  { globals, world, say }: { globals: GlobalOptions; world: World; say: (text: string) => void },
): Promise<number> {
  if (!flags.out) throw usageError(t('batch.outNeeded'));
  const { printBatch } = await import('./batch-print.js');
  const format = (flags.format ?? 'pdf') as Format | 'pdf';
  const summary = await printBatch(
    letters,
    {
      out: flags.out,
      cwd: world.cwd,
      force: flags.force === true,
      format,
      paper: flags.paper ?? 'a4',
      labels: flags.labels !== false,
      envelopes: flags.envelopes !== false,
      csvSeparator: csvSeparator(flags.csvSep, world.env),
      title,
      progress: progressBar(world.stderr, expected, t('batch.writing'), globals.quiet),
      expected,
      beforeCommit: verify,
    },
    world,
  );
  const files = summary.files.join(', ');
  say(
    format === 'pdf'
      ? t('batch.wrotePack', { count: summary.letters, folder: flags.out, files })
      : t('batch.wroteFiles', { count: summary.letters, folder: flags.out, files, extension: EXTENSIONS[format] }),
  );
  const unposted = summary.letters - summary.posted;
  if (unposted > 0) say(t('batch.unposted', { count: unposted }));
  return 0;
}

function parseLanguages(text: string | undefined, action: Action, languages: readonly Lang[]): Lang[] {
  if (!text) return [];
  const chosen = text
    .split(',')
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
  const unknown = chosen.filter((code) => !languages.includes(code));
  if (unknown.length > 0)
    throw usageError(
      t('compose.noLetterIn', { id: action.id, lang: unknown.map((c) => quoted(c)).join(', ') }),
      t('compose.chooseLanguage', { languages: languages.join(', ') }),
    );
  return chosen;
}

function chooseTargets(action: Action, typed: readonly string[] | undefined): Target[] {
  const ids = typed?.map((id) => id.toLowerCase());
  if (!ids || ids.includes('all')) return action.targets;
  const unknown = ids.filter((id) => !action.targets.some((target) => target.id === id));
  if (unknown.length > 0)
    throw usageError(
      t('compose.noTarget', { id: action.id, targets: unknown.map((id) => quoted(id)).join(', ') }),
      t('compose.targets', { targets: action.targets.map((target) => target.id).join(', ') }),
    );
  return action.targets.filter((target) => ids.includes(target.id));
}

function defaultLanguage(action: Action, languages: readonly Lang[]): Lang {
  if (languages.includes(action.languages.preferred)) return action.languages.preferred;
  if (languages.length === 0) throw dataError(t('compose.noLetter', { id: action.id }), t('compose.noLetterHint'));
  return languages.includes('en') ? 'en' : (languages[0] as Lang);
}

function parseCount(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 10_000) throw usageError(t('batch.notACount', { value: quoted(text) }));
  return value;
}

/** Providers allow a few connections side by side; more than 50 would be refused or look like abuse. */
function parseConnections(text: string | undefined): number {
  if (text === undefined) return 5;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 50) throw usageError(t('batch.badConnections', { value: quoted(text) }));
  return value;
}

const UNITS: Readonly<Record<string, number>> = { s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000 };

/** "10/s", "100/min", "500/h": a provider's sending limit. */
export function parseRate(text: string | undefined): { count: number; perMs: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\s*\/\s*(s|sec|min|m|h)$/.exec(text.trim());
  const count = Number(match?.[1]);
  const perMs = UNITS[match?.[2] ?? ''];
  if (!match || !perMs || count < 1) throw usageError(t('batch.badRate', { value: quoted(text) }), t('batch.badRateHint'));
  return { count, perMs };
}
