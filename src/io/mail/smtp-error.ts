import type { SmtpFailure } from '../../core/email.js';

/** A failure carrying what nodemailer said: code, SMTP reply code, message. */
export class SmtpError extends Error implements SmtpFailure {
  constructor(
    message: string,
    readonly code?: string,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

export function asSmtpError(error: Error & { code?: string; responseCode?: number }): SmtpError {
  return error instanceof SmtpError ? error : new SmtpError(error.message, error.code, error.responseCode);
}
