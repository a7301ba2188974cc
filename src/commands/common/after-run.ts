import { ExitCode, UaError } from '../../errors.js';
import { fileStamp, journalFile } from '../../io/paths.js';
import type { World } from '../../world.js';
import type { Context } from '../context.js';

/**
 * What every run does after its command's own work, in two parts, each only when it has to
 * (what they need is loaded then, not at the start of every run):
 * 1. A run that recorded letters (the journal changed while it ran) moves the next follow-up
 *    question's day and rids the journal of what it keeps too long (upkeep.ts).
 * 2. A run at a terminal, whose work went well and that writes for a person (not JSON, CSV, a
 *    completion script; not --quiet), asks the follow-up questions that are due (follow-up.ts).
 * Neither stops a run that did its work: what cannot be done now is done by a later run.
 */

/** When a run started, and its journal as it found it (undefined: none yet). */
export interface RunMark {
  started: Date;
  journal: string | undefined;
}

export function markRun(world: World): RunMark {
  return { started: world.now(), journal: fileStamp(journalFile(world.env)) };
}

/**
 * After the work: the upkeep of a run that recorded letters, then the questions; returns the
 * run's exit code. `code` undefined: the work failed (the letters it recorded still fall due;
 * the rest waits for a run that went well).
 */
export async function afterRun(ctx: Context, code: number | undefined, mark: RunMark, forPrograms: boolean): Promise<number> {
  const upkeep = fileStamp(journalFile(ctx.world.env)) !== mark.journal ? await import('./upkeep.js') : undefined;
  if (code === undefined) {
    await upkeep?.nextQuestionDay(ctx, mark.started);
    return ExitCode.failure;
  }
  await upkeep?.upkeep(ctx, mark.started);
  if (code !== ExitCode.ok || forPrograms || !asksHere(ctx)) return code;
  const followUp = await import('./follow-up.js');
  try {
    return followUp.mayBeDue(ctx) ? await followUp.askFollowUps(ctx) : code;
  } catch (error) {
    // A question that cannot be asked or kept (a state folder that cannot be written) is asked another time.
    if (error instanceof UaError && error.exitCode !== ExitCode.cancelled) return code;
    throw error;
  }
}

/** A person at a terminal who did not ask for quiet: stdin and stderr a terminal, not CI. */
function asksHere({ world, globals }: Context): boolean {
  return Boolean(world.stderr.isTTY && world.stdin.isTTY) && !world.env.CI && !globals.quiet;
}
