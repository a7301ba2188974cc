import { Readable } from 'node:stream';
import type { SmtpFailure } from '../core/email.js';
import type { Translate } from '../core/i18n.js';
import type { OpenSession, SendReceipt, SmtpSettings } from '../world.js';

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

type Connection = InstanceType<typeof import('nodemailer/lib/smtp-connection').default>;

/**
 * Opens SMTP sessions with nodemailer's SMTPConnection (loaded on first use). Every step has
 * an overall deadline of `timeoutSeconds`, besides nodemailer's idle timeouts: a server that
 * trickles one byte a second never keeps ua waiting.
 */
export function smtpSessions(t: Translate, settings: SmtpSettings): OpenSession {
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
      broken ??= new SmtpError(t('smtp.closed'), 'ECONNECTION');
      failOpening?.(broken);
    });
    const deadline = <T>(what: string, work: Promise<T>) => withDeadline(work, timeout, what, () => connection.close());
    let smtpUtf8 = false;
    try {
      await deadline(
        t('smtp.slowOpen'),
        new Promise<void>((resolve, reject) => {
          failOpening = reject;
          connection.connect(() => {
            // Connected means the last reply was EHLO's (after STARTTLS, the second one); a login would replace it.
            smtpUtf8 = offersSmtpUtf8(connection.lastServerResponse);
            if (settings.user) login(connection, settings).then(resolve, reject);
            else resolve();
          });
        }),
      );
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
      smtpUtf8,
      send: (raw, envelope, onTransfer) =>
        deadline(
          t('smtp.slowAnswer'),
          sendMessage(connection, raw, envelope, onTransfer, () => broken),
        ),
      probe: () =>
        broken
          ? Promise.resolve(false)
          : deadline(t('smtp.noRset'), new Promise<void>((resolve, reject) => connection.reset((error) => (error ? reject(error) : resolve())))).then(
              () => !broken,
              () => false,
            ),
      close() {
        connection.quit();
        connection.close();
      },
    };
  };
}

/**
 * Whether an EHLO reply lists SMTPUTF8. nodemailer keeps its list of extensions private; it
 * matches the word anywhere in the reply, this reads only the keyword lines (a greeting that
 * mentions SMTPUTF8 does not offer it). nodemailer adds the SMTPUTF8 parameter to MAIL FROM
 * itself, but only when an envelope address is UTF-8: a message whose only UTF-8 address is a
 * header's (the signer's Reply-To) goes without it, and nodemailer has no option to add it.
 */
export function offersSmtpUtf8(ehlo: string | false): boolean {
  const keywords = (ehlo || '').split(/\r?\n/).slice(1);
  return keywords.some((line) => /^\d{3}[ -]SMTPUTF8$/i.test(line.trim()));
}

function login(connection: Connection, settings: SmtpSettings): Promise<void> {
  return new Promise((resolve, reject) => {
    connection.login({ user: settings.user ?? '', pass: settings.password ?? '' }, (error?: Error | null) => (error ? reject(asSmtpError(error)) : resolve()));
  });
}

function sendMessage(
  connection: Connection,
  raw: Buffer,
  envelope: { from: string; to: string[] },
  onTransfer: () => Promise<void>,
  broken: () => SmtpError | undefined,
): Promise<SendReceipt> {
  let notRecorded: Error | undefined;
  const message = transferSignal(raw, () =>
    onTransfer().catch((error: Error) => {
      notRecorded = error;
      throw error;
    }),
  );
  return new Promise((resolve, reject) => {
    connection.send(envelope, message, (error, info) => {
      if (notRecorded) {
        // The message never left: closing now, before its end, makes the server drop it.
        connection.close();
        return reject(notRecorded);
      }
      if (error) {
        const failure = asSmtpError(error);
        // A refused message leaves the connection usable once the transaction is reset.
        const refused = failure.code === 'EENVELOPE' || failure.code === 'EMESSAGE';
        if (refused && !broken()) connection.reset(() => reject(Object.assign(failure, { rejected: rejectedOf(error) })));
        else reject(failure);
        return;
      }
      resolve({ accepted: (info.accepted ?? []).map(String), rejected: rejectedOf(info), response: info.response ?? '' });
    });
  });
}

/** Each address refused at RCPT TO, with its reply code. */
function rejectedOf(source: { rejected?: unknown[]; rejectedErrors?: { recipient?: string; responseCode?: number }[] }): SendReceipt['rejected'] {
  const codes = new Map((source.rejectedErrors ?? []).map((error) => [String(error.recipient), error.responseCode]));
  return (source.rejected ?? []).map((address) => ({ address: String(address), code: codes.get(String(address)) }));
}

/** Rejects with ETIMEDOUT (and runs `onExpire`) if the work has not settled within `ms`. */
function withDeadline<T>(work: Promise<T>, ms: number, what: string, onExpire: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Settled first, so the race reports the timeout, not the close that follows it.
      reject(new SmtpError(`${what} (${Math.round(ms / 1000)} s)`, 'ETIMEDOUT'));
      onExpire();
    }, ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** The message as a stream that waits for `onTransfer` before its first byte goes. */
function transferSignal(raw: Buffer, onTransfer: () => Promise<void>): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      onTransfer().then(
        () => {
          this.push(raw);
          this.push(null);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}

function asSmtpError(error: Error & { code?: string; responseCode?: number }): SmtpError {
  return error instanceof SmtpError ? error : new SmtpError(error.message, error.code, error.responseCode);
}
