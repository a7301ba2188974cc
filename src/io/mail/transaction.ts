import type { Socket } from 'node:net';
import type { SendReceipt } from '../../world.js';
import { asSmtpError } from './smtp-error.js';

export type Connection = InstanceType<typeof import('nodemailer/lib/smtp-connection').default>;

/** One message on its way: the server's answer, and whether all of it may have reached the server. */
export interface Sending {
  receipt: Promise<SendReceipt>;
  /**
   * The message has been handed to the connection, so the final dot may have gone. Until then
   * the server cannot have accepted it (SMTP: a message is taken only at its final dot): a
   * connection that fails before leaves it undelivered, not in doubt.
   */
  ended(): boolean;
}

type Done = (error: (Error & { code?: string }) | null, info?: EnvelopeInfo) => void;

interface EnvelopeInfo {
  accepted?: unknown[];
  rejected?: unknown[];
  rejectedErrors?: { recipient?: string; responseCode?: number }[];
  response?: string;
}

/**
 * What of nodemailer's SMTPConnection (pinned at 10.6.1 in package.json) a transaction uses
 * besides its public methods: its envelope (MAIL FROM, RCPT TO and DATA, pipelined when the
 * server offers PIPELINING, with its refusals and errors), its queue of reply handlers, its
 * socket, and the send it fails when the connection does. test/io/mail/transaction.test.ts
 * checks they are all there, so that an upgrade that moves them fails a test, not a send.
 */
export interface ConnectionInternals {
  _setEnvelope(envelope: { from: string; to: string[] }, done: Done): void;
  _actionSMTPStream(reply: string, done: (error: Error | null, reply?: string) => void): void;
  _responseActions: ((reply: string) => void)[];
  _socket: Socket;
  _pendingSend: false | { callback: Done; stream: false; onStreamError: () => void };
  _isDestroyedMessage(what: string): string | undefined;
  _formatError(message: string, code: string, response: string | false, command: string): Error;
}

export const internals = (connection: Connection) => connection as unknown as ConnectionInternals;

/**
 * One message over an open connection: the envelope as nodemailer sends it, then, once the
 * server has said go ahead (354) and `onTransfer` has resolved, the message with its final dot
 * in one write. (nodemailer's own send passes the message through a stream and two writes:
 * the same bytes, more work for both ends.) If `onTransfer` fails, the message never leaves.
 * `broken` tells whether the connection has failed meanwhile, so that a refused message resets
 * only a connection that still works.
 */
export function sendMessage(
  connection: Connection,
  raw: Buffer,
  envelope: { from: string; to: string[] },
  onTransfer: () => Promise<void>,
  broken: () => boolean,
): Sending {
  let ended = false;
  const receipt = new Promise<SendReceipt>((resolve, reject) => {
    const settle: Done = (error, info) => {
      if (!error) return resolve(receiptOf(info ?? {}));
      const failure = asSmtpError(error);
      // A refused message leaves the connection usable once the transaction is reset.
      const refused = failure.code === 'EENVELOPE' || failure.code === 'EMESSAGE';
      if (refused && !broken()) connection.reset(() => reject(Object.assign(failure, { rejected: rejectedOf(error as EnvelopeInfo) })));
      else reject(failure);
    };
    transact(internals(connection), envelope, settle, (go) =>
      onTransfer().then(
        () =>
          go(dotStuffed(raw), () => {
            ended = true;
          }),
        (notRecorded: Error) => {
          // The message never left: closing now, before its end, makes the server drop it.
          connection.close();
          reject(notRecorded);
        },
      ),
    );
  });
  return { receipt, ended: () => ended };
}

/**
 * nodemailer's send, with the message written at once: the callback runs once, and the
 * connection's failure (a close, a timeout, a 421) reaches it as nodemailer's own send would.
 */
function transact(
  connection: ConnectionInternals,
  envelope: { from: string; to: string[] },
  settle: Done,
  transfer: (go: (bytes: Buffer, going: () => void) => void) => void,
): void {
  let returned = false;
  const callback: Done = (error, info) => {
    if (returned) return;
    returned = true;
    if (connection._pendingSend && connection._pendingSend.callback === callback) connection._pendingSend = false;
    settle(error, info);
  };
  const destroyed = connection._isDestroyedMessage('send message');
  if (destroyed) {
    callback(connection._formatError(destroyed, 'ECONNECTION', false, 'API'));
    return;
  }
  connection._pendingSend = { callback, stream: false, onStreamError: () => undefined };
  connection._setEnvelope({ from: envelope.from, to: [...envelope.to] }, (error, info) => {
    if (error) return callback(error);
    transfer((bytes, going) => {
      // The connection failed while the journal was written: nothing goes.
      if (returned) return;
      connection._responseActions.push((reply) =>
        connection._actionSMTPStream(reply, (failed, response) => (failed ? callback(failed) : callback(null, { ...info, response }))),
      );
      going();
      connection._socket.write(bytes);
    });
  });
}

function receiptOf(info: EnvelopeInfo): SendReceipt {
  return { accepted: (info.accepted ?? []).map(String), rejected: rejectedOf(info), response: info.response ?? '' };
}

/** Each address refused at RCPT TO, with its reply code. */
function rejectedOf(source: EnvelopeInfo): SendReceipt['rejected'] {
  const codes = new Map((source.rejectedErrors ?? []).map((error) => [String(error.recipient), error.responseCode]));
  return (source.rejected ?? []).map((address) => ({ address: String(address), code: codes.get(String(address)) }));
}

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/**
 * The message as SMTP carries it (RFC 5321 4.5.2), byte for byte what nodemailer's DataStream
 * writes: every line end CRLF (a bare CR or LF becomes one), a dot that starts a line doubled,
 * then the final dot on a line of its own. A message ua wrote has only CRLF and seldom a dot at
 * a line's start: then it is copied once, with the dot appended.
 */
export function dotStuffed(raw: Buffer): Buffer {
  if (!needsStuffing(raw)) return Buffer.concat([raw, raw.length > 0 && raw[raw.length - 1] === LF ? END_AFTER_LF : END]);
  const out: number[] = [];
  let prev = -1;
  for (const byte of raw) {
    if (prev === CR && byte !== LF) out.push(LF);
    else if (byte === LF && prev !== CR) out.push(CR);
    if (byte === DOT && (prev === LF || prev === -1 || prev === CR)) out.push(DOT);
    out.push(byte);
    prev = byte;
  }
  const last = raw.length > 0 ? raw[raw.length - 1] : undefined;
  return Buffer.concat([Buffer.from(out), last === LF ? END_AFTER_LF : last === CR ? END_AFTER_CR : END]);
}

const END = Buffer.from('\r\n.\r\n');
const END_AFTER_LF = Buffer.from('.\r\n');
const END_AFTER_CR = Buffer.from('\n.\r\n');

/** Whether any byte would change: a CR not before LF, an LF not after CR, a dot at a line's start. */
function needsStuffing(raw: Buffer): boolean {
  if (raw.length > 0 && raw[0] === DOT) return true;
  for (let at = raw.indexOf(LF); at !== -1; at = raw.indexOf(LF, at + 1)) {
    if (at === 0 || raw[at - 1] !== CR || raw[at + 1] === DOT) return true;
  }
  for (let at = raw.indexOf(CR); at !== -1; at = raw.indexOf(CR, at + 1)) if (raw[at + 1] !== LF) return true;
  return false;
}
