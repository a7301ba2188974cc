import { type EmailAddress, parseEmail } from './address.js';
import type { Letter } from './compose.js';
import { sha256HexJoined } from './digest.js';
import type { Sender } from './fields.js';
import type { Translate } from './i18n.js';
import { letterKey, normaliseAddress } from './identity.js';
import { quoted } from './shown.js';

/** One email, fully decided: who gets it, from whom, and every header that matters. */
export interface EmailPlan {
  letter: Letter;
  /** Identifies "this letter to this target from this person" in the journal (see letterKey). */
  key: string;
  /** Stable for the same letter (a digest of it): a resend is recognised as the same message. Made when first asked for. */
  readonly messageId: string;
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
  /** The body (made when first asked for). */
  readonly text: string;
  /** A rehearsal: everything goes to this address instead of the targets. */
  testTo?: string;
  /** Who wrote it (for the journal and the reports). */
  senderName: string;
  /** Files sent with the message: a fax's PDF, which an email-to-fax gateway faxes (core/fax.ts). */
  attachments?: { filename: string; content: Uint8Array; contentType: string }[];
  /** How the journal files it: an email, unless it is a fax sent through a gateway. */
  channel?: 'fax';
  /** A letter of a letter-writing evening (`ua batch`): the run's local day, which the journal keeps. */
  evening?: string;
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
  /** The letters are an evening's (`ua batch`): its local day, YYYY-MM-DD. */
  evening?: string;
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
  // Two literals, not a spread: each plan makes two of these, and V8 copies a spread slowly.
  const { written, wire, utf8 } = address;
  return name === undefined ? { address: written, wire, utf8 } : { name, address: written, wire, utf8 };
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
  return emailPlanner(t, options)(letter, sender, options.fromName);
}

/** Plans a run's emails, one letter at a time (`fromName`: the display name, the sender's name by default). */
export type EmailPlanner = (letter: Letter, sender: Sender, fromName?: string) => EmailPlan;

/**
 * The planner of a run's emails. What the letters share is checked once and kept: the From
 * address, a rehearsal's address, each target's mailboxes, each subject. A batch's thousand
 * letters to two officials parse two officials' addresses, not two thousand. The body and its
 * digest (the Message-ID) are written when first asked for: the first pass over a batch, which
 * checks and counts the letters, never asks.
 */
export function emailPlanner(t: Translate, options: EmailOptions): EmailPlanner {
  let fromAddress: EmailAddress | undefined;
  let standIn: EmailAddress | undefined;
  const targets = new Map<string, Mailbox[]>();
  const subjects = new Set<string>();
  const targetsOf = (letter: Letter): Mailbox[] => {
    const shared = [letter.targetId, letter.recipient[0] ?? '', ...letter.to].join('\u0000');
    let mailboxes = targets.get(shared);
    if (!mailboxes) {
      const name = safeText(t, t('email.targetName', { target: letter.targetId }), letter.recipient[0] ?? '');
      mailboxes = distinct(letter.to.map((address) => mailbox(name, safeAddress(t, t('email.targetEmail', { target: letter.targetId }), address))));
      targets.set(shared, mailboxes);
    }
    return mailboxes;
  };
  // A signer writes to each target in turn: their address is parsed once for all their letters.
  let lastSigner: { email: string; parsed: EmailAddress } | undefined;
  const signerAddress = (email: string): EmailAddress => {
    if (lastSigner?.email !== email) lastSigner = { email, parsed: safeAddress(t, t('email.senderEmail'), email) };
    return lastSigner.parsed;
  };
  return (letter, sender, fromName) => {
    const name = safeText(t, t('email.senderName'), fromName ?? sender.name);
    fromAddress ??= options.from === undefined ? undefined : safeAddress(t, 'from', options.from);
    const from = fromAddress && mailbox(name, fromAddress);
    const replyTo = sender.email ? mailbox(name, signerAddress(sender.email)) : undefined;
    const targetMailboxes = targetsOf(letter);
    standIn ??= options.testTo === undefined ? undefined : safeAddress(t, '--test-to', options.testTo);
    if (!subjects.has(letter.subject)) subjects.add(safeText(t, t('email.subject'), letter.subject));
    return plannedEmail(t, letter, sender, { from, replyTo, targets: targetMailboxes, standIn, evening: options.evening });
  };
}

/** The plan, from its checked parts; the body and the Message-ID made on first use. */
function plannedEmail(
  t: Translate,
  letter: Letter,
  sender: Sender,
  parts: { from?: Mailbox; replyTo?: Mailbox; targets: Mailbox[]; standIn?: EmailAddress; evening?: string },
): EmailPlan {
  const { from, replyTo, targets, standIn, evening } = parts;
  const testTo = standIn?.written;
  const to = standIn ? [mailbox(undefined, standIn)] : targets;
  let text: string | undefined;
  let messageId: string | undefined;
  const body = () => {
    const rehearsal = testTo ? [t('email.rehearsal', { targets: targets.map((m) => `${m.name} <${m.address}>`).join(', ') }), ''] : [];
    return [...rehearsal, emailBody(letter, sender)].join('\n');
  };
  return {
    letter,
    key: letterKey(letter.actionId, letter.targetId, sender, testTo),
    get messageId() {
      if (messageId === undefined) {
        const identity = [letter.actionId, letter.targetId, letter.lang, sender.name, sender.email ?? '', this.text];
        messageId = `<ua.${letter.actionId}.${letter.targetId}.${digest(identity).slice(0, 24)}@${domainOf(from?.wire ?? replyTo?.wire ?? 'ua.invalid')}>`;
      }
      return messageId;
    },
    from,
    replyTo,
    to,
    recipients: to.map((m) => m.address),
    envelope: { from: from?.wire ?? '', to: to.map((m) => m.wire) },
    needsSmtpUtf8: from?.utf8 || replyTo?.utf8 || to.some((m) => m.utf8) ? utf8Addresses([from, replyTo, ...to]) : [],
    subject: letter.subject,
    get text() {
      text ??= body();
      return text;
    },
    testTo,
    senderName: sender.name,
    evening,
  };
}

/** The addresses of these mailboxes whose local part is UTF-8, each once. */
function utf8Addresses(mailboxes: readonly (Mailbox | undefined)[]): string[] {
  return [...new Set(mailboxes.filter((m): m is Mailbox => m?.utf8 === true).map((m) => m.address))];
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
  return sha256HexJoined(parts, '\u0000');
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
