import type { Socket } from 'node:net';
import type { Translate } from '../../core/i18n.js';
import { SmtpError } from './smtp-error.js';

/** A server's reply: its code, and its text as the server wrote it (lines joined by \n). */
export interface Reply {
  code: number;
  text: string;
}

/** What a connection offers, from its EHLO reply. */
export interface Offers {
  /** RFC 2920: commands may go without waiting for the replies in between. */
  pipelining: boolean;
  smtpUtf8: boolean;
}

/** A reply longer than this, or a line that never ends, is not a server speaking SMTP. */
const MAX_REPLY = 64 * 1024;

/**
 * The commands and replies of a connection once nodemailer has opened it (greeting, EHLO,
 * STARTTLS, login): from here ua speaks the transactions itself. nodemailer answers one reply
 * per turn of the event loop, so that the replies to a pipelined envelope took four turns,
 * and it follows one message at a time; here every reply that has arrived is answered at
 * once, in order, and what is written in the same turn (a message's final dot and the next
 * one's envelope) goes in one write.
 *
 * Each command gets its reply in the order it was sent (SMTP answers in order, RFC 5321
 * 4.1.1). A reply nobody waits for (a 421 before closing) or a failure of the connection
 * (`fail`) ends every reply still awaited, each with an error of its own.
 */
export class Wire {
  private readonly waiting: { resolve: (reply: Reply) => void; reject: (error: SmtpError) => void }[] = [];
  /** The end of the last chunk: a line not finished yet. */
  private partial = '';
  /** The lines of a reply with more to come (250-…). */
  private lines: string[] = [];
  private length = 0;
  private out: (string | Buffer)[] = [];
  private failure: SmtpError | undefined;

  constructor(
    readonly t: Translate,
    private readonly socket: Socket,
    readonly offers: Offers,
    /** The connection can no longer be used (the server said 421, or spoke out of turn). */
    private readonly broken: (error: SmtpError) => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
  }

  /** Sends the commands together; each promise is kept with its command's reply. */
  commands(lines: readonly string[]): Promise<Reply>[] {
    this.send(lines.map((line) => `${line}\r\n`).join(''));
    return lines.map(() => this.reply());
  }

  /** Sends one command; kept with its reply. */
  command(line: string): Promise<Reply> {
    this.send(`${line}\r\n`);
    return this.reply();
  }

  /** Sends bytes that get one reply: a message with its final dot. */
  message(bytes: Buffer): Promise<Reply> {
    this.send(bytes);
    return this.reply();
  }

  /** Whether the connection has failed: nothing more goes. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** The connection failed: every reply awaited, and any asked for later, fails with `error`. */
  fail(error: SmtpError): void {
    this.failure ??= error;
    this.out = [];
    for (const waiter of this.waiting.splice(0)) waiter.reject(copyOf(error));
  }

  private reply(): Promise<Reply> {
    const reply = this.failure
      ? Promise.reject(copyOf(this.failure))
      : new Promise<Reply>((resolve, reject) => {
          this.waiting.push({ resolve, reject });
        });
    // A pipelined command's reply may never be read once an earlier one failed.
    reply.catch(() => undefined);
    return reply;
  }

  /** Written at the end of this turn, with whatever else is written in it. */
  private send(data: string | Buffer): void {
    if (this.failure) return;
    if (this.out.length === 0) process.nextTick(() => this.flush());
    this.out.push(data);
  }

  private flush(): void {
    const out = this.out;
    this.out = [];
    if (out.length === 0 || this.socket.destroyed) return;
    // One write, one segment: a message's final dot and the next envelope go together.
    this.socket.write(out.length === 1 ? (out[0] as string | Buffer) : Buffer.concat(out.map((data) => (typeof data === 'string' ? Buffer.from(data) : data))));
  }

  private read(chunk: Buffer): void {
    const text = this.partial + chunk.toString('latin1');
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1 && !this.failure; end = text.indexOf('\n', start)) {
      this.line(text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end));
      start = end + 1;
    }
    this.partial = text.slice(start);
    if (this.partial.length > MAX_REPLY) this.outOfTurn(this.t('smtp.unexpected', { reply: this.partial.slice(0, 80) }));
  }

  private line(line: string): void {
    if (line === '' || this.failure) return;
    this.lines.push(line);
    this.length += line.length;
    if (this.length > MAX_REPLY) {
      this.outOfTurn(this.t('smtp.unexpected', { reply: line.slice(0, 80) }));
      return;
    }
    if (line.charAt(3) === '-') return;
    // The server's bytes are UTF-8 (RFC 6531) or ASCII.
    const text = Buffer.from(this.lines.join('\n'), 'latin1').toString('utf8');
    this.lines = [];
    this.length = 0;
    const reply = { code: Number(/^\d{3}/.exec(text)?.[0] ?? 0), text };
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(reply);
    // RFC 5321 4.2: a 421 closes the connection, whatever it answered.
    if (!waiter || reply.code === 421)
      this.outOfTurn(reply.code === 421 ? this.t('smtp.closing', { reply: text }) : this.t('smtp.unexpected', { reply: text }));
  }

  private outOfTurn(reason: string): void {
    const error = new SmtpError(reason, 'ECONNECTION');
    this.fail(error);
    this.broken(error);
  }
}

function copyOf(error: SmtpError): SmtpError {
  return new SmtpError(error.message, error.code, error.responseCode);
}
