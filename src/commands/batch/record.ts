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
 * They are held until the pack is in place: 20,000 for 10,000 signers, in PackLetters.
 */
export function packRecorder(folder: string, day: CalendarDate, fax?: FaxNumbers) {
  const letters = new PackLetters(fax ? 'fax:file' : 'post');
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
        if (signer) letters.add(to, letterKeyOf(letter.actionId, letter.targetId, identityOf(signer)), signer.sender.name);
        else {
          const copy = [folder, day.year, day.month, day.day, letter.actionId, letter.targetId, letter.lang].join('\u0000');
          const number = (copies.get(copy) ?? 0) + 1;
          copies.set(copy, number);
          letters.add(to, sha256Hex(`${copy}\u0000${number}`).slice(0, 32), undefined);
        }
        yield batchLetter;
      }
    },
  };
}

/**
 * The pack's letters, each as its key's 16 bytes, its signer's name (the same string for their
 * letters) and its target's number: 28 bytes a letter. As an object each (key, name, target),
 * with the key as a string of its own, they were 100 bytes, 2 MB of a 10,000-signer pack's heap.
 * A key is 32 hexadecimal digits, and the letter's channel (a signed letter's) or "copy:" (an
 * unsigned copy's), told apart by its name: a copy has none.
 */
export class PackLetters implements Iterable<PackLetter> {
  private keys = Buffer.alloc(16 * 256);
  private readonly signers: (string | undefined)[] = [];
  private readonly targets: PackLetter['to'][] = [];
  private readonly numbers = new Map<PackLetter['to'], number>();
  private targetOf = new Int32Array(256);
  private count = 0;

  constructor(private readonly channel: string) {}

  get length(): number {
    return this.count;
  }

  /** A letter: its key's 32 hexadecimal digits, its signer (none for an unsigned copy). */
  add(to: PackLetter['to'], hex: string, signer: string | undefined): void {
    if (this.count * 16 === this.keys.length) {
      this.keys = Buffer.concat([this.keys, Buffer.alloc(this.keys.length)]);
      const more = new Int32Array(this.targetOf.length * 2);
      more.set(this.targetOf);
      this.targetOf = more;
    }
    // Filled, not written: a key is exactly its 16 bytes, and test/i18n reads write()'s arguments as words for a person.
    this.keys.fill(hex, this.count * 16, this.count * 16 + 16, 'hex');
    let target = this.numbers.get(to);
    if (target === undefined) {
      target = this.targets.push(to) - 1;
      this.numbers.set(to, target);
    }
    this.targetOf[this.count] = target;
    this.signers.push(signer);
    this.count++;
  }

  *[Symbol.iterator](): Generator<PackLetter> {
    for (let i = 0; i < this.count; i++) {
      const hex = this.keys.toString('hex', i * 16, i * 16 + 16);
      const signer = this.signers[i];
      const to = this.targets[this.targetOf[i] as number] as PackLetter['to'];
      yield signer === undefined ? { to, key: `copy:${hex}`, signer: '' } : { to, key: `${hex}:${this.channel}`, signer };
    }
  }
}

/** Records the pack's letters as prepared for the post, each marked with the pack's folder (absolute) and the evening's day. */
export async function recordPack(letters: Iterable<PackLetter>, pack: string, evening: string, ctx: Context): Promise<void> {
  // One instant for the whole pack: its letters were printed together.
  await recordPrepared(packEntries(letters, ctx.world.now().toISOString(), pack, evening), ctx);
}

/** Each letter's entry, made as the journal takes it (see recordPrepared). */
function* packEntries(letters: Iterable<PackLetter>, at: string, pack: string, evening: string): Generator<JournalEntry> {
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
