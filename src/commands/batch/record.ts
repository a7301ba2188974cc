import type { Letter } from '../../core/compose.js';
import type { CalendarDate } from '../../core/dates.js';
import { sha256Hex } from '../../core/digest.js';
import { letterKeyOf, signerIdentity } from '../../core/identity.js';
import { ENTRY_VERSION, type JournalEntry } from '../../core/journal-entries.js';
import { recordPrepared } from '../common/record-prepared.js';
import type { Context } from '../context.js';
import type { BatchLetter } from './rows.js';

/** What the journal keeps of a letter of the pack: who, to whom, in which language; not its text. */
export interface PackLetter {
  key: string;
  signer: string;
  /** The UA, the official and the language: one object for all the letters that share them. */
  to: { ua: string; target: string; targetName?: string; lang: string; fax?: string };
}

/** A pack of faxes: each target's number (E.164), which its letters are journaled to. */
export type FaxNumbers = (letter: Letter) => string;

/**
 * The print pack's letters, noted as they pass on their way to the pack (`folder`, absolute), for the journal: recorded as
 * prepared for the post (see recordPack) once the pack is in place, so "ua report" counts the
 * evening. A signed letter is the signer's letter to that official, the same one `ua compose`
 * records when they print it themselves; an unsigned copy is one of the pack's, told apart by
 * the folder, the day and its number, so a reprint that day replaces it and another evening adds.
 *
 * They are held until the pack is in place: 20,000 for 10,000 signers. Each is kept small (a
 * key, a name and a shared target; see flat()), or they were a third of a long pack's memory.
 */
export function packRecorder(folder: string, day: CalendarDate, fax?: FaxNumbers) {
  const letters: PackLetter[] = [];
  const copies = new Map<string, number>();
  const targets = new Map<string, PackLetter['to']>();
  const targetOf = (letter: BatchLetter['letter']): PackLetter['to'] => {
    const { actionId, targetId, recipient, lang } = letter;
    const id = [actionId, targetId, recipient[0] ?? '', lang].join('\u0000');
    const known = targets.get(id);
    if (known) return known;
    const to = { ua: actionId, target: targetId, targetName: recipient[0], lang, ...(fax ? { fax: fax(letter) } : {}) };
    targets.set(id, to);
    return to;
  };
  // A signer's letters come one after the other: who they are is worked out once.
  let last: { signer: BatchLetter['signer']; identity: string } = { signer: undefined, identity: '' };
  const identityOf = (signer: NonNullable<BatchLetter['signer']>) => {
    if (last.signer !== signer) last = { signer, identity: signerIdentity(signer.sender) };
    return last.identity;
  };
  return {
    letters,
    async *through(batch: AsyncIterable<BatchLetter>): AsyncGenerator<BatchLetter> {
      for await (const batchLetter of batch) {
        const { letter, signer } = batchLetter;
        const to = targetOf(letter);
        if (signer)
          letters.push({
            to,
            key: flat(`${letterKeyOf(letter.actionId, letter.targetId, identityOf(signer))}:${fax ? 'fax:file' : 'post'}`),
            signer: signer.sender.name,
          });
        else {
          const copy = [folder, day.year, day.month, day.day, letter.actionId, letter.targetId, letter.lang].join('\u0000');
          const number = (copies.get(copy) ?? 0) + 1;
          copies.set(copy, number);
          letters.push({ to, key: flat(`copy:${sha256Hex(`${copy}\u0000${number}`).slice(0, 32)}`), signer: '' });
        }
        yield batchLetter;
      }
    },
  };
}

/**
 * The key as a string of its own. Made of a slice of a hash and a suffix, V8 keeps it as the
 * pieces and the whole hash they were cut from: 150 bytes a letter where 60 will do.
 */
const flat = (key: string): string => Buffer.from(key, 'latin1').toString('latin1');

/** Records the pack's letters as prepared for the post, each marked with the pack's folder (absolute) and the evening's day. */
export async function recordPack(letters: readonly PackLetter[], pack: string, evening: string, ctx: Context): Promise<void> {
  // One instant for the whole pack: its letters were printed together.
  await recordPrepared(packEntries(letters, ctx.world.now().toISOString(), pack, evening), ctx);
}

/** Each letter's entry, made as the journal takes it (see recordPrepared). */
function* packEntries(letters: readonly PackLetter[], at: string, pack: string, evening: string): Generator<JournalEntry> {
  for (const {
    key,
    signer,
    to: { ua, target, targetName, lang, fax },
  } of letters) {
    // A fax is journaled to its number; a posted letter to its recipient's name.
    const address = fax ?? targetName ?? target;
    yield {
      v: ENTRY_VERSION,
      at,
      ua,
      key,
      state: 'prepared',
      channel: fax ? 'fax' : 'post',
      target,
      target_name: targetName,
      lang,
      to: [address],
      addresses: { [address]: 'prepared' },
      sender: signer,
      pack,
      evening,
    };
  }
}
