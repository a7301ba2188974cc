import { Readable } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import type { EmailPlan, SmtpFailure } from '../core/email.js';
import { usageError } from '../errors.js';

/** Where and how to send: from --smtp / UA_SMTP_URL / the config file, and the password. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// — TLS from the first byte. */
  secure: boolean;
  /** STARTTLS is required (smtp:// to anything but this machine). */
  requireTLS: boolean;
  user?: string;
  password?: string;
  /** Seconds to wait for a connection, a greeting, a reply. */
  timeoutSeconds: number;
  /** Extra trust (tests pin a generated certificate); users set NODE_EXTRA_CA_CERTS. */
  tls?: ConnectionOptions;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/**
 * Reads `smtp://user@host:port` or `smtps://…`. A password in the URL is refused: URLs end
 * up in shell history, process lists and logs. The error never repeats the URL.
 */
export function parseSmtpUrl(text: string, where: string): Omit<SmtpSettings, 'password' | 'timeoutSeconds'> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`${where} is not an SMTP URL`, 'Write it as smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS).');
  }
  if (url.password)
    throw usageError(
      `${where} holds a password; it was not used`,
      'Put the password in UA_SMTP_PASSWORD or in the config file (smtp.password), never in a URL.',
    );
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw usageError(`${where} must start with smtp:// or smtps://`);
  if (!url.hostname) throw usageError(`${where} has no host`);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    // Without TLS the password and the letters cross the network in clear; a relay on this
    // machine is the one exception.
    requireTLS: !secure && !LOOPBACK.test(url.hostname),
    user: url.username ? decodeURIComponent(url.username) : undefined,
  };
}

export function describeServer(settings: SmtpSettings): string {
  const security = settings.secure ? 'TLS' : settings.requireTLS ? 'STARTTLS' : 'STARTTLS if offered';
  return `${settings.host}:${settings.port} (${security}${settings.user ? `, as ${settings.user}` : ''})`;
}

export interface SendReceipt {
  accepted: string[];
  rejected: string[];
  response: string;
}

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

/** One open connection, logged in, sending one message at a time. */
export interface MailSession {
  /**
   * Sends one message. `onTransfer` runs once, synchronously, just before the first byte of
   * the message goes to the server (after it accepted the envelope): the caller records it,
   * because from then on a failure leaves the outcome unknown.
   */
  send(raw: Buffer, envelope: { from: string; to: string[] }, onTransfer: () => void): Promise<SendReceipt>;
  readonly usable: boolean;
  close(): void;
}

export type OpenSession = () => Promise<MailSession>;

/** Opens SMTP sessions with nodemailer's SMTPConnection (loaded on first use). */
export function smtpSessions(settings: SmtpSettings): OpenSession {
  return async () => {
    const { default: SMTPConnection } = await import('nodemailer/lib/smtp-connection');
    const timeout = settings.timeoutSeconds * 1000;
    const connection = new SMTPConnection({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: settings.requireTLS,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      tls: { ...settings.tls, servername: settings.tls?.servername ?? settings.host },
    });
    let broken: SmtpError | undefined;
    let failOpening: ((error: SmtpError) => void) | undefined;
    // While opening, a failure arrives as an 'error' event (no server, TLS, a timeout); later it
    // also reaches the pending send's callback. The listener keeps it from crashing the process.
    connection.on('error', (error: Error & { code?: string; responseCode?: number }) => {
      broken = asSmtpError(error);
      failOpening?.(broken);
    });
    connection.on('end', () => {
      broken ??= new SmtpError('the server closed the connection', 'ECONNECTION');
      failOpening?.(broken);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        failOpening = reject;
        connection.connect(() => resolve());
      });
      const user = settings.user;
      if (user) {
        await new Promise<void>((resolve, reject) => {
          failOpening = reject;
          connection.login({ user, pass: settings.password ?? '' }, (error?: Error | null) => (error ? reject(asSmtpError(error)) : resolve()));
        });
      }
    } catch (error) {
      connection.close();
      throw error;
    } finally {
      failOpening = undefined;
    }
    return {
      get usable() {
        return !broken;
      },
      send(raw, envelope, onTransfer) {
        const message = transferSignal(raw, onTransfer);
        return new Promise((resolve, reject) => {
          connection.send(envelope, message, (error, info) => {
            if (error) {
              const failure = asSmtpError(error);
              // A refused message leaves the connection usable once the transaction is reset.
              const refused = failure.code === 'EENVELOPE' || failure.code === 'EMESSAGE';
              if (refused && !broken) connection.reset(() => reject(failure));
              else reject(failure);
              return;
            }
            resolve({ accepted: (info.accepted ?? []).map(String), rejected: (info.rejected ?? []).map(String), response: info.response ?? '' });
          });
        });
      },
      close() {
        connection.quit();
        connection.close();
      },
    };
  };
}

/** The message as a stream that reports the moment the server starts to receive it. */
function transferSignal(raw: Buffer, onTransfer: () => void): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      onTransfer();
      this.push(raw);
      this.push(null);
    },
  });
}

function asSmtpError(error: Error & { code?: string; responseCode?: number }): SmtpError {
  return error instanceof SmtpError ? error : new SmtpError(error.message, error.code, error.responseCode);
}

/**
 * The message as sent (and as written to an .eml file): UTF-8 plain text, quoted-printable,
 * CRLF line ends, lines of at most 76 characters, headers encoded as RFC 2047 words.
 */
export async function composeMessage(plan: EmailPlan, date: Date, draft = false): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const mail = new MailComposer({
    from: plan.from,
    to: plan.to,
    replyTo: plan.replyTo,
    subject: plan.subject,
    text: plan.text,
    messageId: plan.messageId,
    date,
    textEncoding: 'quoted-printable',
    // Outlook opens a message with X-Unsent: 1 as a draft to send; others ignore it.
    headers: draft ? { 'X-Unsent': '1' } : {},
  });
  const built = await mail.compile().build();
  // MailComposer ends header lines with CRLF but keeps the body's LF: one convention only.
  return Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
