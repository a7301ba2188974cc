import type { Readable, Writable } from 'node:stream';
import type { OpenSession, SmtpSettings } from './io/mailer.js';
import type { Prompter } from './io/prompter.js';
import type { Style } from './io/style.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface InStream extends Readable {
  isTTY?: boolean;
}
export interface OutStream extends Writable {
  isTTY?: boolean;
  /** A terminal's width, as it reports it (0 when it does not know). */
  columns?: number;
}

/**
 * Everything a command may touch outside its own arguments. Only src/main.ts builds the real
 * one from `process`; tests pass their own, so no code below main reads `process.*`.
 */
export interface World {
  cwd: string;
  env: Env;
  /** The operating system (process.platform): which editor there is, how to open a link. */
  platform: NodeJS.Platform;
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  now: () => Date;
  /** Asks the user, in the colours of ua's stderr; only used when the run is interactive. */
  prompter: (style: Style) => Promise<Prompter>;
  /** Opens a file in the user's editor and resolves when the editor exits. */
  openEditor: (file: string) => Promise<void>;
  /** SMTP sessions for these settings (tests add their pinned certificate). */
  mailer: (settings: SmtpSettings) => OpenSession;
  /** Hands a URL (mailto:) to the system's handler. */
  openUrl: (url: string) => Promise<void>;
  /**
   * Ctrl-C (SIGINT), SIGTERM and SIGHUP, handled: while a handler is registered the first signal
   * calls it (stop starting work, finish what is in flight, remove a staging folder) and a
   * second one ends the process. Returns the remover.
   */
  onInterrupt: (handler: () => void) => () => void;
  /**
   * Runs this same command line again in a worker thread with a small young generation, and
   * resolves with its exit code (see io/worker-run.ts). Only the real process has it: not the
   * worker itself, not the tests' worlds.
   */
  inWorkerThread?: () => Promise<number>;
}
