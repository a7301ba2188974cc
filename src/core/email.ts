import { type EmailAddress, parseEmail } from './address.js';
import type { Letter } from './compose.js';
import { sha256Hex } from './digest.js';
import type { Sender } from './fields.js';
import type { Translate } from './i18n.js';
import { letterKey, normaliseAddress } from './identity.js';
import type { AddressState } from './journal-entries.js';
import { forTerminal, quoted } from './shown.js';

/** One email, fully decided: who gets it, from whom, and every header that matters. */
export interface EmailPlan {
  letter: Letter;
  /** Identifies "this letter to this target from this person" in the journal (see letterKey). */
  key: string;
  messageId: string;
  /** Absent only in a draft the person's own mail program will complete. */
  from?: Mailbox;
  replyTo?: Mailbox;
  /** The To header. */
  to: Mailbox[];
  /** Who the letter goes to, as written: what the journal records and people read. */
  recipients: string[];
  /** What the server is told (MAIL FROM, RCPT TO): the wire form of `from` and of each recipient. */
  envelope: { from: string; to: string[] };
  /**
   * The addresses, in the envelope or the headers, whose local part is UTF-8 (as written). Such
   * a message is RFC 6532 mail: only a server that offers SMTPUTF8 may be handed it.
   */
  needsSmtpUtf8: string[];
  subject: string;
  text: string;
  /** A rehearsal: everything goes to this address instead of the targets. */
  testTo?: string;
  /** Who wrote it (for the journal and the reports). */
  senderName: string;
  /** Files sent with the message: a fax's PDF, which an email-to-fax gateway faxes (core/fax.ts). */
  attachments?: { filename: string; content: Uint8Array; contentType: string }[];
  /** How the journal files it: an email, unless it is a fax sent through a gateway. */
  channel?: 'fax';
}

export interface Mailbox {
  name?: string;
  /** As written (shown to people). */
  address: string;
  /** As sent, in the envelope and the headers: the domain in A-labels. */
  wire: string;
  /** The local part is UTF-8 (SMTPUTF8). */
  utf8: boolean;
}

export interface EmailOptions {
  /** The address messages are sent from (envelope and header); a draft may leave it out. */
  from?: string;
  /** Display name for From; the sender's name by default. */
  fromName?: string;
  testTo?: string;
}

/** A value that would change who receives a letter, or what its headers say. */
export class UnsafeHeaderError extends Error {}

// CR, LF and other control characters in a header value can add headers or recipients.
const UNSAFE = /[\u0000-\u001f\u007f\u2028\u2029]/;

function safeText(t: Translate, field: string, value: string): string {
  if (UNSAFE.test(value)) throw new UnsafeHeaderError(t('email.lineBreak', { field, value: quoted(value) }));
  return value;
}

function safeAddress(t: Translate, field: string, value: string): EmailAddress {
  const parsed = parseEmail(t, value);
  if ('problem' in parsed) throw new UnsafeHeaderError(t('punct.labelled', { label: `${field} ${quoted(value)}`, value: parsed.problem }));
  return parsed;
}

function mailbox(name: string | undefined, address: EmailAddress): Mailbox {
  return { ...(name === undefined ? {} : { name }), address: address.written, wire: address.wire, utf8: address.utf8 };
}

