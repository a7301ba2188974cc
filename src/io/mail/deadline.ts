import { SmtpError } from './smtp-error.js';

/** Rejects with ETIMEDOUT (and runs `onExpire`) if the work has not settled within `ms` of `from`. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string, onExpire: () => void, from: Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const expired = new Promise<never>((_, reject) => {
    from.then(() => {
      if (settled) return;
      timer = setTimeout(() => {
        // Settled first, so the race reports the timeout, not the close that follows it.
        reject(new SmtpError(`${what} (${Math.round(ms / 1000)} s)`, 'ETIMEDOUT'));
        onExpire();
      }, ms);
    });
  });
  return Promise.race([work, expired]).finally(() => {
    settled = true;
    clearTimeout(timer);
  });
}
