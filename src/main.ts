import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import { ExitCode, UaError } from './errors.js';
import { openInEditor } from './io/editor.js';
import { inquirerPrompter } from './io/prompter.js';
import type { World } from './world.js';

/**
 * The one error boundary: runs a command and turns every outcome into an exit code and, for
 * failures, a plain message on stderr. Nothing else in ua prints errors or exits.
 */
export async function main(argv: readonly string[], world: World): Promise<number> {
  let handler: (() => Promise<number>) | undefined;
  const program = buildProgram(world, (chosen) => {
    handler = chosen;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (!handler) {
      program.outputHelp({ error: true });
      return ExitCode.usage;
    }
    return await handler();
  } catch (error) {
    return report(error, world);
  }
}

function report(error: unknown, world: World): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  const debug = world.env.UA_DEBUG === '1';
  if (error instanceof UaError) {
    const lines = [...error.details, `ua: ${error.message}`, ...(error.hint ? [`  ${error.hint}`] : [])];
    world.stderr.write(`${lines.join('\n')}\n`);
    if (debug) world.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  world.stderr.write(`ua: unexpected error: ${message}\n`);
  world.stderr.write(debug && error instanceof Error ? `${error.stack}\n` : '  This is a bug in ua. Rerun with UA_DEBUG=1 for details, and report it.\n');
  return ExitCode.failure;
}

/** The real world, from `process`: used by bin/ua.js only. */
export function processWorld(): World {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    prompter: () => inquirerPrompter(process.stdin, process.stderr),
    openEditor: (file) => openInEditor(process.env, file),
  };
}
