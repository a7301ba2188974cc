/**
 * When the journal writes what is queued (group commit). Each flush is a write and an fdatasync,
 * a millisecond or more on a real disk, and a letter goes only once its "transferring" line is
 * on disk: the flushes are most of a pooled send's time, so each is made to serve as many
 * letters as it can.
 *
 * - An entry a step waits for (`now`: a letter's "transferring") starts a flush at once, unless
 *   other writers will soon want one too (a pool's connections, see gatherFor): then the flush
 *   waits until every one of them has queued its entry, or GATHER_MS. Flushed as each came, the
 *   five letters of a pool fell into two groups that alternated, two flushes where one will do.
 * - An entry nothing waits for (`soon`: a letter's outcome) goes with the next flush, or after
 *   LINGER_MS. Flushed on its own, each outcome cost a flush the next letters then queued behind.
 *
 * Nothing is reordered: entries are written as they were queued; only when changes.
 */
export type Urgency = 'now' | 'soon';

const GATHER_MS = 5;
const LINGER_MS = 10;

export class CommitSchedule {
  /** Entries waited for, queued since the last flush began. */
  private waiting = 0;
  private writers: () => number = () => 1;
  private timer: NodeJS.Timeout | undefined;
  private due = 0;

  /** `flush` starts a flush, or has the one under way go on with what is queued. */
  constructor(private readonly flush: () => void) {}

  /** An entry was queued; `flushing`: a flush is under way, which the entries left after it wait for. */
  queued(urgency: Urgency, flushing: boolean): void {
    if (urgency === 'soon') {
      if (!flushing) this.later(LINGER_MS);
    } else if (++this.waiting >= this.writers()) this.now();
    else this.later(GATHER_MS);
  }

  /** A flush takes everything queued. */
  taken(): void {
    this.waiting = 0;
  }

  /** A flush ended with entries left that nothing has scheduled yet (outcomes that came during it). */
  ended(left: boolean): void {
    if (left) this.later(LINGER_MS);
  }

  /** Flush now (the run is closing, or waiting is over). */
  now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
  }

  /**
   * Writers that each wait for an entry of their own, again and again (a pool's connections):
   * a flush waits for all of them (see above). Returns the undoing, for when they are done:
   * what is queued then has nothing more to wait for.
   */
  gatherFor(writers: () => number): () => void {
    this.writers = writers;
    return () => {
      this.writers = () => 1;
      this.now();
    };
  }

  /** A flush within `ms`, unless one is due sooner. */
  private later(ms: number): void {
    const due = performance.now() + ms;
    if (this.timer && this.due <= due) return;
    clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => this.now(), ms);
  }
}
