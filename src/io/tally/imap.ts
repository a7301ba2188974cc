import { isIP } from 'node:net';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import type { Translate } from '../../core/i18n.js';
import { SUBMISSION_MIME } from '../../core/submission.js';
import { failure, usageError } from '../../errors.js';
import { describeSystemError } from '../system-errors.js';
import { TALLY_LIMITS, type TallySink } from './message.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** A report mailbox on an IMAP server: imaps://user@host:port/mailbox (imap:// only on this machine). */
export interface ImapSource {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  mailbox: string;
}

/** Reads the source's URL; a password in it is refused (URLs end up in shell history and logs), and never repeated. */
export function parseImapUrl(t: Translate, text: string): ImapSource {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(t('tally.notUrl'));
  }
  if (url.password) throw usageError(t('tally.passwordInUrl'), t('tally.passwordHint'));
  const secure = url.protocol === 'imaps:';
  // Without TLS the password crosses the network in clear: only a server on this machine.
  if (!secure && !(url.protocol === 'imap:' && LOOPBACK.test(url.hostname))) throw usageError(t('tally.scheme'));
  if (!url.username) throw usageError(t('tally.noUser'));
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    mailbox,
  };
}

/** One submission attachment found in a message's structure. */
interface Found {
  uid: number;
  part: string;
  size: number;
  sender?: string;
}

/**
 * Reads the mailbox as the tally needs it: opened read-only (EXAMINE) unless the coordinator
 * asked to mark the submissions read; first every message's structure, then only the submission
 * attachments, each capped, one at a time. Other mail is neither downloaded nor touched.
 */
export async function readImap(
  t: Translate,
  source: ImapSource,
  password: string,
  sink: TallySink,
  options: { senders: boolean; markRead: boolean },
): Promise<void> {
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: source.host,
    port: source.port,
    secure: source.secure,
    // STARTTLS whenever the server offers it; required but on this machine.
    doSTARTTLS: source.secure ? undefined : LOOPBACK.test(source.host) ? undefined : true,
    servername: isIP(source.host) ? undefined : source.host,
    auth: { user: source.user, pass: password },
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
  client.on('error', () => undefined); // a failure is thrown by the call that meets it
  try {
    await client.connect();
  } catch (error) {
    throw connectFailure(t, source, error);
  }
  try {
    const box = await client.mailboxOpen(source.mailbox, { readOnly: !options.markRead }).catch(() => {
      throw failure(t('tally.noMailbox', { mailbox: source.mailbox }));
    });
    const found = box.exists > 0 ? await submissionParts(client, options.senders) : [];
    await download(t, client, found, sink);
    if (options.markRead && found.length > 0) await client.messageFlagsAdd(found.map((f) => f.uid).join(','), ['\\Seen'], { uid: true });
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Every message's structure, streamed: only the attachments of the submission type are kept. */
async function submissionParts(client: ImapFlow, senders: boolean): Promise<Found[]> {
  const found: Found[] = [];
  for await (const message of client.fetch('1:*', { uid: true, bodyStructure: true, envelope: senders }, { uid: true })) {
    const sender = senders ? message.envelope?.from?.[0]?.address : undefined;
    const walk = (node: MessageStructureObject | undefined): void => {
      if (!node) return;
      if (node.type.toLowerCase() === SUBMISSION_MIME) found.push({ uid: message.uid, part: node.part ?? '1', size: node.size ?? 0, sender });
      node.childNodes?.forEach(walk);
    };
    walk(message.bodyStructure);
  }
  return found;
}

async function download(t: Translate, client: ImapFlow, found: readonly Found[], sink: TallySink): Promise<void> {
  let total = 0;
  for (const { uid, part, size, sender } of found) {
    const where = t('tally.where.uid', { uid });
    if (size > TALLY_LIMITS.part) {
      sink.refuse(where, 'too-large', `${size}`);
      continue;
    }
    total += size;
    if (total > TALLY_LIMITS.total) {
      sink.refuse(where, 'over-total');
      continue;
    }
    const { content } = await client.download(String(uid), part, { uid: true, maxBytes: TALLY_LIMITS.part });
    if (!content) {
      sink.refuse(where, 'unreadable');
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    sink.add(where, Buffer.concat(chunks).toString('utf8'), sender);
  }
}

const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/;

/** Why the server could not be reached or would not let us in, in one line and a hint. */
function connectFailure(t: Translate, source: ImapSource, error: unknown) {
  const server = `${source.host}:${source.port}`;
  const { authenticationFailed, code } = (error ?? {}) as { authenticationFailed?: boolean; code?: string };
  if (authenticationFailed) return failure(t('tally.loginRefused', { user: source.user, server }), t('tally.loginRefusedHint'));
  if (code && CERTIFICATE.test(code)) return failure(t('tally.certificate', { server }), t('tally.certificateHint'));
  return failure(t('tally.unreachable', { server, reason: describeSystemError(t, error) }));
}
