import { ExitCode, isUaError } from '../../errors.js';
import { questionMayBeDue } from '../../io/follow-up-due.js';
import { fileStamp, journalFile } from '../../io/paths.js';
import type { World } from '../../world.js';
import type { Context } from '../context.js';

/**
 * What every run does after its command's own work, in two parts, each only when it has to
 * (what they need is loaded then, not at the start of every run):
 * 1. A run of a command that records letters, whose journal changed while it ran, moves the
 *    next follow-up question's day and rids the journal of what it keeps too long (upkeep.ts).
 * 2. A run at a terminal, whose work went well and that writes for a person (not JSON, CSV, a
 *    completion script; not --quiet), asks the follow-up questions that are due (follow-up.ts).
 * Neither stops a run that did its work: what cannot be done now is done by a later run.
 */

/** When a run started, and, for a command that records letters, its journal as it found it (undefined: none yet). */
export interface RunMark {
  started: Date;
  records: boolean;
  journal: string | undefined;
}

export function markRun(world: World, records: boolean): RunMark {
  return { started: world.now(), records, journal: records ? fileStamp(journalFile(world.env)) : undefined };
}

/**
 * After the work: the upkeep of a run that recorded letters, then the questions; returns the
 * run's exit code. `code` undefined: the work failed (the letters it recorded still fall due;
 * the rest waits for a run that went well).
 */
export async function afterRun(ctx: Context, code: number | undefined, mark: RunMark, forPrograms: boolean): Promise<number> {
  const recorded = mark.records && fileStamp(journalFile(ctx.world.env)) !== mark.journal;
  const upkeep = recorded ? await import('./upkeep.js') : undefined;
  if (code === undefined) {
    await upkeep?.nextQuestionDay(ctx, mark.started);
    return ExitCode.failure;
  }
  await upkeep?.upkeep(ctx, mark.started);
  if (code !== ExitCode.ok || forPrograms || !asksHere(ctx)) return code;
  if (!questionMayBeDue(ctx.world.env, ctx.world.now())) return code;
  try {
    // A bundle of its own in the build (scripts/build.mjs): every command's would carry a copy.
    return await (await import('./follow-up.js')).askFollowUps(ctx);
  } catch (error) {
    // Interrupted: quietly, as a question is. A question that cannot be asked or kept (a state
    // folder that cannot be written) is asked another time.
    if (isUaError(error)) return error.exitCode === ExitCode.cancelled ? ExitCode.cancelled : code;
    throw error;
  }
}

/** A person at a terminal who did not ask for quiet: stdin and stderr a terminal, not CI. */
function asksHere({ world, globals }: Context): boolean {
  return Boolean(world.stderr.isTTY && world.stdin.isTTY) && !world.env.CI && !globals.quiet;
}
