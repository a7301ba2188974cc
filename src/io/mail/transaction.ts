import type { Socket } from 'node:net';
import type { Translate } from '../../core/i18n.js';
import type { SendReceipt } from '../../world.js';
import { SmtpError } from './smtp-error.js';
import { type Offers, type Reply, Wire } from './wire.js';

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

/**
 * What of nodemailer's SMTPConnection (pinned at 10.6.1 in package.json) ua uses besides its
 * public methods: the socket it opened, logged in, and its listener for the server's replies,
 * which the Wire replaces. test/io/mail/transaction.test.ts checks they are there, so that an
 * upgrade that moves them fails a test, not a send.
 */
export interface ConnectionInternals {
  _socket: Socket;
  _onSocketData: (chunk: Buffer) => void;
}

export const internals = (connection: Connection) => connection as unknown as ConnectionInternals;

/** The transactions of a connection nodemailer has opened and logged in, from now on ua's (wire.ts). */
export function takeOver(connection: Connection, t: Translate, offers: Offers, broken: (error: SmtpError) => void): Wire {
  const { _socket: socket, _onSocketData: nodemailers } = internals(connection);
  // Two readers would each take the other's replies.
  if (!socket.listeners('data').includes(nodemailers)) throw new Error('nodemailer reads its socket in a way this version of ua does not know');
  socket.removeListener('data', nodemailers);
  return new Wire(t, socket, offers, broken);
}

/**
 * One message over an open connection (RFC 5321 3.3): MAIL FROM, a RCPT TO for each address
 * and DATA, together when the server offers PIPELINING; then, once the server has said go
 * ahead (354) and `onTransfer` has resolved, the message with its final dot. If `onTransfer`
 * fails, the message never leaves and `abandon` closes the connection. `gone` is called as the
 * message goes: the next message's envelope may follow it at once, in the same write (RFC
 * 2920 lets a message's content open a group of commands).
 */
export function sendMessage(
  wire: Wire,
  raw: Buffer,
  envelope: { from: string; to: string[] },
  onTransfer: () => Promise<void>,
  { abandon, gone = () => undefined }: { abandon: () => void; gone?: () => void },
): Sending {
  let ended = false;
  const receipt = transact(wire, raw, envelope, onTransfer, {
    abandon,
    going: () => {
      ended = true;
      gone();
    },
  });
  return { receipt, ended: () => ended };
}

async function transact(
  wire: Wire,
  raw: Buffer,
  { from, to }: { from: string; to: string[] },
  onTransfer: () => Promise<void>,
  { abandon, going }: { abandon: () => void; going: () => void },
): Promise<SendReceipt> {
  const { t } = wire;
  // An address that would add a command or another address never reaches the server.
  const bad = [from, ...to].find((address) => /[\r\n<>]/.test(address)) ?? (to.length === 0 || to.includes('') ? '' : undefined);
  if (bad !== undefined) throw new SmtpError(t('smtp.badAddress', { address: JSON.stringify(bad) }), 'EENVELOPE');
  const utf8 = wire.offers.smtpUtf8 && /[^\x00-\x7f]/.test(from + to.join(''));
  const commands = [`MAIL FROM:<${from}>${utf8 ? ' SMTPUTF8' : ''}`, ...to.map((address) => `RCPT TO:<${address}>`), 'DATA'];
  const replies = await (wire.offers.pipelining ? Promise.all(wire.commands(commands)) : oneByOne(wire, commands));
  const [mail, rcpts, data] = [replies[0] as Reply, replies.slice(1, 1 + to.length), replies[1 + to.length]];
  const accepted = to.filter((_, i) => positive(rcpts[i]));
  const rejected = to.flatMap((address, i) => {
    const reply = rcpts[i];
    return reply && !positive(reply) ? [{ address, code: reply.code }] : [];
  });
  const refusal = envelopeRefusal(wire, mail, rcpts, accepted, data);
  if (refusal) {
    // DATA taken all the same: only a closed connection ends that message for sure.
    if (data && data.code >= 300 && data.code < 400) abandon();
    // The transaction is left open by a refused envelope: RSET ends it before the next one.
    else await reset(wire, abandon);
    // Each address's own refusal counts only once the sender was taken (after a refused MAIL FROM they say 503).
    throw positive(mail) ? Object.assign(refusal, { rejected }) : refusal;
  }
  try {
    await onTransfer();
  } catch (notRecorded) {
    // The message never left: closing now, before its end, makes the server drop it.
    abandon();
    throw notRecorded;
  }
  // The connection may have failed while the journal was written: then nothing went.
  const final = wire.message(dotStuffed(raw));
  if (!wire.failed) going();
  const answer = await final;
  if (!positive(answer)) throw refused(t('smtp.refusedMessage', { reply: answer.text }), answer, 'EMESSAGE');
  return { accepted, rejected, response: answer.text };
}

/** Without PIPELINING: each command once the one before is answered, and none after a refusal that ends the envelope. */
async function oneByOne(wire: Wire, commands: string[]): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const [i, command] of commands.entries()) {
    // Nothing after a refused sender, no DATA without an address taken.
    if (i > 0 && !positive(replies[0])) break;
    if (i === commands.length - 1 && !replies.slice(1).some(positive)) break;
    replies.push(await wire.command(command));
  }
  return replies;
}

/** Why the server will not take a message to these addresses, if it will not: sender refused, every address refused, DATA refused. */
function envelopeRefusal(wire: Wire, mail: Reply, rcpts: Reply[], accepted: string[], data: Reply | undefined): SmtpError | undefined {
  const { t } = wire;
  if (!positive(mail)) return refused(t('smtp.refusedSender', { reply: mail.text }), mail, 'EENVELOPE');
  if (accepted.length === 0) {
    // A refusal for now, if there is one, says the letter may go later.
    const reply = rcpts.find((r) => r.code < 500) ?? rcpts.at(-1);
    return refused(t('smtp.refusedRecipients', { reply: reply?.text ?? '' }), reply, 'EENVELOPE');
  }
  if (!data || data.code < 200 || data.code >= 400) return refused(t('smtp.refusedData', { reply: data?.text ?? '' }), data, 'EENVELOPE');
  return undefined;
}

/** Ends a refused transaction; a connection that cannot is not used again. */
async function reset(wire: Wire, abandon: () => void): Promise<void> {
  const reply = await wire.command('RSET').catch(() => undefined);
  if (reply && !positive(reply)) abandon();
}

const positive = (reply: Reply | undefined) => reply !== undefined && reply.code >= 200 && reply.code < 300;

const refused = (message: string, reply: Reply | undefined, code: string) => new SmtpError(message, code, reply?.code || undefined);

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
