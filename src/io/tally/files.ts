import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Translate } from '../../core/i18n.js';
import { SUBMISSION_MIME } from '../../core/submission.js';
import { mentionsSubmission, readMessage, TALLY_LIMITS, type TallySink } from './message.js';

/** A Maildir folder: it has cur/, new/ and tmp/ (tmp/ holds messages still being delivered). */
export function isMaildir(folder: string): boolean {
  return ['cur', 'new', 'tmp'].every((name) => statSync(join(folder, name), { throwIfNoEntry: false })?.isDirectory());
}

/** Every message of a Maildir, one file at a time: 5,000 of them take the memory of one. */
export async function readMaildir(folder: string, sink: TallySink, withSender: boolean): Promise<void> {
  let total = 0;
  for (const sub of ['cur', 'new']) {
    for (const name of readdirSync(join(folder, sub)).sort()) {
      const file = join(folder, sub, name);
      const where = join(sub, name);
      const size = statSync(file, { throwIfNoEntry: false })?.size;
      if (size === undefined) continue; // moved by a mail program while we read: it is under its new name
      if (size > TALLY_LIMITS.message) {
        if (await fileMentions(file)) sink.refuse(where, 'too-large', `${size}`);
        continue;
      }
      total += size;
      if (total > TALLY_LIMITS.total) {
        sink.refuse(where, 'over-total');
        continue;
      }
      await readMessage(readFileSync(file), where, sink, withSender);
    }
  }
}

/** Whether a file too large to parse holds a submission: read in chunks, never whole. */
async function fileMentions(file: string): Promise<boolean> {
  let tail = '';
  for await (const chunk of createReadStream(file, { encoding: 'latin1', highWaterMark: 64 * 1024 })) {
    const text = tail + (chunk as string).toLowerCase();
    if (text.includes(SUBMISSION_MIME)) return true;
    tail = text.slice(-SUBMISSION_MIME.length);
  }
  return false;
}

/**
 * An mbox file (an export of a mailbox), read line by line: a message starts at a "From " line;
 * ">From " lines inside are unescaped (mboxrd). A message past the limit is not kept, only
 * looked at for the submission type.
 */
export async function readMbox(t: Translate, file: string, sink: TallySink, withSender: boolean): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'latin1' }), crlfDelay: Number.POSITIVE_INFINITY });
  let current: { where: string; parts: string[]; size: number; over: boolean; mentions: boolean } | undefined;
  let total = 0;
  let number = 0;
  let lineNumber = 0;
  const finish = async () => {
    if (!current) return;
    const { where, parts, size, over, mentions } = current;
    current = undefined;
    if (over) return mentions ? sink.refuse(where, 'too-large', `${size}`) : undefined;
    total += size;
    if (total > TALLY_LIMITS.total) return sink.refuse(where, 'over-total');
    await readMessage(Buffer.from(parts.join('\n'), 'latin1'), where, sink, withSender);
  };
  for await (const line of lines) {
    lineNumber += 1;
    if (line.startsWith('From ')) {
      await finish();
      number += 1;
      current = { where: t('tally.where.mbox', { number, line: lineNumber }), parts: [], size: 0, over: false, mentions: false };
      continue;
    }
    if (!current) continue; // not an mbox line: text before the first message
    const text = /^>+From /.test(line) ? line.slice(1) : line;
    current.size += text.length + 1;
    if (current.over) {
      current.mentions ||= text.toLowerCase().includes(SUBMISSION_MIME);
    } else if (current.size > TALLY_LIMITS.message) {
      current.over = true;
      current.mentions = mentionsSubmission(Buffer.from(current.parts.join('\n'), 'latin1')) || text.toLowerCase().includes(SUBMISSION_MIME);
      current.parts = [];
    } else current.parts.push(text);
  }
  await finish();
}
