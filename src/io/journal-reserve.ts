import { rmSync } from 'node:fs';
import { type FileHandle, open, rm } from 'node:fs/promises';
import type { JournalEntry } from '../core/journal-entries.js';
import { crypto } from './crypto.js';

/** File systems hand out room a page (or block) at a time: the reserve grows by as much. */
const PAGE = 4096;

/**
 * Room kept on the journal's disk for the outcomes of the letters on their way: a file beside
 * the journal (`journal.jsonl.reserve`) of bytes that mean nothing. A message goes only once its
 * "transferring" entry is on disk, and its outcome is written after the server answers; a disk
 * that fills in between would leave that letter in doubt for good. So the journal holds here,
 * before each letter starts, the room its outcome will need, and when the disk fills it gives
 * the room back and writes the outcomes into it. Random bytes, not zeros: a compressing file
 * system (btrfs, ZFS) would keep zeros in no room at all.
 */
export class Reserve {
  private handle: FileHandle | undefined;
  private size = 0;

  private constructor(readonly file: string) {}

  /** The reserve of a journal (its real path); one that a killed run left behind is removed (the lock is ours). */
  static beside(journal: string): Reserve {
    const reserve = new Reserve(`${journal}.reserve`);
    rmSync(reserve.file, { force: true });
    return reserve;
  }

  /** Keeps at least `bytes`, written and flushed; throws what the disk says when it cannot (ENOSPC). */
  async hold(bytes: number): Promise<void> {
    if (bytes <= this.size) return;
    this.handle ??= await open(this.file, 'w', 0o600);
    const more = Math.ceil((bytes - this.size) / PAGE) * PAGE;
    const filler = crypto().randomFillSync(Buffer.allocUnsafe(more));
    for (let done = 0; done < more; ) {
      const { bytesWritten } = await this.handle.write(filler, done, more - done, this.size + done);
      if (bytesWritten === 0) throw Object.assign(new Error('nothing was written'), { code: 'ENOSPC' });
      done += bytesWritten;
    }
    await this.handle.datasync();
    this.size += more;
  }

  /** Gives the room back to the disk: closed and removed, before the outcomes are written. */
  async release(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.size = 0;
    await handle?.close().catch(() => undefined);
    await rm(this.file, { force: true }).catch(() => undefined);
  }
}

/**
 * The room a letter's outcome may take, from its "transferring" line: the outcome repeats that
 * line with another state, adds each address's state, and a reason. A reason that would not fit
 * is left out when the disk is full (see Journal's admitted): the states are what a rerun needs.
 */
export function outcomeRoom({ to }: JournalEntry, line: string): number {
  let room = Buffer.byteLength(line) + REASON_ROOM;
  for (const address of to) room += Buffer.byteLength(JSON.stringify(address)) + 16;
  return room;
}
const REASON_ROOM = 256;

/** The room the outcomes of every letter on its way take, those the batch starts included. */
export function roomNeeded(unsettled: ReadonlyMap<string, number>, batch: readonly { entry: JournalEntry; line: string }[]): number {
  const rooms = new Map(unsettled);
  for (const { entry, line } of batch) if (entry.state === 'transferring') rooms.set(entry.key, outcomeRoom(entry, line));
  let room = 0;
  for (const bytes of rooms.values()) room += bytes;
  return room;
}
