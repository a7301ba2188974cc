import type { Translate } from '../core/i18n.js';
import type { ColorChoice } from '../io/color.js';
import { fitting, styleFor } from '../io/style.js';
import type { OutStream, Style, World } from '../world.js';

/** What every command gets besides its own options: the global flags, read once. */
export interface GlobalOptions {
  /** --actions-dir, each time it is given. */
  actionsDirs: string[];
  /** From --no-color and the environment (io/color.ts); each stream then decides "auto". */
  color: ColorChoice;
  quiet: boolean;
}

/**
 * One run, as every command sees it: the world it may touch, the global options, and the
 * interface's words. Built once by run.ts and passed down; nothing below reaches back up for it.
 */
export interface Context {
  readonly world: World;
  readonly globals: GlobalOptions;
  /** The interface's words, in the language this run speaks. */
  readonly t: Translate;
  /** That language's code (en, es, fr): country and language names are written in it. */
  readonly uiLang: string;
  /** A note for people (a warning, progress, what was written) on stderr, unless --quiet. */
  note(text: string): void;
  /**
   * Lines people must see on stderr even with --quiet (what is about to be sent, how a send went).
   * At a terminal, these and the notes are broken between words to its width.
   */
  tell(text: string): void;
  /** Colours as the run asked for them, for what goes to this stream. */
  style(stream: OutStream): Style;
}

export async function runContext(world: World, globals: GlobalOptions, t: Translate, uiLang: string): Promise<Context> {
  const forScreen = await fitting(world.stderr, world.env);
  const tell = (text: string) => world.stderr.write(`${forScreen(text)}\n`);
  return {
    world,
    globals,
    t,
    uiLang,
    note: (text) => {
      if (!globals.quiet) tell(text);
    },
    tell,
    style: (stream) => styleFor(stream, globals.color),
  };
}
