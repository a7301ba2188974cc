import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { type JournalEntry, LetterIndex, type LetterRef, type Owed } from '../core/journal-entries.js';
import type { UaError } from '../errors.js';
import { realPath, syncFolder } from './durable.js';
import { CommitSchedule, type Urgency } from './journal-commit.js';
import { type LockOptions, lockJournal } from './journal-lock.js';
import { notAJournal, noteDamaged, readJournal } from './journal-read.js';
import { outcomeRoom, Reserve, roomNeeded } from './journal-reserve.js';
import type { HeldLock } from './lock-file.js';
import { isDiskFull, systemError } from './system-errors.js';

/**
 * The journal: what was done, to whom and when, one JSON object per line. This module owns it
 * whole: the lock that makes one run its only writer, the index read once at the start, and
 * group commit, which writes the entries of all connections in flight together and flushes
 * them to disk (fdatasync) before any of the steps they record may happen. Never a password.
 *
 * A disk that fills never leaves a letter in doubt: before a letter may start, room for its
 * outcome is kept in a reserve beside the journal (journal-reserve.ts). When a write finds the
 * disk full, the part of it that landed is cut off, the reserve is given back, no letter starts
 * any more, and the outcomes of those on their way are written in the room it held.
 */

/** How to wait for the lock, and the words to say what happened. */
export type OpenOptions = LockOptions & { t: Translate };

/** An entry waiting for its flush, and the step waiting for it. */
type Pending = { entry: JournalEntry; line: string; resolve: () => void; reject: (error: Error) => void };

export class Journal {
  private readonly letters = new LetterIndex();
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  /** A flush is asked for: the one under way goes on with what is queued. */
  private urgent = false;
  private readonly schedule = new CommitSchedule(() => {
    this.urgent = true;
    // Nothing queued, nothing to flush (a timer can fire after a flush took what it was for):
    // flush() would end before its promise was kept here, and that one would stay for ever.
    if (!this.flushing && this.queue.length > 0) this.flushing = this.flush();
  });
  /** The disk filled: only the outcomes of letters on their way are still written. */
  private full: UaError | undefined;
  /** A write failed beyond what the reserve could mend: nothing more is written. */
  private broken: UaError | undefined;
  /** Letters whose "transferring" is on disk and whose outcome is not yet: the room each outcome needs. */
  private readonly unsettled = new Map<string, number>();

