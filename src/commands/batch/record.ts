import type { Letter } from '../../core/compose.js';
import type { CalendarDate } from '../../core/dates.js';
import { sha256Hex } from '../../core/digest.js';
import { letterKey } from '../../core/identity.js';
import { ENTRY_VERSION, type JournalEntry } from '../../core/journal-entries.js';
import type { Context } from '../context.js';
import { recordPrepared } from '../shared/record-prepared.js';
import type { BatchLetter } from './rows.js';

/** What the journal keeps of a letter of the pack: who, to whom, in which language; not its text. */
export interface PackLetter {
  key: string;
  ua: string;
  target: string;
  targetName?: string;
  lang: string;
  signer: string;
  /** 'post' unless the pack is of faxes. */
  channel?: 'fax';
  /** Where it goes: the fax number (E.164); a posted letter's is its recipient's name. */
  to?: string;
}

/** A pack of faxes: each letter's channel, and the number it goes to. */
export interface FaxChannel {
  channel: 'fax';
  number: (letter: Letter) => string;
}

/**
 * The print pack's letters, noted as they pass on their way to the pack (`folder`, absolute), for the journal: recorded as
 * prepared for the post (see recordPack) once the pack is in place, so "ua report" counts the
 * evening. A signed letter is the signer's letter to that official, the same one `ua compose`
 * records when they print it themselves; an unsigned copy is one of the pack's, told apart by
 * the folder, the day and its number, so a reprint that day replaces it and another evening adds.
 */
export function packRecorder(folder: string, day: CalendarDate, fax?: FaxChannel) {
  const letters: PackLetter[] = [];
  const copies = new Map<string, number>();
  return {
    letters,
    async *through(batch: AsyncIterable<BatchLetter>): AsyncGenerator<BatchLetter> {
      for await (const batchLetter of batch) {
        const { letter, signer } = batchLetter;
        const common = {
          ua: letter.actionId,
          target: letter.targetId,
          targetName: letter.recipient[0],
          lang: letter.lang,
          ...(fax ? { channel: fax.channel, to: fax.number(letter) } : {}),
        };
        if (signer)
          letters.push({
            ...common,
            key: `${letterKey(letter.actionId, letter.targetId, signer.sender)}:${fax ? 'fax:file' : 'post'}`,
            signer: signer.sender.name,
          });
        else {
          const copy = [folder, day.year, day.month, day.day, letter.actionId, letter.targetId, letter.lang].join('\u0000');
          const number = (copies.get(copy) ?? 0) + 1;
          copies.set(copy, number);
          letters.push({ ...common, key: `copy:${sha256Hex(`${copy}\u0000${number}`).slice(0, 32)}`, signer: '' });
        }
        yield batchLetter;
      }
    },
  };
}

/** Records the pack's letters as prepared for the post, each marked with the pack's folder (absolute). */
export async function recordPack(letters: readonly PackLetter[], pack: string, ctx: Context): Promise<void> {
  // One instant for the whole pack: its letters were printed together.
  const at = ctx.world.now().toISOString();
  const entries = letters.map(
    ({ key, ua, target, targetName, lang, signer, channel, to = targetName ?? target }): JournalEntry => ({
      v: ENTRY_VERSION,
      at,
      ua,
      key,
      state: 'prepared',
      channel: channel ?? 'post',
      target,
      target_name: targetName,
      lang,
      to: [to],
      addresses: { [to]: 'prepared' },
      sender: signer,
      pack,
    }),
  );
  await recordPrepared(entries, ctx);
}
