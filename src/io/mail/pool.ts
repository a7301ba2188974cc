import type { MailSession, OpenSession } from '../../world.js';

/**
 * One connection of a sending pool, shared by the letters that use it:
 *
 *   closed ──take()──▶ idle ◀──take / release()──▶ busy (one letter or more on it)
 *      ▲                 │                               │
 *      └──── broken: the server closed it, an RSET went unanswered, a send failed ──┘
 *
 * Two letters may be on one connection at once (delivery.ts): the second's envelope goes with
 * the first's final dot (SMTP pipelining across messages, session.ts), so a letter costs one
 * round trip, not two. Before a letter the connection is checked: one the server has closed
 * (every provider closes idle connections, after 30 s to 5 min) is reopened, and one idle for
 * longer than `probeAfterMs` is asked with RSET first. A dropped idle connection never costs
 * a letter.
 */
export type SlotState = 'closed' | 'idle' | 'busy';

export class PooledConnection {
  private session: MailSession | undefined;
  /** The session being opened: letters that come meanwhile wait for the same one. */
  private opening: Promise<MailSession> | undefined;
  private idleSince = 0;
  private users = 0;

  constructor(
    private readonly open: OpenSession,
    private readonly probeAfterMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get state(): SlotState {
    if (!this.session && !this.opening) return 'closed';
    return this.users > 0 ? 'busy' : 'idle';
  }

  /** A live session, now busy: the open one if it still works, else a new one. Throws when none can be opened. */
  async take(): Promise<MailSession> {
    if (this.session && !this.session.usable) this.drop(this.session);
    // Asked only when nothing else is on it: an RSET must not cut into a message in flight.
    if (this.session && this.users === 0 && this.clock() - this.idleSince >= this.probeAfterMs && !(await this.session.probe())) this.drop(this.session);
    if (!this.session) {
      this.opening ??= this.open().finally(() => {
        this.opening = undefined;
      });
      const opened = await this.opening;
      // A letter that waited for the opening finds it already kept.
      this.session ??= opened;
      if (this.session !== opened) opened.close();
    }
    this.users++;
    return this.session;
  }

  /** A letter is done with `session`: it goes back to idle, or closed if it broke. */
  release(session: MailSession): void {
    this.users = Math.max(0, this.users - 1);
    if (!session.usable) this.drop(session);
    this.idleSince = this.clock();
  }

  /** Closes `session` (a send failed in a way that leaves it in doubt), or the current one (the run is over). */
  drop(session: MailSession | undefined = this.session): void {
    session?.close();
    if (session === this.session) this.session = undefined;
  }
}