  private constructor(
    readonly file: string,
    private readonly t: Translate,
    private readonly handle: FileHandle,
    private readonly lock: HeldLock,
    private readonly reserve: Reserve,
    /** How much of the file is whole lines (and what was there before): a failed write is cut back to it. */
    private size: number,
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
    const real = realPath(file);
    const lock = await lockJournal(t, real, options);
    try {
      const read = readJournal(t, file);
      notAJournal(t, file, read);
      noteDamaged(t, file, read, options.say);
      const created = read.entries.length === 0 && read.damagedCount === 0 && !read.unterminated;
      const handle = await open(file, 'a', 0o600).catch((error) => Promise.reject(fail(error)));
      // A new file is only durable once its folder records it.
      if (created) syncFolder(dirname(file));
      const { size } = await handle.stat();
      const journal = new Journal(file, t, handle, lock, Reserve.beside(real), size, read.unterminated);
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

  /** Why writing stopped, if it did: a full disk (every letter that went is recorded), or worse. */
  get failure(): UaError | undefined {
    return this.broken ?? this.full;
  }

  /**
   * Adds an entry; resolves once it is on disk. Entries that arrive while a flush is under way
   * go together in the next one; when that one starts is journal-commit.ts's to say (`urgency`).
   * Once the disk is full, only an outcome of a letter on its way is accepted ("transferring" is
   * refused: that letter never goes); after a failed write, nothing.
   */
  append(entry: JournalEntry, urgency: Urgency = 'now'): Promise<void> {
    const refused = this.broken ?? (this.full && !this.settles(entry) ? this.full : undefined);
    if (refused) return Promise.reject(refused);
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, line: `${JSON.stringify(entry)}\n`, resolve, reject });
      this.schedule.queued(urgency, this.flushing !== undefined);
    });
  }

  /** A pool's connections, which each wait for their letter's line again and again: one flush for them all. Returns the undoing. */
  gatherFor(writers: () => number): () => void {
    return this.schedule.gatherFor(writers);
  }

  /** Waits for every entry to be on disk, gives the reserve back, then lets the next run in. */
  async close(): Promise<void> {
    try {
      if (this.queue.length > 0) this.schedule.now();
      while (this.flushing) await this.flushing.catch(() => undefined);
      await this.handle.close();
    } finally {
      await this.reserve.release();
      this.lock.release();
    }
  }

  /** An outcome of a letter whose "transferring" is on disk. */
  private settles(entry: JournalEntry): boolean {
    return entry.state !== 'transferring' && this.unsettled.has(entry.key);
  }

  private async flush(): Promise<void> {
    while (this.urgent && this.queue.length > 0) {
      this.urgent = false;
      this.schedule.taken();
      const batch = this.admitted(this.queue.splice(0));
      try {
        await this.keepRoom(batch);
        await this.write(batch);
      } catch (error) {
        await this.failed(batch, error);
      }
    }
    this.flushing = undefined;
    this.schedule.ended(this.queue.length > 0);
  }

  /** Once the disk is full, the entries that settle no letter on its way are refused; the others keep to their room. */
  private admitted(entries: Pending[]): Pending[] {
    const full = this.full;
    if (!full) return entries;
    for (const pending of entries) if (!this.settles(pending.entry)) pending.reject(full);
    return entries
      .filter((pending) => this.settles(pending.entry))
      .map((pending) => {
        if (Buffer.byteLength(pending.line) <= (this.unsettled.get(pending.entry.key) ?? 0)) return pending;
        const { reason: _dropped, ...entry } = pending.entry;
        return { ...pending, entry, line: `${JSON.stringify(entry)}\n` };
      });
  }

  /** Before a letter may start, the reserve holds room for its outcome and those of every letter on its way. */
  private async keepRoom(batch: readonly Pending[]): Promise<void> {
    if (this.full) return;
    const room = roomNeeded(this.unsettled, batch);
    if (room > 0) await this.reserve.hold(room + 1);
  }

  /**
   * Adds lines (JSON entries, each with its line break) that no step waits on one by one: a
   * print pack's letters, recorded once it is in place. Flushed to disk only when asked: a
   * flush every 250 entries, as append() does, was 0.3 to 0.6 s of a pack of 10,000 signers
   * on this machine's disk (160 of them). Not indexed: the run closes the journal after them.
   * A write that fails is cut off and ends all writing.
   */
  async appendLines(lines: string, flush: boolean): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.flushing) await this.flushing.catch(() => undefined);
    try {
      this.size += await this.writeWhole(lines);
      this.needsNewline = false;
      if (flush) await this.handle.datasync();
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined);
      this.broken = systemError(this.t, error, this.t('journal.cannotWrite', { file: this.file }), this.t('journal.cannotWriteHint'));
      throw this.broken;
    }
  }

  /** Writes the lines after what is whole in the file; returns how many bytes that took. */
  private async writeWhole(lines: string): Promise<number> {
    const bytes = Buffer.from(`${this.needsNewline ? '\n' : ''}${lines}`, 'utf8');
    // write(2) may take fewer bytes than given (a nearly full disk): the rest follows, or it fails.
    for (let offset = 0; offset < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      if (bytesWritten === 0) throw Object.assign(new Error('nothing was written'), { code: 'ENOSPC' });
      offset += bytesWritten;
    }
    return bytes.length;
  }

  private async write(batch: readonly Pending[]): Promise<void> {
    if (batch.length === 0) return;
    const written = await this.writeWhole(batch.map((pending) => pending.line).join(''));
    await this.handle.datasync();
    this.size += written;
    this.needsNewline = false;
    for (const { entry, line, resolve } of batch) {
      this.letters.add(entry);
      if (entry.state === 'transferring') this.unsettled.set(entry.key, outcomeRoom(entry, line));
      else this.unsettled.delete(entry.key);
      resolve();
    }
  }

  /**
   * A write failed: whatever part of it landed is cut off, so the file ends on a whole line. The
   * first time the disk is full, the reserve is given back and the batch goes again, without the
   * letters that had not started (they never go); their outcomes fit in the room it held. Any
   * other failure, or a second one, ends all writing: letters on their way stay in doubt.
   */
  private async failed(batch: Pending[], error: unknown): Promise<void> {
    const { t, file } = this;
    const cut = await this.handle.truncate(this.size).then(
      () => true,
      () => false,
    );
    if (cut && isDiskFull(error) && !this.full) {
      this.full = systemError(t, error, t('journal.cannotWrite', { file }), t('journal.fullHint'));
      await this.reserve.release();
      this.queue.unshift(...batch);
      this.urgent = true;
      return;
    }
    this.broken = systemError(t, error, t('journal.cannotWrite', { file }), t('journal.cannotWriteHint'));
    for (const pending of [...batch, ...this.queue]) pending.reject(this.broken);
    this.queue = [];
  }
}
