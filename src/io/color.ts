import type { Env } from '../world.js';

/** Whether a run colours its output: never, always (even into a pipe), or only on a terminal. */
export type ColorChoice = 'never' | 'always' | 'auto';

/**
 * The colour a run asked for, from the strongest word to the weakest: --no-color on this
 * command line; FORCE_COLOR (as Node reads it: 0 or false turns colour off, any other value on,
 * and it wins over NO_COLOR, as in Node); NO_COLOR when not empty (no-color.org); TERM=dumb, a
 * terminal that shows escape codes as text; else colour on a terminal only (io/style.ts). Small
 * and imported by the command line only, so that it is in the chunk every start-up loads anyway.
 */
export function colorChoice(flag: boolean, env: Env): ColorChoice {
  if (!flag) return 'never';
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force === '0' || force.toLowerCase() === 'false' ? 'never' : 'always';
  if (env.NO_COLOR) return 'never';
  if (env.TERM === 'dumb') return 'never';
  return 'auto';
}
