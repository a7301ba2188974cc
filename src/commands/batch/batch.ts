import { resolve } from 'node:path';
import { type Action, type Lang, letterLanguages, usesTemplates } from '../../core/action.js';
import { defaultLanguage, documentTitle } from '../../core/choose.js';
import type { Letter } from '../../core/compose.js';
import type { CsvSeparator } from '../../core/csv.js';
import { isoDate, localDay } from '../../core/dates.js';
import type { Sender } from '../../core/fields.js';
import { type BATCH_FORMATS, extensionOf } from '../../core/formats.js';
import type { Translate } from '../../core/i18n.js';
import { normalizeId } from '../../core/ids.js';
import type { Locale } from '../../core/locale.js';
import { forTerminal } from '../../core/shown.js';
import { dataError, usageError } from '../../errors.js';
import { readConfig } from '../../io/config.js';
import type { Rate } from '../../io/mail/rate.js';
import type { Paper } from '../../io/pdf.js';
import { progressBar } from '../../io/progress.js';
import { loadLocale, Repository } from '../../io/repository.js';
import { countRows, heldSheet } from '../../io/signers.js';
import { csvSeparator } from '../common/csv-separator.js';
import { warnDeadline } from '../common/deadline-note.js';
import { decideInteractive } from '../common/interactivity.js';
import { asUaFileError } from '../common/ua-file-errors.js';
import type { Context } from '../context.js';
import type { SendingOptions } from '../send/options.js';
import { checkLanguages, targetsOf } from './choose.js';
import {
  type BatchLetter,
  batchLetters,
  newTally,
  printableOnly,
  type RowDefaults,
  readSheet,
  type SheetSource,
  type SheetTally,
  sheetSource,
  verifySheet,
} from './rows.js';

/** `--format`: pdf is the print pack (letters, labels, envelopes); the others, a file per letter. */
export type BatchFormat = (typeof BATCH_FORMATS)[number];

export interface BatchOptions extends SendingOptions {
  /** The sheet of signers (CSV, YAML or JSON). */
  signers?: string;
  /** Unsigned copies per language and target, for walk-ins. */
  copies: number;
  /** The languages asked for with --lang (lower case), in order; empty: each signer's own. */
  langs: string[];
  target?: string[];
  skipInvalid: boolean;
  format: BatchFormat;
  out?: string;
  force: boolean;
  paper: Paper;
  labels: boolean;
  envelopes: boolean;
  rate?: Rate;
  /** Connections side by side when sending. */
  connections: number;
  csvSep?: CsvSeparator;
  /** --now: faxes go even in the recipients' night. */
  now: boolean;
  /** --submit: report the evening's actions to the section when the batch is done, without asking. */
  submit: boolean;
}

/** `ua batch`: a letter-writing evening's pile of letters, printed or sent. */
export async function batch(id: string, options: BatchOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  const { checkSubmit, offerSubmission } = await import('./offer.js');
  if (options.submit && !world.isWorkerThread) await checkSubmit(normalizeId(id), ctx);
  // Printing thousands of letters would double this process's memory for garbage it does not
  // keep: the run goes to a worker thread with a small young generation (see io/worker-run.ts).
  // Sending stays here, where its prompts have the terminal; so does the offer to report after.
  if (!options.send && world.inWorkerThread) return offerSubmission(normalizeId(id), await world.inWorkerThread(), options, ctx);
  const loaded = await (await Repository.open(t, world, ctx.globals.actionsDirs)).find(id);
  const code = await batchFor(loaded.action, options, ctx).catch((error) => Promise.reject(asUaFileError(t, error, loaded.file)));
  return offerSubmission(loaded.action.id, code, options, ctx);
}

async function batchFor(action: Action, options: BatchOptions, ctx: Context): Promise<number> {
  const { world, t, note: say } = ctx;
  // The evening's letters carry its day in the journal: a later submission counts the evening once.
  const evening = isoDate(localDay(world.now()));
  // Letters printed after the deadline may still help; the organiser is told, as at compose.
  if (!options.send) warnDeadline(action, ctx, say, ctx.style(world.stderr).warn);

  // 1. What the options ask for: whose letters, in which languages, to whom.
  const languages = letterLanguages(action);
  const chosenLangs = checkLanguages(t, options.langs, action, languages);
  const chosen = targetsOf(t, action, options.target);
  // A fax goes only to a target with a number; the others are named and left out.
  const targets = options.format === 'fax' && !options.send ? (await import('../common/fax-letters.js')).faxTargets(t, action, chosen, say) : chosen;
  if (!options.signers && options.copies === 0) throw usageError(t('batch.nothingToWrite'), t('batch.nothingToWriteHint'));
  const lang = chosenLangs[0] ?? defaultLanguage(action);
  if (!lang) throw dataError(t('compose.noLetter', { id: action.id }), t('compose.noLetterHint'));
  const defaults: RowDefaults = { lang, targets, languages };

  // 2. The letters, as a stream: the sheet's signers one at a time, then the unsigned copies.
  // Rows are checked as they come; nothing is committed before the whole sheet was read.
  const source = options.signers ? sheetSource(t, options.signers, world.cwd) : undefined;
  const tally = newTally();
  const verify = () => source && verifySheet(t, tally, source.shown, options.skipInvalid, say);
  const templates = usesTemplates(action) ? (await import('../../core/letter-engine.js')).renderLetterTemplate : undefined;
  const copyLanguages = chosenLangs.length > 0 ? chosenLangs : [defaults.lang];
  const lettersOf = (sheet: SheetSource | undefined, counted: SheetTally) =>
    batchLetters(
      sheet ? readSheet(t, sheet, action, defaults, counted) : undefined,
      { count: options.copies, languages: copyLanguages, targets },
      { t, action, today: localDay(world.now()), locale: localesOf(t), templates },
    );

  // 3. Out: by email or fax, or as a print pack with labels, envelopes and a tally.
  if (options.send && options.format === 'fax') return sendFaxes(action, lettersOf(source, tally), verify, { ...options, evening }, ctx);
  if (options.send) {
    // Sending reads the sheet twice (to check it, then to send): the same bytes, problems counted once.
    const held = source && { ...source, sheet: heldSheet(source.sheet) };
    let passes = 0;
    return sendLetters(action, () => lettersOf(held, passes++ === 0 ? tally : newTally()), verify, { ...options, evening }, ctx);
  }
  const composed = lettersOf(source, tally);
  const letters = options.format === 'pdf' || options.format === 'fax' ? printableOnly(t, composed, tally) : composed;
  const expected = (source ? countRows(source.path) * targets.length : 0) + options.copies * copyLanguages.length;
  return printLetters(action, letters, verify, { ...options, evening }, expected, ctx);
}

