import type { JournalEntry } from '../../core/journal-entries.js';
import { forTerminal } from '../../core/shown.js';
import { UaError } from '../../errors.js';
import { Journal } from '../../io/journal.js';
import { journalFile } from '../../io/paths.js';
import type { Context } from '../context.js';

/**
 * Records letters a person sends themselves (printed, saved to files) as prepared, so that
 * "ua report" counts what was done. The letters are done whether or not they can be recorded:
 * a journal busy with a long send, or on a full disk, is said, not fatal. Returns whether they were recorded.
 */
export async function recordPrepared(entries: readonly JournalEntry[], ctx: Context): Promise<boolean> {
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
    await Promise.all(entries.map((entry) => journal.append(entry)));
    return true;
  } catch (error) {
    if (error instanceof UaError) say(t('prepare.notRecorded', { reason: forTerminal(error.message) }));
    else throw error;
    return false;
  } finally {
    await journal.close();
  }
}
