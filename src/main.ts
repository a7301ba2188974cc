import pkg from '../package.json' with { type: 'json' };

// ExitCode's values (errors.ts), written here so that `ua --version` loads nothing else.
const ExitCode = { ok: 0, failure: 1 } as const;

import type { World } from './world.js';

/**
 * Runs ua: the version at once (scripts and shells ask for it most, and it needs nothing else),
 * anything else through the command line and its one error boundary (./run.ts).
 */
export async function main(argv: readonly string[], world: World): Promise<number> {
  let code: number = ExitCode.ok;
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) world.stdout.write(`${pkg.version}\n`);
  else code = await (await import('./run.js')).run(argv, world, pkg.version);
  return code === ExitCode.ok ? await outputWritten(argv, world) : code;
}

/** The real world, from `process`: used by the command (bin.ts) only. */
export function processWorld(): World {
  // Getters: Node builds a standard stream on first use, which costs milliseconds at start-up
  // (stdin most), so `ua --version` touches only stdout.
  return {
    cwd: process.cwd(),
    env: process.env,
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      return tolerateClosedReader(process.stdout);
    },
    get stderr() {
      return tolerateClosedReader(process.stderr);
    },
    now: () => new Date(),
    prompter: async () => (await import('./io/prompter.js')).inquirerPrompter(process.stdin, process.stderr),
    openEditor: async (file) => (await import('./io/editor.js')).openInEditor(process.env, file),
    mailer: (settings) => async () => (await import('./io/mailer.js')).smtpSessions(settings)(),
    openUrl: async (url) => (await import('./io/editor.js')).openUrl(url),
    onInterrupt: (handler) => {
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
      const stop = () => {
        for (const signal of signals) process.removeListener(signal, listener);
      };
      const listener = () => {
        // A second signal is not patient: Node's default handling ends the process.
        stop();
        handler();
      };
      for (const signal of signals) process.once(signal, listener);
      return stop;
    },
  };
}

/**
 * Output that cannot be written never stops a run: a reader that goes away (`ua show 105.22 |
 * head`), a full disk (`> /dev/full`), a terminal that hangs up. Sends in flight finish and are
 * journaled. What follows is not shown; a lost stdout is told at the end (see outputWritten).
 */
function tolerateClosedReader<T extends NodeJS.WriteStream>(stream: T): T {
  if (!lostOutput.has(stream)) {
    lostOutput.set(stream, undefined);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      lostOutput.set(stream, lostOutput.get(stream) ?? error);
    });
  }
  return stream;
}

/** Each standard stream watched, and the first error writing to it. */
const lostOutput = new WeakMap<object, NodeJS.ErrnoException | undefined>();

/**
 * A run that did its work but could not write its output (stdout to a full disk) failed: the
 * output is what was asked for. A reader that went away (EPIPE) wanted no more: not a failure.
 */
async function outputWritten(argv: readonly string[], world: World): Promise<number> {
  if (!lostOutput.has(world.stdout)) return ExitCode.ok;
  // A write's error is reported on a later tick: let the last one's arrive.
  await new Promise((resolve) => setImmediate(resolve));
  const error = lostOutput.get(world.stdout);
  if (!error || error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return ExitCode.ok;
  await (await import('./run.js')).sayOutputLost(argv, world, error);
  return ExitCode.failure;
}
