import pkg from '../package.json' with { type: 'json' };

// ExitCode's values (errors.ts), written here so that `ua --version` loads nothing else.
const ExitCode = { ok: 0, failure: 1 } as const;

import { asksVersion } from './core/argv.js';
import { fdOut } from './io/fd-out.js';
import type { OutStream, World } from './world.js';

/**
 * Runs ua: the version at once (scripts and shells ask for it most, and it needs nothing else),
 * anything else through the command line and its one error boundary (./run.ts).
 */
export async function main(argv: readonly string[], world: World): Promise<number> {
  let code: number = ExitCode.ok;
  if (asksVersion(argv)) world.stdout.write(`${pkg.version}\n`);
  else code = await (await import('./run.js')).run(argv, world, pkg.version);
  return code === ExitCode.ok ? await outputWritten(argv, world) : code;
}

/** The real world, from `process`: used by the command (bin/ua.js), and by a worker thread (worker.ts) with its own interrupts. */
export function processWorld(inWorker?: Pick<World, 'onInterrupt'>): World {
  // Getters: Node builds a standard stream on first use, which costs milliseconds at start-up
  // (stdin most), so `ua --version` touches only stdout. Not a terminal, stdout and stderr are
  // written to directly (io/fd-out.ts); a worker's go through this thread's.
  const out = (fd: 1 | 2, stream: () => NodeJS.WriteStream) => tolerateClosedReader(inWorker ? stream() : fdOut(fd, stream, process.platform));
  let stdout: OutStream | undefined;
  let stderr: OutStream | undefined;
  return {
    cwd: process.cwd(),
    env: process.env,
    platform: process.platform,
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      stdout ??= out(1, () => process.stdout);
      return stdout;
    },
    get stderr() {
      stderr ??= out(2, () => process.stderr);
      return stderr;
    },
    // Read once: an environment variable is a call into C++ each time, and a batch asks the time
    // several times a letter (2% of a send of 1,000).
    now: clock(process.env.UA_NOW),
    prompter: async (style, t) => (await import('./io/prompter.js')).inquirerPrompter(t, process.stdin, process.stderr, style),
    openEditor: async (file, t) => (await import('./io/editor.js')).openInEditor(t, process.env, process.platform, file),
    mailer: (settings, t) => async () => (await import('./io/mail/session.js')).smtpSessions(t, settings)(),
    openUrl: async (url, t) => (await import('./io/editor.js')).openUrl(t, url, process.platform),
    onInterrupt: inWorker?.onInterrupt ?? onSignals,
    steadyHeap: async () => (await import('./io/heap.js')).steadyHeap(),
    isWorkerThread: inWorker !== undefined,
    inWorkerThread: inWorker
      ? undefined
      : async function (this: World) {
          // The worker's output comes through this thread's streams: a reader that goes away is
          // tolerated here, as for any command.
          const tty = {
            stdout: this.stdout.isTTY === true,
            stderr: this.stderr.isTTY === true,
            columns: { stdout: this.stdout.columns, stderr: this.stderr.columns },
          };
          const { runInWorker } = await import('./io/worker-run.js');
          return runInWorker(process.argv.slice(2), tty, { onInterrupt: onSignals, raise: (signal) => process.kill(process.pid, signal) });
        },
  };
}

/**
 * The time now. UA_NOW (an ISO instant, "2026-12-07T15:40:00Z") is for tests only: a spawned ua
 * at a fixed moment (a weekday morning at an office abroad, its Sunday night). Anything else is
 * the machine's clock.
 */
function clock(fixed: string | undefined): () => Date {
  const instant = fixed ? new Date(fixed) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) return () => new Date();
  return () => new Date(instant);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Ctrl-C, SIGTERM, SIGHUP: the first calls the handler, a second is not patient (Node's default ends the process). */
function onSignals(handler: (signal?: NodeJS.Signals) => void): () => void {
  const stop = () => {
    for (const signal of SIGNALS) process.removeListener(signal, listener);
  };
  const listener = (signal: NodeJS.Signals) => {
    stop();
    handler(signal);
  };
  for (const signal of SIGNALS) process.once(signal, listener);
  return stop;
}

/**
 * Output that cannot be written never stops a run: a reader that goes away (`ua show 105.22 |
 * head`), a full disk (`> /dev/full`), a terminal that hangs up. Sends in flight finish and are
 * journaled. What follows is not shown; a lost stdout is told at the end (see outputWritten).
 */
function tolerateClosedReader(stream: OutStream): OutStream {
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
