import type { Translate } from '../../core/i18n.js';
import { usageError } from '../../errors.js';
import type { World } from '../../world.js';

/** A terminal on both ends and not CI, unless the flags say otherwise; never when stdin holds the answers. */
export function decideInteractive(t: Translate, flags: { interactive?: boolean; answers?: string }, world: World): boolean {
  if (flags.interactive === false) return false;
  // stderr first: Node builds stdin on first use, a few milliseconds of a start that needs none.
  const terminal = Boolean(world.stderr.isTTY && world.stdin.isTTY);
  if (flags.interactive && !terminal) throw usageError(t('compose.interactiveNeedsTerminal'), t('compose.interactiveNeedsTerminalHint'));
  if (flags.answers === '-') return false;
  return flags.interactive ?? (terminal && !world.env.CI);
}
