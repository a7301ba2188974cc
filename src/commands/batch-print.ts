import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Letter } from '../core/compose.js';
import { toCsv } from '../core/csv.js';
import { EXTENSIONS, type Format, renderSingle } from '../core/render.js';
import { dataError, failure } from '../errors.js';
import { envelopeSheets, labelSheets, letterPdf, type Paper } from '../io/pdf.js';
import type { Progress } from '../io/progress.js';
import type { BatchLetter } from './batch-rows.js';

export interface PrintOptions {
  out: string;
  cwd: string;
  force: boolean;
  format: Format | 'pdf';
  paper: Paper;
  labels: boolean;
  envelopes: boolean;
  title: string;
  progress: Progress;
  /** Runs when every letter is written, before any reaches --out; throwing discards them all. */
  beforeCommit: () => void;
}

export interface PrintSummary {
  folder: string;
  letters: number;
  posted: number;
  files: string[];
}

/**
 * Writes the evening's pile into a staging folder beside --out, then moves it into place: an
 * interrupted run leaves nothing half-written, and nothing is overwritten without --force.
 */
export async function printBatch(letters: AsyncIterable<BatchLetter>, options: PrintOptions): Promise<PrintSummary> {
  const folder = resolve(options.cwd, options.out);
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw dataError(`--out ${options.out} is a file; batch writes a folder`);
  const stage = join(dirname(folder), `.${basename(folder)}.ua-${randomBytes(4).toString('hex')}`);
  mkdirSync(stage, { recursive: true });
  try {
    const summary = await writeAll(letters, stage, options);
    options.beforeCommit();
    if (summary.letters === 0) throw dataError('no letters to write: the sheet has no valid signer');
    moveIntoPlace(stage, folder, options);
    return { ...summary, folder };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function writeAll(letters: AsyncIterable<BatchLetter>, stage: string, options: PrintOptions): Promise<Omit<PrintSummary, 'folder'>> {
  // 1. PDF is the print format: one pack, labels and envelopes, open together and fed letter by
  // letter (their pages are flushed as they fill). Other formats give one file per letter.
  const print = options.format === 'pdf';
  const pack = print ? await letterPdf(join(stage, 'print-pack.pdf'), options.paper, options.title) : undefined;
  const labels = print && options.labels ? await labelSheets(join(stage, 'labels.pdf'), options.paper) : undefined;
  const envelopes = print && options.envelopes ? await envelopeSheets(join(stage, 'envelopes.pdf'), options.paper) : undefined;
  const tally = new Map<string, number>();
  let count = 0;
  let posted = 0;

  // 2. Each letter: its pages in the pack, its label and envelope (or its own file), a tally mark.
  const closeAll = () => Promise.allSettled([pack?.end(), labels?.end(), envelopes?.end()]);
  try {
    for await (const batchLetter of letters) {
      posted += await writeOne(batchLetter);
      count++;
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  await Promise.all([pack?.end(), labels?.end(), envelopes?.end()]);
  return finish();

  async function writeOne({ letter, signer, seq }: BatchLetter): Promise<number> {
    if (pack) await pack.add(letter);
    else
      writeFileSync(
        join(stage, fileName(seq, signer?.sender.name, letter, EXTENSIONS[options.format as Format])),
        renderSingle(letter, options.format as Format),
      );
    if (letter.postal) {
      await labels?.add(letter.recipient);
      await envelopes?.add({ to: letter.recipient, from: returnAddress(letter) });
    }
    const key = [letter.targetId, letter.recipient[0] ?? '', letter.lang, signer ? 'post' : 'post (unsigned)'].join('\u0000');
    tally.set(key, (tally.get(key) ?? 0) + 1);
    options.progress.tick();
    return letter.postal ? 1 : 0;
  }

  // 3. The tally, to report back how many letters went where.
  function finish(): Omit<PrintSummary, 'folder'> {
    const rows = [...tally.entries()].map(([key, letters]) => [...key.split('\u0000'), String(letters)]);
    writeFileSync(join(stage, 'tally.csv'), toCsv([['target', 'name', 'lang', 'channel', 'letters'], ...rows]));
    options.progress.done();
    return { letters: count, posted, files: readdirSync(stage).sort() };
  }
}

/** The envelope's return address: the signer, without their email. */
function returnAddress(letter: Letter): string[] {
  return letter.sender.filter((line) => !line.includes('@'));
}

function fileName(seq: number, signer: string | undefined, letter: Letter, extension: string): string {
  const who = signer ? slug(signer) : 'unsigned';
  return `${String(seq).padStart(4, '0')}-${who}-${letter.targetId}-${letter.lang}.${extension}`;
}

/** "Łukasz Wróbel" → "lukasz-wrobel": safe in any file system. */
export function slug(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 40) || 'signer';
}

function moveIntoPlace(stage: string, folder: string, options: PrintOptions): void {
  const names = readdirSync(stage);
  if (!existsSync(folder)) {
    renameSync(stage, folder);
    return;
  }
  const existing = names.filter((name) => existsSync(join(folder, name)));
  if (existing.length > 0 && !options.force) {
    throw dataError(
      `${options.out} already holds ${existing.length} of these files (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}); nothing was written`,
      'Use --force to overwrite, or choose another --out.',
    );
  }
  try {
    for (const name of names) renameSync(join(stage, name), join(folder, name));
  } catch (error) {
    throw failure(`cannot move the letters into ${options.out}: ${(error as NodeJS.ErrnoException).code}`);
  }
}
