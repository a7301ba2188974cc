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

  /**
   * Resolves when the next message may start, or at once when `stop` is aborted (Ctrl-C): at a
   * slow pace a wait is minutes long, and an interrupted run must not sit through it.
   */
  async wait(stop?: AbortSignal): Promise<void> {
    if (this.intervalMs === undefined || stop?.aborted) return;
    const now = this.clock();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.intervalMs;
    if (start <= now) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop?.removeEventListener('abort', done);
        resolve();
      };
      // The timer is cleared on abort: a pending one would keep the process alive until it fired.
      const timer = setTimeout(done, start - now);
      stop?.addEventListener('abort', done, { once: true });
    });
  }
}
