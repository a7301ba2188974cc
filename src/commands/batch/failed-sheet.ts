import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CsvSeparator, FAILED_SHEET_COLUMNS, isFailedSheetHeader, toCsv } from '../../core/csv.js';
import { forTerminal } from '../../core/shown.js';
import type { Signer } from '../../core/signers.js';
import type { Outcome } from '../../io/mail/delivery.js';
import { writeFileAtomically } from '../../io/staging.js';
import { describeSystemError, errorCode } from '../../io/system-errors.js';
import type { World } from '../../world.js';
import type { Context } from '../context.js';

/**
 * failed.csv: the letters a batch did not send, as signer rows to feed back with --signers. It
 * is the last run's report, so each run replaces it; a run that leaves nothing to retry removes
 * it, so that a failed.csv beside the letters always means letters still to send (an empty one
 * would read as a failure at a glance, and fed back it would send nothing).
 */
export interface FailedSheet {
  /** The folder it goes in (--out), else the current one. */
  out?: string;
  csvSeparator: CsvSeparator;
}

/** A letter not sent, as failed.csv writes it back: its signer's row, the letter, and why. */
export interface FailedLetter {
  signerName: string;
  signer?: Signer;
  lang: string;
  target: string;
  outcome: Outcome;
  reason?: string;
  addresses: Readonly<Record<string, string>>;
}

const fileOf = (options: FailedSheet, world: World) => resolve(world.cwd, join(options.out ?? '.', 'failed.csv'));

/** Writes the letters not sent, and says where; the ones of unknown outcome are pointed out. */
export function writeFailed(notSent: readonly FailedLetter[], options: FailedSheet, { world, t, tell }: Context): void {
  const file = fileOf(options, world);
  writeFileAtomically(t, { path: file, force: true }, failedCsv(notSent, options.csvSeparator));
  const count = notSent.length;
  tell(t('batch.failedCsv', { count, file: forTerminal(file) }));
  // --resend on the whole sheet would send every letter again: the ones in doubt are in the file.
  if (notSent.some((r) => r.outcome === 'unknown' || Object.values(r.addresses).includes('unknown')))
    tell(t('batch.unknownInCsv', { file: forTerminal(file) }));
}

/** Nothing left to retry: an earlier run's failed.csv goes (only one ua wrote, known by its header). */
export function removeFailed(options: FailedSheet, { world, t, tell }: Context): void {
  const file = fileOf(options, world);
  try {
    if (!isFailedSheetHeader(firstLine(file))) return;
    unlinkSync(file);
    tell(t('batch.failedCsvRemoved', { file: forTerminal(file) }));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    // The letters are sent: a file that stays is said, not fatal.
    tell(t('batch.failedCsvNotRemoved', { file: forTerminal(file), reason: describeSystemError(t, error) }));
  }
}

function firstLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(1024);
    return (
      head
        .subarray(0, readSync(fd, head, 0, head.length, 0))
        .toString('utf8')
        .split(/\r?\n/)[0] ?? ''
    );
  } finally {
    closeSync(fd);
  }
}

/** The letters not sent, as signer rows: feed it back with --signers to retry just those. */
function failedCsv(letters: readonly FailedLetter[], separator: CsvSeparator): string {
  const rows = letters.map(({ signerName, signer, lang, target, outcome, reason }) => {
    const sender = signer?.sender;
    return [
      signerName,
      sender?.city ?? '',
      sender?.country ?? '',
      sender?.email ?? '',
      (sender?.address ?? []).join(' | '),
      sender?.about ?? '',
      sender?.note ?? '',
      lang,
      target,
      outcome,
      reason ?? '',
    ];
  });
  return toCsv([[...FAILED_SHEET_COLUMNS], ...rows], separator);
}
