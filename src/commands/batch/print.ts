import { resolve } from 'node:path';
import anyAscii from 'any-ascii';
import type { Letter } from '../../core/compose.js';
import { type CsvSeparator, toCsv } from '../../core/csv.js';
import type { FaxCover } from '../../core/fax.js';
import type { Sender } from '../../core/fields.js';
import { extensionOf, type OutputFormat } from '../../core/formats.js';
import type { Translate } from '../../core/i18n.js';
import { letterRenderer } from '../../core/letter-skeleton.js';
import type { Format } from '../../core/render.js';
import { dataError } from '../../errors.js';
import { envelopeSheets, labelSheets, letterPdf, type Paper } from '../../io/pdf.js';
import type { Progress } from '../../io/progress.js';
import { type Interrupts, type Stage, staged } from '../../io/staging.js';
import type { BatchLetter } from './rows.js';

export interface PrintOptions {
  out: string;
  cwd: string;
  force: boolean;
  format: Format | 'pdf' | 'fax';
  /** With --format fax: each letter's cover page (the signer's, or an unsigned copy's). */
  faxCover?: (letter: Letter, sender: Sender | null) => FaxCover;
  paper: Paper;
  labels: boolean;
  envelopes: boolean;
  csvSeparator: CsvSeparator;
  title: string;
  progress: Progress;
  /** About how many letters there will be (for the width of the file numbers). */
  expected: number;
  /** Runs when every letter is written, before any reaches --out; throwing discards them all. */
  beforeCommit: () => void;
}

export interface PrintSummary {
  folder: string;
  letters: number;
  posted: number;
  /** The files besides the letters' own: the pack, labels, envelopes, the tally. */
  files: string[];
}

/** "0042-ana-perez-boluarte-es.txt": a letter of its own, numbered in print order. */
const LETTER_FILE = /^\d{4,}-/;

/**
 * Writes the evening's pile into a staging folder beside --out, then puts the whole folder in
 * place (see staging.ts): an interrupted or failed run leaves nothing, and --force replaces an
 * earlier run's folder whole, never mixing old letters with new ones.
 */
export async function printBatch(t: Translate, letters: AsyncIterable<BatchLetter>, options: PrintOptions, interrupts: Interrupts): Promise<PrintSummary> {
  const folder = resolve(options.cwd, options.out);
  const output = { path: folder, kind: 'folder' as const, force: options.force, shown: options.out };
  const { result } = await staged(t, output, interrupts, async (stage) => {
    const summary = await writeAll(t, letters, stage, options);
    options.beforeCommit();
    if (summary.letters === 0) throw dataError(t('batch.noLetters'));
    return summary;
  });
  return { ...result, folder };
}