/** One mailbox once: a UA that lists an address twice, spelt two ways (an IDN domain and its A-labels), gets one letter there. */
function distinct(mailboxes: readonly Mailbox[]): Mailbox[] {
  const seen = new Set<string>();
  return mailboxes.filter((m) => {
    const key = normaliseAddress(m.wire);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Plans the email for one letter; refuses (UnsafeHeaderError) anything that could misroute it. */
export function planEmail(t: Translate, letter: Letter, sender: Sender, options: EmailOptions): EmailPlan {
  const name = safeText(t, t('email.senderName'), options.fromName ?? sender.name);
  const from = options.from === undefined ? undefined : mailbox(name, safeAddress(t, 'from', options.from));
  const replyTo = sender.email ? mailbox(name, safeAddress(t, t('email.senderEmail'), sender.email)) : undefined;
  const targetName = safeText(t, t('email.targetName', { target: letter.targetId }), letter.recipient[0] ?? '');
  const targets = distinct(letter.to.map((address) => mailbox(targetName, safeAddress(t, t('email.targetEmail', { target: letter.targetId }), address))));
  const standIn = options.testTo === undefined ? undefined : safeAddress(t, '--test-to', options.testTo);
  const testTo = standIn?.written;
  const to = standIn ? [mailbox(undefined, standIn)] : targets;
  const subject = safeText(t, t('email.subject'), letter.subject);
  const rehearsal = testTo ? [t('email.rehearsal', { targets: targets.map((m) => `${m.name} <${m.address}>`).join(', ') }), ''] : [];
  const text = [...rehearsal, emailBody(letter, sender)].join('\n');
  const identity = [letter.actionId, letter.targetId, letter.lang, sender.name, sender.email ?? ''];
  return {
    letter,
    key: letterKey(letter.actionId, letter.targetId, sender, testTo),
    messageId: `<ua.${letter.actionId}.${letter.targetId}.${digest([...identity, text]).slice(0, 24)}@${domainOf(from?.wire ?? replyTo?.wire ?? 'ua.invalid')}>`,
    from,
    replyTo,
    to,
    recipients: to.map((m) => m.address),
    envelope: { from: from?.wire ?? '', to: to.map((m) => m.wire) },
    needsSmtpUtf8: [...new Set([from, replyTo, ...to].filter((m): m is Mailbox => m?.utf8 === true).map((m) => m.address))],
    subject,
    text,
    testTo,
    senderName: sender.name,
  };
}

/** The letter as an email says it: no postal blocks, the sender's place under the name. */
export function emailBody(letter: Letter, sender: Sender): string {
  const signature = [...letter.signature, `${sender.city}, ${sender.country}`, ...(sender.email ? [sender.email] : [])];
  return `${[letter.salutation, ...letter.paragraphs, letter.closing, signature.join('\n')].join('\n\n')}\n`;
}

/**
 * A message as a person reads it (a dry run): the headers that matter, decoded, then the body
 * as it will arrive. The wire form (MIME, quoted-printable) is what `--format eml` writes.
 */
export function readableMessage(t: Translate, plan: EmailPlan, date: Date): string {
  const mailbox = (m: Mailbox) => (m.name ? `${m.name} <${m.address}>` : m.address);
  const headers = [
    ['From', plan.from ? mailbox(plan.from) : t('email.fromUnset')],
    ['To', plan.to.map(mailbox).join(', ')],
    ...(plan.replyTo ? [['Reply-To', mailbox(plan.replyTo)]] : []),
    ['Subject', plan.subject],
    ['Date', date.toUTCString()],
    ['Message-ID', plan.messageId],
  ];
  const attached = (plan.attachments ?? []).map(
    ({ filename, content }) => `[${t('email.attached', { file: filename, kb: Math.ceil(content.length / 1024) })}]\n`,
  );
  return `${headers.map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${plan.text}${attached.join('')}`;
}

function digest(parts: readonly string[]): string {
  return sha256Hex(parts.join('\u0000'));
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message: string;
  /** When every recipient was refused: each one with its reply code. */
  rejected?: { address: string; code?: number }[];
  /** It failed before the whole message had gone (no final dot): the server cannot have taken it. */
  beforeEnd?: boolean;
}

/** One try at sending a letter to some of its addresses, and how it ended. */
export interface Attempt {
  to: readonly string[];
  receipt?: { accepted: readonly string[]; rejected: readonly { address: string; code?: number }[] };
  failure?: SmtpFailure;
  /** The message had started to go to the server when it failed. */
  transferStarted: boolean;
}

/**
 * What an attempt means for each address, told truthfully. A 5xx is final; a 4xx, or a
 * connection that failed before the whole message had gone, can be retried (a server takes a
 * message only at its final dot); a connection that failed after the whole message went leaves
 * the server's answer unknown, and a retry could deliver twice.
 */
export function addressOutcomes({ to, receipt, failure, transferStarted }: Attempt): Record<string, AddressState> {
  const byCode = (code: number | undefined): AddressState => ((code ?? 0) >= 500 ? 'refused' : 'deferred');
  const outcomes: Record<string, AddressState> = {};
  const refusals = new Map((receipt?.rejected ?? failure?.rejected ?? []).map((r) => [r.address.toLowerCase(), r.code]));
  const accepted = new Set((receipt?.accepted ?? []).map((address) => address.toLowerCase()));
  for (const address of to) {
    const key = address.toLowerCase();
    if (accepted.has(key)) outcomes[address] = 'sent';
    else if (refusals.has(key)) outcomes[address] = byCode(refusals.get(key));
    else if (receipt) outcomes[address] = 'unknown';
    else if (failure?.responseCode) outcomes[address] = byCode(failure.responseCode);
    else outcomes[address] = transferStarted && !failure?.beforeEnd ? 'unknown' : 'deferred';
  }
  return outcomes;
}

/** A plain, one-line reason for people (never the server's whole multi-line reply). */
export function describeFailure(t: Translate, failure: SmtpFailure): string {
  if (failure.code === 'EAUTH') return t('smtp.loginRefused');
  if (/certificate|self[- ]signed/i.test(failure.message)) return t('smtp.untrusted', { reason: firstLine(failure.message) });
  if (/ECONNREFUSED/.test(failure.message)) return t('smtp.connectionRefused');
  if (/ENOTFOUND|EDNS/.test(failure.message + (failure.code ?? ''))) return t('smtp.hostNotFound');
  return firstLine(failure.message);
}

/** A server's words, shown and journaled: one line, no control characters (a greeting could hold ESC sequences). */
function firstLine(text: string): string {
  return forTerminal((text.split('\n')[0] ?? '').slice(0, 200));
}