/** The options of an evening's run, with its local day (YYYY-MM-DD). */
type EveningOptions = BatchOptions & { evening: string };

async function sendLetters(
  action: Action,
  letters: () => AsyncIterable<BatchLetter>,
  verify: () => void,
  options: EveningOptions,
  ctx: Context,
): Promise<number> {
  const { world, t } = ctx;
  const { batchSend } = await import('./send.js');
  const config = await readConfig(t, world.env);
  const interactive = decideInteractive(t, {}, world);
  const sending = { ...options, csvSeparator: csvSeparator(options.csvSep, world.env) };
  return batchSend({ action, letters, verify, options: sending, config, interactive, ctx });
}

/** The evening's faxes through the gateway: each signer's letters to the targets with a fax; unsigned copies are for the printer. */
async function sendFaxes(action: Action, letters: AsyncIterable<BatchLetter>, verify: () => void, options: EveningOptions, ctx: Context): Promise<number> {
  const signed: { letter: Letter; sender: Sender }[] = [];
  for await (const { letter, signer } of letters) if (signer) signed.push({ letter, sender: signer.sender });
  verify();
  if (signed.length === 0) throw usageError(ctx.t('batch.nothingToSend'));
  const config = await readConfig(ctx.t, ctx.world.env);
  const interactive = decideInteractive(ctx.t, {}, ctx.world);
  const run = {
    action,
    options,
    config,
    interactive,
    ctx,
    letters: signed,
    now: options.now,
    paper: options.paper,
    connections: options.connections,
    rate: options.rate,
    evening: options.evening,
  };
  return (await import('../common/fax-send.js')).sendFaxes(run);
}

async function printLetters(
  action: Action,
  letters: AsyncIterable<BatchLetter>,
  verify: () => void,
  options: EveningOptions,
  expected: number,
  ctx: Context,
): Promise<number> {
  const { world, t, note: say } = ctx;
  if (!options.out) throw usageError(t('batch.outNeeded'));
  const { printBatch } = await import('./print.js');
  const { packRecorder, recordPack } = await import('./record.js');
  const { format } = options;
  const today = localDay(world.now());
  const recorder = packRecorder(resolve(world.cwd, options.out), today, format === 'fax' ? (await import('./fax.js')).faxChannel(action) : undefined);
  const faxCover = format === 'fax' ? (await import('../common/fax-letters.js')).faxCovers(t, action, today) : undefined;
  const summary = await printBatch(
    t,
    recorder.through(letters),
    {
      out: options.out,
      cwd: world.cwd,
      force: options.force,
      format,
      faxCover,
      paper: options.paper,
      labels: options.labels,
      envelopes: options.envelopes,
      csvSeparator: csvSeparator(options.csvSep, world.env),
      title: documentTitle(action),
      progress: progressBar(world.stderr, expected, t('batch.writing'), ctx.globals.quiet),
      expected,
      beforeCommit: verify,
    },
    world,
  );
  // Only a pack in place counts: an interrupted or refused run has thrown before this.
  await recordPack(recorder.letters, summary.folder, options.evening, ctx);
  const files = forTerminal(summary.files.join(', '));
  // The folder as typed, or as a completion wrote a hostile name: shown safely.
  const folder = forTerminal(options.out);
  say(
    format === 'pdf'
      ? t('batch.wrotePack', { count: summary.letters, folder, files })
      : t('batch.wroteFiles', { count: summary.letters, folder, files, extension: extensionOf(format) }),
  );
  const unposted = summary.letters - summary.posted;
  if (unposted > 0 && format !== 'fax') say(t('batch.unposted', { count: unposted }));
  return 0;
}

/** Each language's locale, loaded and checked once for the batch, not once a letter. */
function localesOf(t: Translate): (lang: Lang) => Locale {
  const loaded = new Map<Lang, Locale>();
  return (lang) => {
    let locale = loaded.get(lang);
    if (!locale) {
      locale = loadLocale(t, lang);
      loaded.set(lang, locale);
    }
    return locale;
  };
}
