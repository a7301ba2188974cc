import type { MailSession, OpenSession } from '../../world.js';

/**
 * One connection of a sending pool, as an explicit state machine:
 *
 *   closed ──ready()──▶ idle ──take──▶ busy ──release()──▶ idle
 *      ▲                  │                    │
 *      └──── broken: the server closed it, an RSET went unanswered, a send failed ─┘
 *
 * Before each message the connection is checked: one the server has closed (every provider
 * closes idle connections, after 30 s to 5 min) is reopened, and one idle for longer than
 * `probeAfterMs` is asked with RSET first. A dropped idle connection never costs a letter.
 */
export type SlotState = 'closed' | 'idle' | 'busy';

export class PooledConnection {
  private session: MailSession | undefined;
  private idleSince = 0;
  private current: SlotState = 'closed';

  constructor(
    private readonly open: OpenSession,
    private readonly probeAfterMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get state(): SlotState {
    return this.current;
  }

  /** A live session, now busy: the open one if it still works, else a new one. Throws when none can be opened. */
  async take(): Promise<MailSession> {
    if (this.session && !this.session.usable) this.drop();
    if (this.session && this.clock() - this.idleSince >= this.probeAfterMs && !(await this.session.probe())) this.drop();
    if (!this.session) {
      this.session = await this.open();
    }
    this.current = 'busy';
    return this.session;
  }

  /** The message is done: the connection goes back to idle, or closed if it broke. */
  release(): void {
    if (this.session && !this.session.usable) this.drop();
    else if (this.session) this.current = 'idle';
    this.idleSince = this.clock();
  }

  /** Closes the connection (a send failed in a way that leaves it in doubt, or the run is over). */
  drop(): void {
    this.session?.close();
    this.session = undefined;
    this.current = 'closed';
  }
}
