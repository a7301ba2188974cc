import { Chalk } from 'chalk';
import type { GlobalOptions } from '../cli.js';
import type { OutStream } from '../world.js';

export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  warn: (text: string) => string;
  good: (text: string) => string;
  accent: (text: string) => string;
}

/** Colour only on a terminal, and never with --no-color or NO_COLOR. */
export function styleFor(stream: OutStream, globals: GlobalOptions): Style {
  const chalk = new Chalk({ level: globals.color && stream.isTTY ? 1 : 0 });
  return { bold: chalk.bold, dim: chalk.dim, warn: chalk.yellow, good: chalk.green, accent: chalk.cyan };
}

/** Warnings and notes for people go to stderr, unless --quiet. */
export function note(stream: OutStream, globals: GlobalOptions, text: string): void {
  if (!globals.quiet) stream.write(`${text}\n`);
}
