import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Translate } from '../core/i18n.js';
import type { JournalEntry } from '../core/journal-entries.js';
import { parseLine } from '../core/journal-line.js';
import { dayAtStart, lastExpiredDay, type ScrubStep, scrubStep } from '../core/journal-scrub.js';
import { realPath, writeAll } from './durable.js';
import { type LockOptions, lockJournal } from './journal-lock.js';
import { eachLine, type Line } from './journal-read.js';
import { type Interrupts, Stage } from './staging.js';
import { errorCode, systemError } from './system-errors.js';

/** Which lines lose their personal fields: those past `keepDays` (journal.keep_text_days), or every line of one UA (--forget). */
export type ScrubRule = { now: Date; keepDays: number } | { ua: string };

/** What a scrub did: lines written without their personal fields, and rehearsals' lines removed. */
export interface Scrubbed {
  lines: number;
  dropped: number;
}

/** Thrown (as the lock's `busy`) by a run that leaves the scrub to another when the journal is in use. */
export class JournalBusy extends Error {}

/**
 * Removes the personal fields the rule says from the journal (core/journal-scrub.ts), under its
 * lock: the file is written again whole beside itself (a stage), flushed, and renamed over the
 * old one, so a crash leaves one or the other, never half of each. Every line the rule leaves
 * alone is copied byte for byte, a damaged one too; a journal with nothing to remove is not
 * written at all. A link to the journal stays a link: the file it leads to is rewritten.
 */
export async function scrubJournal(t: Translate, file: string, rule: ScrubRule, options: LockOptions & { interrupts?: Interrupts }): Promise<Scrubbed> {
  const real = realPath(file);
  const done: Scrubbed = { lines: 0, dropped: 0 };
  try {
    if (!statSync(real).isFile()) return done;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return done;
    throw systemError(t, error, t('journal.cannotRead', { file }), t('journal.plainFileHint'));
  }
  const lock = await lockJournal(t, real, options);
  try {
    return rewrite(t, real, rule, options.interrupts);
  } finally {
    lock.release();
  }
}

function rewrite(t: Translate, file: string, rule: ScrubRule, interrupts: Interrupts | undefined): Scrubbed {
  const done: Scrubbed = { lines: 0, dropped: 0 };
  const rewriting = new Rewriting(t, file, interrupts);
  try {
    const reader = openSync(file, 'r');
    try {
      const expiredBy = 'keepDays' in rule ? lastExpiredDay(rule.now, rule.keepDays) : undefined;
      eachLine(reader, (line) => {
        if (expiredBy !== undefined && recent(line, expiredBy)) return;
        const step = stepFor(t, line, rule);
        if (!step || 'keep' in step) return;
        rewriting.replace(line, 'line' in step ? step.line : undefined);
        if ('line' in step) done.lines++;
        else done.dropped++;
      });
    } finally {
      closeSync(reader);
    }
    rewriting.commit();
    return done;
  } catch (error) {
    throw rewriting.failed(error);
  }
}

/** Written after `expiredBy`, by its start: kept as it is, unparsed. */
function recent({ bytes }: Line, expiredBy: string): boolean {
  if (!bytes) return false;
  const day = dayAtStart(bytes.toString('latin1', 0, 32), bytes.indexOf(AT) === bytes.lastIndexOf(AT) ? 1 : 2);
  return day !== undefined && day > expiredBy;
}

const AT = '"at":';

/** What the rule does with one line of the file; nothing for a line that is not an entry (it stays as it is). */
function stepFor(t: Translate, { number, bytes }: Line, rule: ScrubRule): ScrubStep | undefined {
  const decoded = bytes?.toString('utf8') ?? '';
  const text = number === 1 ? decoded.replace(/^\uFEFF/, '') : decoded;
  const parsed = text.trim() === '' ? undefined : parseLine(t, text);
  return parsed && 'entry' in parsed ? scrubStep(parsed.entry, rule) : undefined;
}

/**
 * The journal written again, begun at the first line that changes: what comes before a changed
 * line is copied from the file itself, a range at a time, byte for byte.
 */
class Rewriting {
  private readonly source: number;
  private stage: Stage | undefined;
  private out: number | undefined;
  private copied = 0;

  constructor(
    private readonly t: Translate,
    private readonly file: string,
    private readonly interrupts: Interrupts | undefined,
  ) {
    this.source = openSync(file, 'r');
  }

  /** The line in its place, written anew, or left out (undefined). */
  replace({ start, end, terminated }: Line, entry: JournalEntry | undefined): void {
    if (this.out === undefined) {
      this.stage = Stage.open(this.t, { path: this.file, kind: 'file', force: true, mode: 0o600 }, this.interrupts);
      this.out = openSync(this.stage.file(basename(this.file)), 'wx', 0o600);
    }
    this.copyTo(start);
    if (entry) writeAll(this.out, `${JSON.stringify(entry)}${terminated ? '\n' : ''}`);
    this.copied = end + (terminated ? 1 : 0);
  }

  /** The rest copied, flushed and renamed over the journal; nothing at all when no line changed. */
  commit(): void {
    if (this.out !== undefined && this.stage) {
      this.copyTo(statSync(this.file).size);
      closeSync(this.out);
      this.out = undefined;
      this.stage.commit();
    }
    closeSync(this.source);
  }

  failed(error: unknown): unknown {
    if (this.out !== undefined) closeSync(this.out);
    closeSync(this.source);
    return this.stage ? this.stage.failed(error) : systemError(this.t, error, this.t('journal.cannotWrite', { file: this.file }), this.t('journal.spaceHint'));
  }

  private copyTo(end: number): void {
    const buffer = Buffer.allocUnsafe(Math.min(1024 * 1024, Math.max(end - this.copied, 1)));
    while (this.copied < end) {
      const size = readSync(this.source, buffer, 0, Math.min(buffer.length, end - this.copied), this.copied);
      if (size === 0) break;
      writeAll(this.out as number, buffer.subarray(0, size));
      this.copied += size;
    }
  }
}
