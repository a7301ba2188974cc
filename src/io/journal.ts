import { mkdirSync, realpathSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { type JournalEntry, LetterIndex, type LetterRef, type Owed } from '../core/journal-entries.js';
import { syncFolder } from './durable.js';
import { type LockOptions, lockJournal } from './journal-lock.js';
import { notAJournal, noteDamaged, readJournal } from './journal-read.js';
import type { HeldLock } from './lock-file.js';
import { systemError } from './system-errors.js';

/**
 * The journal: what was done, to whom and when, one JSON object per line. This module owns it
 * whole: the lock that makes one run its only writer, the index read once at the start, and
 * group commit, which writes the entries of all connections in flight together and flushes
 * them to disk (fdatasync) before any of the steps they record may happen. Never a password.
 */

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
