import type { Translate } from '../../core/i18n.js';
import { usageError } from '../../errors.js';
import type { World } from '../../world.js';

/** A terminal on both ends and not CI, unless the flags say otherwise; never when stdin holds the answers. */
export function decideInteractive(t: Translate, flags: { interactive?: boolean; answers?: string }, world: World): boolean {
  const terminal = Boolean(world.stdin.isTTY && world.stderr.isTTY);
  if (flags.interactive && !terminal) throw usageError(t('compose.interactiveNeedsTerminal'), t('compose.interactiveNeedsTerminalHint'));
  if (flags.answers === '-') return false;
  return flags.interactive ?? (terminal && !world.env.CI);
}
