import { Chalk } from 'chalk';
import type { Env, OutStream, Style } from '../world.js';
import type { ColorChoice } from './color.js';

/** Whether what goes to this stream is coloured, as the run asked (io/color.ts): "auto" on a terminal only. */
export function colored(stream: OutStream, choice: ColorChoice): boolean {
  return choice === 'always' || (choice === 'auto' && stream.isTTY === true);
}

/** Colour as the run asked for it (see io/color.ts), for what goes to this stream. */
export function styleFor(stream: OutStream, color: ColorChoice): Style {
  const chalk = new Chalk({ level: colored(stream, color) ? 1 : 0 });
  return { bold: chalk.bold, dim: chalk.dim, warn: chalk.yellow, good: chalk.green, accent: chalk.cyan, asking: chalk.blue, bad: chalk.red };
}

/**
 * How many columns text for this stream may take: a terminal's width, kept between 40 and 100
 * (longer lines are hard to read; narrower, every line would break), COLUMNS when the terminal
 * does not say. Into a file or a pipe, `fallback`: what ua has always written there.
 */
export function screenWidth(stream: OutStream, env: Env, fallback: number): number {
  if (!stream.isTTY) return fallback;
  const columns = stream.columns || Number.parseInt(env.COLUMNS ?? '', 10);
  return Number.isFinite(columns) && columns > 0 ? Math.min(100, Math.max(40, columns)) : fallback;
}

/**
 * Text for `stream` as a terminal shows it: its lines broken between words to the terminal's
 * width (a terminal breaks them wherever its edge falls). Into a file or a pipe, as it is; the
 * measuring is loaded only for a terminal, so a script never pays for it.
 */
export async function fitting(stream: OutStream, env: Env): Promise<(text: string) => string> {
  if (!stream.isTTY) return (text) => text;
  const { fitLines } = await import('../core/screen.js');
  return (text) => fitLines(text, screenWidth(stream, env, Number.POSITIVE_INFINITY));
}
