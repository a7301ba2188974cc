import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Translate } from '../core/i18n.js';
import type { JournalEntry } from '../core/journal-entries.js';
import { parseLine } from '../core/journal-line.js';
import { dataError } from '../errors.js';
import { errorCode, systemError } from './system-errors.js';

// The journal as read back, without its lock: by reports and dry runs, and by journal.ts once
// as a send starts. Lines cut short or written by something else are named and passed over.

export interface JournalRead {
  entries: JournalEntry[];
  /** The first lines that could not be read (a crash mid-write leaves a partial last line). */
  damaged: { line: number; problem: string }[];
  /** How many lines could not be read, in all. */
  damagedCount: number;
  /** The file ends in the middle of a line. */
  unterminated: boolean;
}

/** A line longer than this is not an entry (one is well under a kilobyte): passed over unread. */
const MAX_LINE_BYTES = 1024 * 1024;
const KEPT_PROBLEMS = 3;

/**
 * Reads the whole journal (or one UA's entries) without taking the lock: for reports, dry runs
 * and the index of a send. A megabyte at a time, a line at a time: a journal of any size (or a
 * file that is not one) costs its entries' memory, never its own size in one string.
 */
export function readJournal(t: Translate, file: string, only?: { ua: string }): JournalRead {
  // One UA's entries (`only`): a line that does not name it is passed over before it is parsed.
  const named = only && Buffer.from(`"ua":${JSON.stringify(only.ua)}`);
  const read: JournalRead = { entries: [], damaged: [], damagedCount: 0, unterminated: false };
  let fd: number;
  try {
    // A FIFO or a device would never end or never be a journal: a plain file only.
    if (!statSync(file).isFile() && !statSync(file).isDirectory()) throw Object.assign(new Error('not a file'), { code: 'EINVAL' });
    fd = openSync(file, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return read;
    throw systemError(t, error, t('journal.cannotRead', { file }), t('journal.plainFileHint'));
  }
  try {
    eachLine(fd, ({ number, bytes, terminated }) => {
      if (!terminated) read.unterminated = true;
      if (named && bytes?.includes(named) === false) return;
      const parsed = lineOf(t, number, bytes);
      if ('entry' in parsed) {
        if (!only || parsed.entry.ua === only.ua) read.entries.push(parsed.entry);
      } else if ('problem' in parsed) {
        read.damagedCount++;
        if (read.damaged.length < KEPT_PROBLEMS) read.damaged.push({ line: number, problem: parsed.problem });
      }
    });
  } catch (error) {
    throw systemError(t, error, t('journal.cannotRead', { file }), t('journal.plainFileHint'));
  } finally {
    closeSync(fd);
  }
  return read;
}

/** What one line holds: an entry, nothing (a blank line), or a problem. */
function lineOf(t: Translate, number: number, bytes: Buffer | undefined): ReturnType<typeof parseLine> | { skip: true } {
  if (bytes === undefined) return { problem: t('journal.lineTooLong') };
  const decoded = bytes.toString('utf8');
  const text = number === 1 ? decoded.replace(/^\uFEFF/, '') : decoded;
  return text.trim() === '' ? { skip: true } : parseLine(t, text);
}

/** One line of the file: where it starts and ends (its newline left out), its bytes unless it is overlong. */
export interface Line {
  number: number;
  start: number;
  end: number;
  /** Undefined for a line past MAX_LINE_BYTES: it is only counted. */
  bytes?: Buffer;
  /** It ends in a newline (the last line of a run that crashed mid-write does not). */
  terminated: boolean;
}

/** Each line of an open file, in order: a megabyte at a time, never the file in one string. */
export function eachLine(fd: number, visit: (line: Line) => void): void {
  let number = 0;
  let pieces: Buffer[] = [];
  let length = 0;
  let position = 0;
  const endLine = (terminated: boolean) => {
    number++;
    const bytes = length > MAX_LINE_BYTES ? undefined : Buffer.concat(pieces, length);
    visit({ number, start: position, end: position + length, bytes, terminated });
    position += length + (terminated ? 1 : 0);
    pieces = [];
    length = 0;
  };
  /** A piece of the current line, copied (the chunk is reused); an overlong line is only counted. */
  const keep = (piece: Buffer) => {
    if (piece.length === 0) return;
    length += piece.length;
    if (length <= MAX_LINE_BYTES) pieces.push(Buffer.from(piece));
    else pieces = [];
  };
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  for (let size = readSync(fd, chunk); size > 0; size = readSync(fd, chunk)) {
    const bytes = chunk.subarray(0, size);
    let start = 0;
    for (let newline = bytes.indexOf(10); newline !== -1; newline = bytes.indexOf(10, start)) {
      keep(bytes.subarray(start, newline));
      endLine(true);
      start = newline + 1;
    }
    keep(bytes.subarray(start));
  }
  if (length > 0) endLine(false);
}

/**
 * A file where not one line is an entry, and at least one whole line is something else, is
 * not a journal (UA_JOURNAL pointed at another file): nothing is added to it. A journal whose
 * only line was cut by a crash is still one.
 */
export function notAJournal(t: Translate, file: string, read: JournalRead): void {
  const whole = read.damagedCount - (read.unterminated ? 1 : 0);
  if (read.entries.length === 0 && whole > 0) throw dataError(t('journal.notAJournal', { file }), t('journal.plainFileHint'));
}

/** Tells the user, once, which lines of the journal were passed over. */
export function noteDamaged(t: Translate, file: string, read: JournalRead, say: (text: string) => void): void {
  for (const { line, problem } of read.damaged) say(t('journal.damaged', { file, line, problem }));
  if (read.damagedCount > read.damaged.length) say(t('journal.moreDamaged', { count: read.damagedCount - read.damaged.length, file }));
}
