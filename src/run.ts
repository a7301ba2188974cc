import { buildProgram, CommanderError } from './cli.js';
import { type Translate, translator } from './core/i18n.js';
import { forTerminal } from './core/shown.js';
import { ExitCode, UaError } from './errors.js';
import { catalogueReader } from './io/catalogues.js';
import { languageFor } from './io/ui-language.js';
import type { World } from './world.js';

/**
 * The one error boundary: runs a command and turns every outcome into an exit code and, for
 * failures, a plain message on stderr. Nothing else in ua prints errors or exits.
 */
export async function run(argv: readonly string[], world: World, version: string): Promise<number> {
  const { t, uiLang } = wordsFor(argv, world);
  let handler: (() => Promise<number>) | undefined;
  const program = await buildProgram(world, {
    argv,
    version,
    t,
    uiLang,
    setHandler: (chosen) => {
      handler = chosen;
    },
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
    return await report(error, world, t);
  }
}

/** The interface's language for this run (--lang-ui, the config, the locale) and its words. */
function wordsFor(argv: readonly string[], world: World): { t: Translate; uiLang: string } {
  const uiLang = languageFor(argv, world.env);
  return { t: translator(catalogueReader(uiLang)), uiLang };
}

async function report(error: unknown, world: World, t: Translate): Promise<number> {
  const debug = world.env.UA_DEBUG === '1';
  if (error instanceof UaError) {
    // A message may quote a file's name or a value: shown safely, whatever it holds. At a
    // terminal, a long one is broken between words, the hint's lines under its first word.
    const lines = [...error.details, `ua: ${error.message}`, ...(error.hint ? [`  ${error.hint}`] : [])].map(forTerminal);
    const forScreen = world.stderr.isTTY ? await (await import('./io/style.js')).fitting(world.stderr, world.env) : (text: string) => text;
    world.stderr.write(`${forScreen(lines.join('\n'))}\n`);
    if (debug) world.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  world.stderr.write(`ua: ${t('errors.unexpected', { message })}\n`);
  world.stderr.write(debug && error instanceof Error ? `${error.stack}\n` : `  ${t('errors.bug')}\n`);
  return ExitCode.failure;
}

/** The work was done, but its output could not be written (stdout to a full disk). */
export async function sayOutputLost(argv: readonly string[], world: World, error: unknown): Promise<void> {
  const { t } = wordsFor(argv, world);
  const { describeSystemError } = await import('./io/system-errors.js');
  world.stderr.write(`ua: ${t('errors.outputLost', { reason: describeSystemError(t, error) })}\n`);
}
