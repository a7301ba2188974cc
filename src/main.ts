import pkg from '../package.json' with { type: 'json' };
import { ExitCode, UaError } from './errors.js';
import type { World } from './world.js';

/**
 * The one error boundary: runs a command and turns every outcome into an exit code and, for
 * failures, a plain message on stderr. Nothing else in ua prints errors or exits.
 */
export async function main(argv: readonly string[], world: World): Promise<number> {
  const code = await run(argv, world);
  return code === ExitCode.ok ? await outputWritten(argv, world) : code;
}

async function run(argv: readonly string[], world: World): Promise<number> {
  // Scripts and shells ask for the version most; it is answered before the CLI framework loads.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    world.stdout.write(`${pkg.version}\n`);
    return ExitCode.ok;
  }
  await speak(argv, world);
  const { buildProgram, CommanderError } = await import('./cli.js');
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
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help text).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return await report(error, world);
  }
}

/** The interface's language, decided once per run: every message is in it. */
async function speak(argv: readonly string[], world: World): Promise<void> {
  const { chooseLanguage, useLanguage } = await import('./i18n.js');
  const { configHead } = await import('./io/paths.js');
  await useLanguage(chooseLanguage(argv, world.env, configHead(world.env)));
}

async function report(error: unknown, world: World): Promise<number> {
  const debug = world.env.UA_DEBUG === '1';
  if (error instanceof UaError) {
    const lines = [...error.details, `ua: ${error.message}`, ...(error.hint ? [`  ${error.hint}`] : [])];
    world.stderr.write(`${lines.join('\n')}\n`);
    if (debug) world.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  const { t } = await import('./i18n.js');
  world.stderr.write(`ua: ${t('errors.unexpected', { message })}\n`);
  world.stderr.write(debug && error instanceof Error ? `${error.stack}\n` : `  ${t('errors.bug')}\n`);
  return ExitCode.failure;
}

/** The real world, from `process`: used by bin/ua.js only. */
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
  await speak(argv, world);
  const { t } = await import('./i18n.js');
  const { describeSystemError } = await import('./io/system-errors.js');
  world.stderr.write(`ua: ${t('errors.outputLost', { reason: describeSystemError(error) })}\n`);
  return ExitCode.failure;
}
