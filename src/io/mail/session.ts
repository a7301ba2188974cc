import { isIP } from 'node:net';
import type { Translate } from '../../core/i18n.js';
import type { MailSession, OpenSession, SendReceipt, SmtpSettings } from '../../world.js';
import { withDeadline } from './deadline.js';
import { asSmtpError, cutShort, SmtpError } from './smtp-error.js';
import { type Connection, sendMessage, takeOver } from './transaction.js';
import type { Offers, Wire } from './wire.js';

/**
 * Opens SMTP sessions with nodemailer's SMTPConnection (loaded on first use). Every step has
 * an overall deadline of `timeoutSeconds`, besides nodemailer's idle timeouts: a server that
 * trickles one byte a second never keeps ua waiting.
 */
export function smtpSessions(t: Translate, settings: SmtpSettings): OpenSession {
  return () => SmtpSession.open(t, settings);
}

/**
 * Where a session stands (it starts closed: not connected yet):
 *
 *   closed ──connect()──▶ connecting ──EHLO, login──▶ ready ◀──send()/answer──▶ sending
 *                             │                         │                          │
 *                             └─────────────────────────┴──────────────────────────┴──▶ broken
 *                                  an error, the connection's end, a step past its deadline
 *
 *   close(), from any state ──▶ closed
 *
 * While connecting, a failure rejects the opening; afterwards it marks the session broken, and
 * a send in flight hears of it from nodemailer's callback. Only ready and sending are usable.
 */
type State = { name: 'connecting'; fail: (error: SmtpError) => void } | { name: 'ready' | 'sending' | 'broken' | 'closed' };

class SmtpSession implements MailSession {
  private state: State = { name: 'closed' };
  /** The transactions, once logged in. */
  private wire: Wire | undefined;
  /** Settles when the message before has gone whole (without PIPELINING: been answered), or failed: the next one's envelope may follow it. */
  private turn: Promise<void> = Promise.resolve();
  /** Settles when the message before has its answer (or failed): the next one's time to be answered starts then. */
  private answered: Promise<void> = Promise.resolve();
  /** Messages on the connection: sent, or waiting for their answer. */
  private inFlight = 0;

  private constructor(
    private readonly t: Translate,
    private readonly connection: Connection,
    private readonly timeoutMs: number,
  ) {
    // While opening, a failure arrives as an 'error' event (no server, TLS, a timeout); later it
    // also reaches the pending send's callback. The listener keeps it from crashing the process.
    connection.on('error', (error: NodemailerError) => this.fails(inOurWords(t, error)));
    connection.on('end', () => this.fails(new SmtpError(t('smtp.closed'), 'ECONNECTION')));
  }

  static async open(t: Translate, settings: SmtpSettings): Promise<SmtpSession> {
    const { default: SMTPConnection } = await import('nodemailer/lib/smtp-connection');
    const timeoutMs = settings.timeoutSeconds * 1000;
    const connection = new SMTPConnection({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: settings.requireTLS,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      // SNI names a host, never an address (RFC 6066; Node warns on stderr): an IP is checked against the certificate as it is.
      tls: { ...settings.tls, servername: settings.tls?.servername ?? (isIP(settings.host) ? undefined : settings.host) },
    });
    const session = new SmtpSession(t, connection, timeoutMs);
    try {
      await session.deadline(t('smtp.slowOpen'), session.connect(settings));
    } catch (error) {
      connection.close();
      throw settings.secure && answeredInPlain(error) ? new SmtpError(t('smtp.notTls', { server: `${settings.host}:${settings.port}` }), 'ETLS') : error;
    }
    return session;
  }

  get usable(): boolean {
    return this.state.name === 'ready' || this.state.name === 'sending';
  }

  get smtpUtf8(): boolean {
    return this.wire?.offers.smtpUtf8 ?? false;
  }

  async send(raw: Buffer, envelope: { from: string; to: string[] }, onTransfer: () => Promise<void>): Promise<SendReceipt> {
    // A message's envelope goes only once the one before has gone whole: the server reads
    // everything between its 354 and the final dot as that message.
    const [before, gone] = [this.turn, signal()];
    const [answeredBefore, answered] = [this.answered, signal()];
    this.turn = gone.settled;
    this.answered = answered.settled;
    await before;
    const wire = this.wire;
    // The connection failed (or was closed) under the message before: nothing of this one went.
    if (!this.usable || !wire) {
      gone.now();
      answered.now();
      throw Object.assign(new SmtpError(this.t('smtp.closed'), 'ECONNECTION'), { beforeEnd: true });
    }
    this.state = { name: 'sending' };
    this.inFlight++;
    // Without PIPELINING the next envelope waits for this message's answer: only a server that
    // offers it takes commands ahead of its replies (RFC 2920); Exim refuses them as a synchronization error.
    const sending = sendMessage(wire, raw, envelope, onTransfer, { abandon: () => this.abandon(), gone: wire.offers.pipelining ? gone.now : undefined });
    // The server answers in order: this message's time starts once the one before has its
    // answer, or a server that takes most of the time to answer each would see every second
    // message cut off, in doubt.
    const sent = this.deadline(this.t('smtp.slowAnswer'), sending.receipt, answeredBefore).catch((error: unknown) =>
      Promise.reject(cutShort(error, sending.ended())),
    );
    return sent.finally(() => {
      gone.now();
      answered.now();
      if (--this.inFlight === 0 && this.state.name === 'sending') this.state = { name: 'ready' };
    });
  }