async function writeAll(t: Translate, letters: AsyncIterable<BatchLetter>, stage: Stage, options: PrintOptions): Promise<Omit<PrintSummary, 'folder'>> {
  // 1. PDF is the print format: one pack, labels and envelopes, open together and fed letter by
  // letter (their pages are flushed as they fill). Other formats give one file per letter,
  // numbered in print order with as many digits as the pile needs.
  const print = options.format === 'pdf';
  const pack = print ? await letterPdf(stage.file('print-pack.pdf'), options.paper, options.title) : undefined;
  const labels = print && options.labels ? await labelSheets(t, stage.file('labels.pdf'), options.paper) : undefined;
  const envelopes = print && options.envelopes ? await envelopeSheets(t, stage.file('envelopes.pdf'), options.paper) : undefined;
  const render = print || options.format === 'fax' ? undefined : letterRenderer(options.format as Format);
  const digits = Math.max(4, String(options.expected).length);
  const tally = new Map<string, number>();
  // The tally's channel column: how the letters of this run leave.
  const channel = options.format === 'fax' ? 'fax' : 'post';
  let count = 0;
  let posted = 0;
  // A signer's letters come one after the other: their name in the file names is made once.
  let slug = { signer: undefined as BatchLetter['signer'], text: 'unsigned' };
  const slugOf = (signer: BatchLetter['signer']) => {
    if (signer !== slug.signer) slug = { signer, text: signer ? signerSlug(signer.sender.name, signer.row) : 'unsigned' };
    return slug.text;
  };

  // 2. Each letter: its pages in the pack, its label and envelope (or its own file), a tally mark.
  try {
    for await (const batchLetter of letters) {
      stage.checkpoint();
      posted += await writeOne(batchLetter);
      count++;
    }
  } catch (error) {
    await Promise.allSettled([pack?.end(), labels?.end(), envelopes?.end()]);
    throw error;
  }
  await Promise.all([pack?.end(), labels?.end(), envelopes?.end(), stage.settled()]);
  if (String(count).length > digits) renumber(stage, digits, String(count).length);
  return finish();

  async function writeOne({ letter, signer, seq }: BatchLetter): Promise<number> {
    if (pack) await pack.add(letter);
    else if (options.format === 'fax')
      await writeFax(stage, `${String(seq).padStart(digits, '0')}-${fileRest(letter, slugOf(signer), options.format)}`, letter, signer, options);
    else if (render) {
      await stage.writeSoon(`${String(seq).padStart(digits, '0')}-${fileRest(letter, slugOf(signer), options.format)}`, render(letter));
    }
    if (letter.postal) {
      await labels?.add(letter.recipient);
      await envelopes?.add({ to: letter.recipient, from: returnAddress(letter) });
    }
    const key = [letter.targetId, letter.recipient[0] ?? '', letter.lang, signer ? channel : `${channel} (unsigned)`].join('\u0000');
    tally.set(key, (tally.get(key) ?? 0) + 1);
    options.progress.tick();
    return letter.postal ? 1 : 0;
  }

  // 3. The tally, to report back how many letters went where.
  function finish(): Omit<PrintSummary, 'folder'> {
    const rows = [...tally.entries()].map(([key, letters]) => [...key.split('\u0000'), String(letters)]);
    // For the organiser's spreadsheet: the headings in the interface's language.
    const headings = (['target', 'name', 'lang', 'channel', 'letters'] as const).map((column) => t(`batch.tally.${column}`));
    stage.write('tally.csv', toCsv([headings, ...rows], options.csvSeparator));
    options.progress.done();
    return {
      letters: count,
      posted,
      files: stage
        .names()
        .filter((name) => !LETTER_FILE.test(name))
        .sort(),
    };
  }
}

/** "ana-perez-rivero-es.txt": a letter's own file, after its number. */
function fileRest(letter: Letter, slug: string, format: OutputFormat): string {
  return `${slug}-${letter.targetId}-${letter.lang}.${extensionOf(format)}`;
}

/**
 * One fax a file: a fax goes to one number, so the organiser (or a gateway) sends each file
 * as it is, and a fax that failed is sent again alone. A pack would have to be cut up first.
 */
async function writeFax(stage: Stage, name: string, letter: Letter, signer: BatchLetter['signer'], options: PrintOptions): Promise<void> {
  const { faxPdf } = await import('../../io/pdf-fax.js');
  const cover = options.faxCover;
  if (!cover) throw new Error('--format fax without covers');
  const pdf = await faxPdf(stage.file(name), options.paper, options.title, (faxed) => cover(faxed, signer?.sender ?? null));
  try {
    await pdf.add(letter);
  } finally {
    await pdf.end();
  }
}

/** More letters than the sheet's estimate allowed for: the names get the digits they need, so they still sort in print order. */
function renumber(stage: Stage, from: number, to: number): void {
  // The stage knows the names already: a list of its own would be memory held for a rare case.
  const numbered = new RegExp(`^(\\d{${from}})-`);
  for (const name of stage.names())
    if (numbered.test(name))
      stage.rename(
        name,
        name.replace(numbered, (_, seq: string) => `${seq.padStart(to, '0')}-`),
      );
}

/** The envelope's return address: the signer, without their email. */
function returnAddress(letter: Letter): string[] {
  return letter.sender.filter((line) => !line.includes('@'));
}

/**
 * A signer's part of a file name, safe in any file system: "Ørjan Ærø" → "orjan-aero", "Зоя
 * Иванова" → "zoya-ivanova", "陳美玲" → "chenmeiling" (any-ascii transliterates every script;
 * a hand-made table dropped what it did not know). A name with nothing to write (emoji, symbols)
 * is named by its row in the sheet ("row-14"), never by a word two signers could share.
 */
export function signerSlug(name: string, row: string): string {
  // Symbols and emoji would come out as words (":grinning:"), the same for everyone who uses them.
  const ascii = anyAscii(name.replace(/[\p{S}\p{Extended_Pictographic}]/gu, ' '))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return ascii || `row-${/(\d+)$/.exec(row)?.[1] ?? '0'}`;
}
