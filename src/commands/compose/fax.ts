import { documentTitle } from '../../core/choose.js';
import { localDay } from '../../core/dates.js';
import { faxNumber } from '../../core/fax.js';
import { letterKey } from '../../core/identity.js';
import { ENTRY_VERSION, type JournalEntry } from '../../core/journal-entries.js';
import { forTerminal } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import { isFolderTarget } from '../../io/sinks.js';
import { faxCovers, faxTargets } from '../common/fax-letters.js';
import { refuseUnprintable } from '../common/printable.js';
import { recordPrepared } from '../common/record-prepared.js';
import type { Composed } from './composed.js';

/**
 * `ua compose --format fax --out …`: the letters to the targets that have a fax, each behind
 * its cover page, ready for a fax machine or a fax service. One fax is one file (a machine
 * sends a file to one number): a file for one fax, a folder for several.
 */
export async function writeFaxes({ action, letters, sender, options, ctx, say }: Composed): Promise<number> {
  const { world, t } = ctx;
  const targets = faxTargets(
    t,
    action,
    [...new Set(letters.map((letter) => letter.targetId))]
      .map((id) => action.targets.find((target) => target.id === id))
      .filter((target) => target !== undefined),
    say,
  );
  const faxes = letters.filter((letter) => targets.some((target) => target.id === letter.targetId));
  if (!options.out) throw usageError(t('fax.needsOut'));
  if (faxes.length > 1 && !isFolderTarget(options.out, world.cwd))
    throw usageError(t('fax.onePerFile', { targets: forTerminal(targets.map((target) => target.id).join(', ')) }), t('fax.onePerFileHint'));
  await refuseUnprintable(t, faxes, sender);
  const covers = faxCovers(t, action, localDay(world.now()));
  const { writePdfLetters } = await import('../../io/pdf-files.js');
  const out = {
    out: options.out,
    force: options.force,
    paper: options.paper,
    cwd: world.cwd,
    title: documentTitle(action),
    fax: (letter: (typeof faxes)[number]) => covers(letter, sender),
  };
  const paths = await writePdfLetters(t, faxes, out, world);
  say(t('compose.wrote', { count: faxes.length, files: forTerminal(paths.join(', ')) }));
  // Ready to fax, not faxed: the journal counts it as prepared, to the number it is for. Its key
  // is not the one a fax sent through a gateway has (":fax"), as an .eml draft's is not an email's:
  // a file written never stands for a fax that went.
  const entries = faxes.map((letter): JournalEntry => {
    const target = targets.find((candidate) => candidate.id === letter.targetId);
    const number = (target && faxNumber(action, target)?.e164) ?? letter.targetId;
    return {
      v: ENTRY_VERSION,
      at: world.now().toISOString(),
      ua: letter.actionId,
      key: `${letterKey(letter.actionId, letter.targetId, sender)}:fax:file`,
      state: 'prepared',
      channel: 'fax',
      target: letter.targetId,
      target_name: letter.recipient[0],
      lang: letter.lang,
      to: [number],
      addresses: { [number]: 'prepared' },
      sender: sender.name,
    };
  });
  await recordPrepared(entries, ctx);
  return 0;
}