  probe(): Promise<boolean> {
    const wire = this.wire;
    if (!this.usable || !wire) return Promise.resolve(false);
    return this.deadline(this.t('smtp.noRset'), wire.command('RSET')).then(
      (reply) => this.usable && reply.code >= 200 && reply.code < 300,
      () => false,
    );
  }

  close(): void {
    // Closed by this side: the 'end' that follows is expected, not a failure.
    this.state = { name: 'closed' };
    this.wire?.fail(new SmtpError(this.t('smtp.closed'), 'ECONNECTION'));
    this.connection.quit();
    this.connection.close();
  }

  /** Connects and reads EHLO, then logs in if there is a user; settles once ready, or with the first failure. */
  private connect(settings: SmtpSettings): Promise<void> {
    return new Promise((resolve, reject) => {
      this.state = { name: 'connecting', fail: reject };
      // nodemailer hands a close before the greeting to this callback as an error, then ends the
      // connection: that 'end' is what marks the session broken.
      this.connection.connect(() => {
        // Connected means the last reply was EHLO's (after STARTTLS, the second one); a login would replace it.
        const offers = offered(this.connection.lastServerResponse);
        const ready = () => {
          // Only from connecting: a failure meanwhile has already rejected the opening, and stays.
          if (this.state.name !== 'connecting') return resolve();
          this.wire = takeOver(this.connection, this.t, offers, (error) => this.abandon(error));
          this.state = { name: 'ready' };
          resolve();
        };
        if (settings.user) login(this.connection, settings).then(ready, reject);
        else ready();
      });
    });
  }

  /** The connection failed or went away: an opening in progress fails with the first such failure. */
  private fails(error: SmtpError): void {
    const before = this.state;
    if (before.name === 'broken' || before.name === 'closed') return;
    this.state = { name: 'broken' };
    if (before.name === 'connecting') before.fail(error);
    // Every message on the connection, each told with an error of its own.
    this.wire?.fail(error);
  }

  /** The connection is not to be used again (the server closes it, the journal failed): closed now. */
  private abandon(error = new SmtpError(this.t('smtp.closed'), 'ECONNECTION')): void {
    this.fails(error);
    this.connection.close();
  }

  private deadline<T>(what: string, work: Promise<T>, from: Promise<void> = Promise.resolve()): Promise<T> {
    return withDeadline(work, this.timeoutMs, what, () => this.connection.close(), from);
  }
}

/** A promise and what settles it. */
function signal(): { settled: Promise<void>; now: () => void } {
  let now: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => {
    now = resolve;
  });
  return { settled, now };
}

type NodemailerError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

/**
 * A reply nodemailer did not expect while opening comes as "Invalid greeting. response=421 …:
 * 421 …", in English and twice: said here in the user's words, the server's reply once.
 */
function inOurWords(t: Translate, error: NodemailerError): SmtpError {
  if (error.code !== 'EPROTOCOL' || !error.response) return asSmtpError(error);
  const reply = error.response.trim();
  return new SmtpError(error.command === 'CONN' ? t('smtp.turnedAway', { reply }) : t('smtp.unexpected', { reply }), error.code, error.responseCode);
}

/**
 * smtps:// to a server that answers in plain text (a STARTTLS port, 587 or 25): OpenSSL reads
 * its greeting as a TLS record and says "wrong version number" (or, for other first bytes,
 * "packet length too long", "unknown protocol"). Told plainly, with what to use instead.
 */
function answeredInPlain(error: unknown): boolean {
  const { code, originalCode, message } = (error ?? {}) as { code?: string; originalCode?: string; message?: string };
  return (
    /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|UNKNOWN_PROTOCOL/.test(`${code} ${originalCode}`) ||
    /wrong version number|packet length too long|unknown protocol/i.test(message ?? '')
  );
}

/**
 * What an EHLO reply offers, from its keyword lines (a greeting that mentions SMTPUTF8 does not
 * offer it). nodemailer would add the SMTPUTF8 parameter to MAIL FROM only when an envelope
 * address is UTF-8; transaction.ts does the same, and a message whose only UTF-8 address is a
 * header's (the signer's Reply-To) is refused before it goes (delivery.ts).
 */
export function offered(ehlo: string | false): Offers {
  const keywords = new Set(
    (ehlo || '')
      .split(/\r?\n/)
      .slice(1)
      .map((line) => /^\d{3}[ -](\S+)/.exec(line.trim())?.[1]?.toUpperCase()),
  );
  return { pipelining: keywords.has('PIPELINING'), smtpUtf8: keywords.has('SMTPUTF8') };
}

function login(connection: Connection, settings: SmtpSettings): Promise<void> {
  return new Promise((resolve, reject) => {
    connection.login({ user: settings.user ?? '', pass: settings.password ?? '' }, (error?: Error | null) => (error ? reject(asSmtpError(error)) : resolve()));
  });
}
