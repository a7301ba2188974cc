import { resolve } from 'node:path';
import { isoDate, localDay, parseIsoDate } from '../../core/dates.js';
import { parseTallies } from '../../core/feed-totals.js';
import { type FeedEntry, MAX_INDEX_BYTES } from '../../core/feeds.js';
import type { Translate } from '../../core/i18n.js';
import { formatProblem } from '../../core/problems.js';
import { forTerminal, quoted } from '../../core/shown.js';
import { dataError, usageError } from '../../errors.js';
import { readInput } from '../../io/read-input.js';
import { utf8Source } from '../../io/text-encoding.js';
import type { Context } from '../context.js';

/** --tallied-on: a real day, as YYYY-MM-DD. */
export function talliedOnOption(t: Translate, text: string): string {
  if (!parseIsoDate(text)) throw usageError(t('punct.labelled', { label: `--tallied-on ${quoted(text)}`, value: t('feed.badTalliedOn') }));
  return text;
}

/**
 * The entries with the section's totals from `--tallies` (`ua tally --json`), each stamped with
 * the day it was tallied. A bad file refuses the build (exit 2); a UA the feed does not hold is
 * said in one line and left out: the tally may count UAs the section no longer publishes.
 */
export function withTallies(entries: readonly FeedEntry[], file: string | undefined, talliedOn: string | undefined, ctx: Context): FeedEntry[] {
  const { world, t } = ctx;
  if (file === undefined && talliedOn !== undefined) throw usageError(t('feed.talliedOnAlone'));
  if (file === undefined) return [...entries];
  const bytes = readInput(t, resolve(world.cwd, file), MAX_INDEX_BYTES, file);
  const decoded = utf8Source(t, bytes, file);
  if ('problem' in decoded) throw dataError(formatProblem(decoded.problem));
  const parsed = parseTallies(
    t,
    decoded.text,
    file,
    entries.map((entry) => entry.id),
  );
  if ('problem' in parsed) throw dataError(parsed.problem);
  const warn = ctx.style(world.stderr).warn;
  for (const id of parsed.unknown) ctx.note(warn(forTerminal(`ua: ${t('feed.talliesUnknown', { file, id })}`)));
  const on = talliedOn ?? isoDate(localDay(world.now()));
  return entries.map((entry) => {
    const total = parsed.totals.get(entry.id);
    return total ? { ...entry, reported: { ...total, on } } : entry;
  });
}
