import { closeSync, mkdirSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { type JournalEntry, LetterIndex, type LetterRef, type Owed } from '../core/journal-entries.js';
import { parseLine } from '../core/journal-line.js';
import { dataError } from '../errors.js';
import { syncFolder } from './durable.js';
import { type LockOptions, lockJournal } from './journal-lock.js';
import type { HeldLock } from './lock-file.js';
import { errorCode, systemError } from './system-errors.js';

/**
 * The journal: what was done, to whom and when, one JSON object per line. This module owns it
 * whole: the lock that makes one run its only writer, the index read once at the start, and
 * group commit, which writes the entries of all connections in flight together and flushes
 * them to disk (fdatasync) before any of the steps they record may happen. Never a password.
 */
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
 * Reads the whole journal without taking the lock: for reports, dry runs and the index of a
 * send. A megabyte at a time, a line at a time: a journal of any size (or a file that is not
 * one) costs its entries' memory, never its own size in one string.
 */
export function readJournal(t: Translate, file: string): JournalRead {
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
  let line = 0;
  let pieces: Buffer[] = [];
  let length = 0;
  const endLine = () => {
    line++;
    const overlong = length > MAX_LINE_BYTES;
    const decoded = overlong ? '' : Buffer.concat(pieces, length).toString('utf8');
    const text = line === 1 ? decoded.replace(/^\uFEFF/, '') : decoded;
    pieces = [];
    length = 0;
    const parsed = overlong ? { problem: t('journal.lineTooLong') } : text.trim() === '' ? { skip: true as const } : parseLine(t, text);
    if ('entry' in parsed) read.entries.push(parsed.entry);
    else if ('problem' in parsed) {
      read.damagedCount++;
      if (read.damaged.length < KEPT_PROBLEMS) read.damaged.push({ line, problem: parsed.problem });
    }
  };
  /** A piece of the current line, copied (the chunk is reused); an overlong line is only counted. */
  const keep = (piece: Buffer) => {
    if (piece.length === 0) return;
    length += piece.length;
    if (length <= MAX_LINE_BYTES) pieces.push(Buffer.from(piece));
    else pieces = [];
  };
  try {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (let size = readSync(fd, chunk); size > 0; size = readSync(fd, chunk)) {
      const bytes = chunk.subarray(0, size);
      let start = 0;
      for (let newline = bytes.indexOf(10); newline !== -1; newline = bytes.indexOf(10, start)) {
        keep(bytes.subarray(start, newline));
        endLine();
        start = newline + 1;
      }
      keep(bytes.subarray(start));
    }
  } catch (error) {
    throw systemError(t, error, t('journal.cannotRead', { file }), t('journal.plainFileHint'));
  } finally {
    closeSync(fd);
  }
  if (length > 0) {
    read.unterminated = true;
    endLine();
  }
  return read;
}

/**
 * A file where not one line is an entry, and at least one whole line is something else, is
 * not a journal (UA_JOURNAL pointed at another file): nothing is added to it. A journal whose
 * only line was cut by a crash is still one.
 */
function notAJournal(t: Translate, file: string, read: JournalRead): void {
  const whole = read.damagedCount - (read.unterminated ? 1 : 0);
  if (read.entries.length === 0 && whole > 0) throw dataError(t('journal.notAJournal', { file }), t('journal.plainFileHint'));
}

/** The file a path leads to, links followed (the file itself may not exist yet). */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      return join(realpathSync(dirname(file)), basename(file));
    } catch {
      return file;
    }
  }
}

/** Tells the user, once, which lines of the journal were passed over. */
export function noteDamaged(t: Translate, file: string, read: JournalRead, say: (text: string) => void): void {
  for (const { line, problem } of read.damaged) say(t('journal.damaged', { file, line, problem }));
  if (read.damagedCount > read.damaged.length) say(t('journal.moreDamaged', { count: read.damagedCount - read.damaged.length, file }));
}

/** How to wait for the lock, and the words to say what happened. */
export type OpenOptions = LockOptions & { t: Translate };

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class Journal {
  private readonly letters = new LetterIndex();
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private broken: Error | undefined;

  private constructor(
    readonly file: string,
    private readonly t: Translate,
    private readonly handle: FileHandle,
    private readonly lock: HeldLock,
    private needsNewline: boolean,
  ) {}

  /** Takes the lock (waiting for another run if asked to), then reads the journal once. */
  static async open(file: string, options: OpenOptions): Promise<Journal> {
    const { t } = options;
    const fail = (error: unknown) => systemError(t, error, t('journal.cannotOpen', { file }), t('journal.moveHint'));
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw fail(error);
    }
    // One lock per journal, however it is reached: a symbolic link leads to the same lock.
    const lock = await lockJournal(t, realPath(file), options);
    try {
      const read = readJournal(t, file);
      notAJournal(t, file, read);
      noteDamaged(t, file, read, options.say);
      const created = read.entries.length === 0 && read.damagedCount === 0 && !read.unterminated;
      const handle = await open(file, 'a', 0o600).catch((error) => Promise.reject(fail(error)));
      // A new file is only durable once its folder records it.
      if (created) syncFolder(dirname(file));
      const journal = new Journal(file, t, handle, lock, read.unterminated);
      for (const entry of read.entries) journal.letters.add(entry);
      return journal;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** What a letter still owes, by what this journal says (see LetterIndex). */
  owed(letter: LetterRef, addresses: readonly string[], resend: boolean): Owed {
    return this.letters.owed(letter, addresses, resend);
  }

  /**
   * Adds an entry; resolves once it is on disk. Entries that arrive while a flush is under way
   * go together in the next one. After a failed write nothing more is accepted.
   */
  append(entry: JournalEntry): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    this.letters.add(entry);
    return new Promise((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(entry)}\n`, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Waits for every entry to be on disk, then lets the next run in. */
  async close(): Promise<void> {
    try {
      while (this.flushing) await this.flushing.catch(() => undefined);
      await this.handle.close();
    } finally {
      this.lock.release();
    }
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.writeWhole(`${this.needsNewline ? '\n' : ''}${batch.map((pending) => pending.line).join('')}`);
        this.needsNewline = false;
        await this.handle.datasync();
        for (const pending of batch) pending.resolve();
      } catch (error) {
        this.broken = systemError(this.t, error, this.t('journal.cannotWrite', { file: this.file }), this.t('journal.cannotWriteHint'));
        for (const pending of [...batch, ...this.queue]) pending.reject(this.broken);
        this.queue = [];
      }
    }
    this.flushing = undefined;
  }

  /** write(2) may take fewer bytes than given (a nearly full disk): the rest follows, or it fails. */
  private async writeWhole(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      if (bytesWritten === 0) throw Object.assign(new Error('nothing was written'), { code: 'ENOSPC' });
      offset += bytesWritten;
    }
  }
}
