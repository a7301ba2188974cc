import { SUBMISSION_MIME } from '../../core/submission.js';
import type { TallyProblem } from '../../core/tally.js';

/** What a tally downloads or reads, at most: past these a message is set aside unread. */
export const TALLY_LIMITS = {
  /** One message read from a file: a submission's JSON is at most 64 kB (base64 and a note make it ~100 kB). */
  message: 1024 * 1024,
  /** One attachment fetched over IMAP, as the server sends it (base64). */
  part: 128 * 1024,
  /** Everything fetched or parsed in one tally: then the rest is set aside, one line each. */
  total: 256 * 1024 * 1024,
} as const;

/** Where a tally hands what it finds: a submission's text (and its sender), or why a message is not counted. */
export interface TallySink {
  add(where: string, text: string, sender?: string): void;
  refuse(where: string, problem: TallyProblem, detail?: string): void;
}

type PostalMime = typeof import('postal-mime').default;
let parser: Promise<PostalMime> | undefined;

/**
 * One message's bytes: each attachment of the submission type goes to the sink; a message
 * without one is left alone (a report mailbox holds other mail too). postal-mime, loaded only
 * by `ua tally`, reads the MIME.
 */
export async function readMessage(bytes: Uint8Array, where: string, sink: TallySink, withSender: boolean): Promise<void> {
  if (!mentionsSubmission(bytes)) return;
  parser ??= import('postal-mime').then((module) => module.default);
  let email: Awaited<ReturnType<PostalMime['parse']>>;
  try {
    email = await (await parser).parse(bytes, { attachmentEncoding: 'utf8' });
  } catch {
    return sink.refuse(where, 'unreadable');
  }
  const sender = withSender ? email.from?.address : undefined;
  for (const attachment of email.attachments) {
    if (attachment.mimeType.toLowerCase() !== SUBMISSION_MIME) continue;
    sink.add(where, typeof attachment.content === 'string' ? attachment.content : new TextDecoder().decode(attachment.content), sender);
  }
}

/** Whether the bytes name the submission type anywhere (a header's case may vary): cheap, before any parsing. */
export function mentionsSubmission(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').toLowerCase();
  return text.includes(SUBMISSION_MIME);
}
