import { domainToUnicode } from 'node:url';
import * as mime from 'nodemailer/lib/mime-funcs';
import { encode, wrap } from 'nodemailer/lib/qp';
import type { EmailPlan, Mailbox } from '../../core/email.js';
import { softWrapped } from './soft-wrap.js';

/**
 * The message as sent (and as written to an .eml file): one text/plain part in UTF-8,
 * quoted-printable (7bit when it is short-lined ASCII), CRLF line ends, lines of at most 76
 * characters, headers encoded as RFC 2047 words. These are the bytes nodemailer's MailComposer
 * wrote for the same mail (test/io/mail/message-bytes.test.ts compares them), written directly:
 * its MIME tree of streams cost a third of a dry run, for a message that is one part. The
 * encoding itself is still nodemailer's (its header words, folding and quoted-printable).
 */
export function composeMessage(plan: EmailPlan, date: Date, draft = false): Buffer {
  const { text } = plan;
  const sevenBit = mime.isPlainText(text) && !mime.hasLongerLines(text, 76);
  const headers = [
    // Outlook opens a message with X-Unsent: 1 as a draft to send; others ignore it.
    ...(draft ? ['X-Unsent: 1'] : []),
    ...(plan.from ? [header('From', mailboxes([plan.from]))] : []),
    header('To', mailboxes(plan.to)),
    ...(plan.replyTo ? [header('Reply-To', mailboxes([plan.replyTo]))] : []),
    subjectHeader(plan.subject),
    header('Message-ID', plan.messageId),
    header('Date', date.toUTCString().replace(/GMT/, '+0000')),
    `Content-Transfer-Encoding: ${sevenBit ? '7bit' : 'quoted-printable'}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  // One convention for line ends: the body's LF become CRLF, as the headers' already are.
  const body = sevenBit ? text.replace(/\r?\n/g, '\r\n') : quotedPrintable(text);
  if (plan.attachments?.length) return withAttachments(headers, body, plan);
  const head = headers.join('\r\n');
  // The body is ASCII (quoted-printable, or 7bit); so are the headers, but for a UTF-8 mailbox
  // (RFC 6532). ASCII is copied as Latin-1, the same bytes without UTF-8's encoding.
  return Buffer.from(`${head}\r\n\r\n${body}`, /[^\x00-\x7f]/.test(head) ? 'utf8' : 'latin1');
}

/**
 * A fax for an email-to-fax gateway (core/fax.ts): multipart/mixed, the text part as above
 * (its three content headers move into it), then each file in base64 lines of 76.
 */
function withAttachments(headers: string[], body: string, plan: EmailPlan): Buffer {
  const boundary = `----ua-${plan.messageId.replace(/[^A-Za-z0-9]/g, '').slice(-24)}`;
  const top = headers.slice(0, -3);
  const textPart = [headers.at(-1), headers.at(-3)].join('\r\n');
  const files = (plan.attachments ?? []).map(({ filename, content, contentType }) =>
    [
      header('Content-Type', [contentType, `name="${filename}"`].join('; ')),
      header('Content-Transfer-Encoding', 'base64'),
      header('Content-Disposition', ['attachment', `filename="${filename}"`].join('; ')),
      '',
      (
        Buffer.from(content)
          .toString('base64')
          .match(/.{1,76}/g) ?? []
      ).join('\r\n'),
    ].join('\r\n'),
  );
  const parts = [`${textPart}\r\n\r\n${body}`, ...files].map((part) => `--${boundary}\r\n${part}\r\n`).join('');
  return Buffer.from(
    `${[...top, 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`].join('\r\n')}\r\n\r\n${parts}--${boundary}--\r\n`,
    'utf8',
  );
}

function header(name: string, value: string): string {
  return mime.foldLines(`${name}: ${value}`, 76);
}

// The same subject heads every letter of a language and target: encoded and folded once.
const subjects = new Map<string, string>();

/** RFC 2047: a subject with anything beyond printable ASCII is encoded whole (encodeAll), as nodemailer does for Zimbra's sake. */
function subjectHeader(subject: string): string {
  let line = subjects.get(subject);
  if (line === undefined) {
    if (subjects.size > 200) subjects.clear();
    const value = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(subject) ? mime.encodeWord(subject, 'Q', 52) : encodeWords(subject, 'Q', 52, true);
    line = header('Subject', value);
    subjects.set(subject, line);
  }
  return line;
}

// nodemailer's encodeWords takes a fourth argument its types leave out: encode the whole value, not only its non-ASCII words.
const encodeWords = mime.encodeWords as (value: string, encoding: 'Q', maxLength: number, encodeAll: boolean) => string;

// An address with no special character anywhere may stand bare in a header (nodemailer's rule).
const PLAIN_ADDRESS = /^[^\s"(),:;<>@[\\\]]+@[^\s"(),:;<>@[\\\]]+$/;

/**
 * Each mailbox as the envelope names it: the domain in A-labels, except beside a UTF-8 local
 * part, where the address is RFC 6532 UTF-8 throughout and the domain is written in Unicode.
 */
function mailboxes(list: readonly Mailbox[]): string {
  return list
    .map((m) => {
      const at = m.wire.lastIndexOf('@');
      const address = m.utf8 ? `${m.wire.slice(0, at)}@${domainToUnicode(m.wire.slice(at + 1))}` : m.wire;
      if (!m.name) return PLAIN_ADDRESS.test(address) ? address : `<${address}>`;
      return `${displayName(m.name)} <${address}>`;
    })
    .join(', ');
}

// From and Reply-To carry the same name (the signer's): encoded once a message, not twice.
let lastName = { name: '', shown: '' };

function displayName(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/["\\]/g, '\\$&')}"`;
  if (lastName.name !== name) lastName = { name, shown: mime.encodeWord(name, 'Q', 52) };
  return lastName.shown;
}

/**
 * A body of one slice, encoded line by line: quoted-printable looks no further than the next
 * byte, and whitespace before a line's end is encoded whether a line break or the end follows,
 * so the lines encoded apart and joined are the body encoded whole (the soft wrapping, which
 * looks across lines, is done on the joined text). The lines a letter shares with the other
 * signers' letters to that official, in that language, are encoded once; printable ASCII
 * without "=" and without trailing whitespace is its own encoding.
 */
function encodedLines(text: string): string {
  let encoded = '';
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const line = end === -1 ? text.slice(start) : text.slice(start, end);
    encoded += encodedLine(line);
    if (end === -1) return encoded;
    encoded += '\n';
    start = end + 1;
  }
}

const encodedLineCache = new Map<string, string>();

function encodedLine(line: string): string {
  if (/^[\x20-\x3c\x3e-\x7e]*$/.test(line) && !line.endsWith(' ')) return line;
  let encoded = encodedLineCache.get(line);
  if (encoded === undefined) {
    // Bounded: a long sheet's lines that name a signer are each met once.
    if (encodedLineCache.size >= 1000) encodedLineCache.clear();
    encoded = encode(Buffer.from(line, 'utf8'));
    encodedLineCache.set(line, encoded);
  }
  return encoded;
}

/** nodemailer encodes a body this many bytes at a time, carrying the unfinished last line over. */
const SLICE = 64 * 1024;

/**
 * The body in quoted-printable, soft-wrapped at 76, exactly as nodemailer's streaming encoder
 * writes it, its lines ending in CRLF: in slices, each slice's unfinished last line wrapped
 * again with the next. A slice that ends in a space or tab followed by more text keeps it
 * literal (only whitespace that ends a line is encoded). A letter is one slice; the loop keeps
 * longer ones byte for byte too.
 */
function quotedPrintable(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= SLICE) return softWrapped(encodedLines(text), wrap);
  const bytes = Buffer.from(text, 'utf8');
  let done = '';
  let line = '';
  for (let start = 0; start < bytes.length; start += SLICE) {
    const end = Math.min(start + SLICE, bytes.length);
    let encoded = encode(bytes.subarray(start, end));
    const last = bytes[end - 1];
    const next = bytes[end];
    if (next !== undefined && next !== 0x0a && next !== 0x0d && (last === 0x20 || last === 0x09))
      encoded = `${encoded.slice(0, -3)}${String.fromCharCode(last)}`;
    const wrapped = wrap(line + encoded, 76);
    const cut = wrapped.lastIndexOf('\n') + 1;
    done += wrapped.slice(0, cut);
    line = wrapped.slice(cut);
  }
  return (done + line).replace(/\r?\n/g, '\r\n');
}
