import type { SmtpFailure } from '../../core/smtp-outcome.js';

/** A failure carrying what nodemailer said: code, SMTP reply code, message. */
export class SmtpError extends Error implements SmtpFailure {
  beforeEnd?: boolean;

  constructor(
    message: string,
    readonly code?: string,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

/**
 * A send that failed without a reply from the server (the connection ended, a deadline passed)
 * before the whole message had gone: the server cannot have taken it, so it is marked
 * `beforeEnd`. Anything else passes as it is (the journal's own failure, a server's refusal).
 */
export function cutShort(error: unknown, ended: boolean): unknown {
  if (!ended && error instanceof SmtpError && !error.responseCode) error.beforeEnd = true;
  return error;
}

export function asSmtpError(error: Error & { code?: string; responseCode?: number }): SmtpError {
  return error instanceof SmtpError ? error : new SmtpError(error.message, error.code, error.responseCode);
}
