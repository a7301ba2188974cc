import type { Readable, Writable } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import type { Translate } from './core/i18n.js';

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
  prompter: (style: Style, t: Translate) => Promise<Prompter>;
  /** Opens a file in the user's editor and resolves when the editor exits. */
  openEditor: (file: string, t: Translate) => Promise<void>;
  /** SMTP sessions for these settings (tests add their pinned certificate). */
  mailer: (settings: SmtpSettings, t: Translate) => OpenSession;
  /** Hands a URL (mailto:) to the system's handler. */
  openUrl: (url: string, t: Translate) => Promise<void>;
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
  /**
   * This run is a worker thread's (see inWorkerThread): what needs the terminal once the work is
   * done (a batch's offer to report the evening) is left to the main thread, which has it.
   */
  isWorkerThread?: boolean;
  /**
   * A long run that allocates as it goes starts here (a batch's sending, which stays on this
   * thread for its prompts): V8 sizes its heap for what the run keeps, not for the garbage it
   * leaves (io/heap.ts); it returns how to put V8's flags back when the run is done. Only the
   * real process has it: a test's world is the test runner's.
   */
  steadyHeap?: () => Promise<() => void>;
}

// The ports: what a command asks of the world, declared here where the World offers them, and
// implemented in io/ (prompter.ts: Inquirer; mail/: nodemailer; style.ts: chalk). Tests implement
// them too (a scripted prompter, a pinned certificate).

/** Colours for text a person reads; every function returns its text unchanged when colour is off. */
export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  warn: (text: string) => string;
  good: (text: string) => string;
  accent: (text: string) => string;
  /** A question waiting for its answer (the prompts' "?"). */
  asking: (text: string) => string;
  bad: (text: string) => string;
}

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}

/** The questions `ua` asks at a terminal. Tests script it; the real one is Inquirer. */
export interface Prompter {
  select<T>(message: string, choices: readonly Choice<T>[], fallback?: T): Promise<T>;
  checkbox<T>(message: string, choices: readonly Choice<T>[]): Promise<T[]>;
  input(message: string, options?: { default?: string; validate?: (value: string) => string | undefined }): Promise<string>;
  confirm(message: string, fallback?: boolean): Promise<boolean>;
  /** A hidden answer (a password): never echoed. */
  password(message: string): Promise<string>;
}

/** Where and how to send: from --smtp / UA_SMTP_URL / the config file, and the password. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// — TLS from the first byte. */
  secure: boolean;
  /** STARTTLS is required (smtp:// to anything but this machine). */
  requireTLS: boolean;
  user?: string;
  password?: string;
  /** Seconds to wait for a connection, a greeting, a reply. */
  timeoutSeconds: number;
  /** Extra trust (tests pin a generated certificate); users set NODE_EXTRA_CA_CERTS. */
  tls?: ConnectionOptions;
}

export interface SendReceipt {
  accepted: string[];
  /** Refused at RCPT TO, with the server's reply code (4xx: for now; 5xx: for good). */
  rejected: { address: string; code?: number }[];
  response: string;
}

/** One open connection, logged in, sending one message at a time. */
export interface MailSession {
  /**
   * Sends one message. `onTransfer` runs once, just before the first byte of the message goes
   * to the server (after it accepted the envelope), and the message waits for it: the caller
   * records it durably, because from then on a failure may leave the outcome unknown. If it
   * fails, the message never leaves and the connection is closed. A failure without the
   * server's answer before the whole message went (no final dot) is marked `beforeEnd`: the
   * server cannot have taken it.
   */
  send(raw: Buffer, envelope: { from: string; to: string[] }, onTransfer: () => Promise<void>): Promise<SendReceipt>;
  /** Connected, as far as this side knows (a server that closed an idle connection is not). */
  readonly usable: boolean;
  /** The server offers SMTPUTF8 (RFC 6531): it takes addresses and headers in UTF-8. */
  readonly smtpUtf8: boolean;
  /** Asks the server (RSET) whether the connection still works; false when it does not. */
  probe(): Promise<boolean>;
  close(): void;
}

export type OpenSession = () => Promise<MailSession>;
