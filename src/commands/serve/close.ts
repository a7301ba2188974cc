import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { forTerminal } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import { Evening } from '../../io/evening.js';
import type { Context } from '../context.js';
import { eveningFolder, type ServeOptions } from './setup.js';

/**
 * `ua serve --close`: the evening ends; what the attendees typed is deleted (the counts of what
 * was printed or sent stay in the journal, for `ua report`), unless --keep-data. Letters neither
 * printed nor sent are not thrown away without --discard.
 */
export async function closeEvening(options: Pick<ServeOptions, 'keepData' | 'discard'>, ctx: Context): Promise<number> {
  const { t, world } = ctx;
  const folder = eveningFolder(ctx);
  if (!existsSync(join(folder, 'evening.json'))) {
    ctx.note(t('serve.noEvening'));
    return 0;
  }
  const evening = Evening.open(t, folder, [], world.now());
  const count = evening.letters().length;
  if (count > 0 && !evening.file.delivered && !options.discard && !options.keepData)
    throw usageError(t('serve.undelivered', { count }), t('serve.undeliveredHint'));
  if (options.keepData) {
    ctx.tell(t('serve.closedKeptAt', { folder: forTerminal(evening.keepAside()) }));
    return 0;
  }
  evening.remove();
  ctx.tell(t('serve.closedDeleted'));
  return 0;
}
