import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/io/mail/rate.js';

describe('RateLimiter', () => {
  it('a wait ends at once when it is interrupted, and an interrupted run no longer waits at all', async () => {
    const limiter = new RateLimiter({ count: 1, perMs: 3_600_000 });
    await limiter.wait();
    const stop = new AbortController();
    // An hour's wait: only the interruption can end it within the test's time.
    const waiting = limiter.wait(stop.signal);
    stop.abort();
    await expect(waiting).resolves.toBeUndefined();
    await expect(limiter.wait(stop.signal)).resolves.toBeUndefined();
  });
});
