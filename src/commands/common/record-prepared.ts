import type { JournalEntry } from '../../core/journal-entries.js';
import { forTerminal } from '../../core/shown.js';
import { UaError } from '../../errors.js';
import { Journal } from '../../io/journal.js';
import { journalFile } from '../../io/paths.js';
import type { Context } from '../context.js';

/**
 * Entries handed to the journal at once. A print pack of 10,000 signers records 20,000 letters:
 * made and written all together, their entries, lines and promises took 40 MB more than the
 * pack itself. A few hundred at a time (one write and one flush each) die young: a big batch
 * runs in a worker thread whose young generation is 2 MB (io/worker-run.ts).
 */
const AT_ONCE = 250;

/**
 * Records letters a person sends themselves (printed, saved to files) as prepared, so that
 * "ua report" counts what was done. The letters are done whether or not they can be recorded:
 * a journal busy with a long send, or on a full disk, is said, not fatal. The entries are made
 * as they are written. Returns whether they were recorded.
 */
export async function recordPrepared(entries: Iterable<JournalEntry>, ctx: Context): Promise<boolean> {
  const { world, t } = ctx;
  const say = ctx.note;
  let journal: Journal;
  try {
    journal = await Journal.open(journalFile(world.env), { t, waitSeconds: 5, say });
  } catch (error) {
    if (error instanceof UaError) say(t('prepare.notRecorded', { reason: forTerminal(error.message) }));
    else throw error;
    return false;
  }
  try {
    let written: Promise<void>[] = [];
    for (const entry of entries) {
      written.push(journal.append(entry));
      if (written.length < AT_ONCE) continue;
      await Promise.all(written);
      written = [];
    }
    await Promise.all(written);
    return true;
  } catch (error) {
    if (error instanceof UaError) say(t('prepare.notRecorded', { reason: forTerminal(error.message) }));
    else throw error;
    return false;
  } finally {
    await journal.close();
  }
}
