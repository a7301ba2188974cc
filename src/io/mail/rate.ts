/** A provider's sending limit: at most `count` messages started per `perMs` milliseconds. */
export interface Rate {
  count: number;
  perMs: number;
}

/** Spaces out the starts of messages: `count` per `perMs`, evenly. Without a rate, none waits. */
export class RateLimiter {
  private readonly intervalMs: number | undefined;
  private nextStart = 0;

  constructor(
    rate: Rate | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    this.intervalMs = rate && rate.perMs / rate.count;
  }

  /** Resolves when the next message may start. */
  async wait(): Promise<void> {
    if (this.intervalMs === undefined) return;
    const now = this.clock();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.intervalMs;
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
  }
}
