import type { JournalEntry } from '../../core/journal-entries.js';
import { forTerminal } from '../../core/shown.js';
import { UaError } from '../../errors.js';
import { Journal } from '../../io/journal.js';
import { journalFile } from '../../io/paths.js';
import type { Context } from '../context.js';

/**
 * The journal's lines made at a time. A print pack of 10,000 signers records 20,000 letters:
 * made all together, their entries and lines took 40 MB more than the pack itself. A few
 * hundred at a time die young: a big batch runs in a worker thread whose young generation is
 * 2 MB (io/worker-run.ts). They reach the disk together, with one flush at the end.
 */
const CHUNK = 64 * 1024;

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
    let lines = '';
    for (const entry of entries) {
      lines += `${JSON.stringify(entry)}\n`;
      if (lines.length < CHUNK) continue;
      await journal.appendLines(lines, false);
      lines = '';
    }
    await journal.appendLines(lines, true);
    return true;
  } catch (error) {
    if (error instanceof UaError) say(t('prepare.notRecorded', { reason: forTerminal(error.message) }));
    else throw error;
    return false;
  } finally {
    await journal.close();
  }
}
