import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { cancelled } from '../../src/errors.js';
import { smtpSessions } from '../../src/io/mail/session.js';

import { main } from '../../src/main.js';
import type { Choice, Prompter, SmtpSettings, World } from '../../src/world.js';
import { t } from './words.js';

export const TODAY = new Date(2026, 10, 28, 12, 0, 0); // 28 November 2026, local time

export interface Captured {
  world: World;
  stdout: () => string;
  stderr: () => string;
}

/** A world with captured streams, a fixed clock and a private config home. */
export function fakeWorld(overrides: Partial<World> & { tty?: boolean } = {}): Captured {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk) => {
    stdout += chunk;
  });
  err.on('data', (chunk) => {
    stderr += chunk;
  });
  const stdin = Object.assign(new PassThrough(), { isTTY: overrides.tty ?? false });
  Object.assign(err, { isTTY: overrides.tty ?? false });
  const home = mkdtempSync(join(tmpdir(), 'ua-test-'));
  const world: World = {
    cwd: home,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ua-cache-')) },
    platform: process.platform,
    stdin,
    stdout: out,
    stderr: err,
    now: () => TODAY,
    prompter: async () => {
      throw new Error('this test did not expect a prompt');
    },
    openEditor: async () => {
      throw new Error('this test did not expect an editor');
    },
    mailer: (settings, t) => smtpSessions(t, settings),
    openUrl: async () => {
      throw new Error('this test did not expect a URL to be opened');
    },
    onInterrupt: () => () => undefined,
    ...overrides,
  };
  return { world, stdout: () => stdout, stderr: () => stderr };
}

/** What smtpWorld sets besides the server; each has a default for the common case. */
export interface SmtpWorldOptions {
  /** UA_JOURNAL (default: journal.jsonl in the world's own folder); another world's, to send again on its journal. */
  journal?: string;
  /** UA_SMTP_URL, when not smtp://127.0.0.1:<port> (a user name, a host name, smtps). */
  url?: string;
  /** More environment, set last: UA_FROM, UA_SMTP_PASSWORD, UA_SMTP_TIMEOUT… */
  env?: Record<string, string | undefined>;
  /** Settings the mailer adds to those ua gives it (requireTLS). */
  mail?: Partial<SmtpSettings>;
  /** Run again where that world ran: its folder, its home and its journal. */
  rerunOf?: Captured;
}

/**
 * A fake world that sends through a test SMTP server: UA_SMTP_URL names the server, UA_JOURNAL a
 * journal of the world's own, and the mailer trusts the server's certificate when it has one.
 */
export function smtpWorld(server: { port: number; certificate?: string }, options: SmtpWorldOptions = {}): Captured {
  const earlier = options.rerunOf?.world;
  const captured = earlier ? fakeWorld({ cwd: earlier.cwd, env: earlier.env }) : fakeWorld();
  const env = {
    ...captured.world.env,
    UA_SMTP_URL: options.url ?? `smtp://127.0.0.1:${server.port}`,
    UA_JOURNAL: options.journal ?? captured.world.env.UA_JOURNAL ?? join(captured.world.cwd, 'journal.jsonl'),
    ...options.env,
  };
  const trust = server.certificate ? { tls: { ca: server.certificate } } : {};
  captured.world = { ...captured.world, env, mailer: (settings, t) => smtpSessions(t, { ...settings, ...trust, ...options.mail }) };
  return captured;
}

export async function run(argv: string[], captured: Captured): Promise<{ code: number; stdout: string; stderr: string }> {
  const code = await main(argv, captured.world);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

export type Script = [question: RegExp, answer: unknown][];

/**
 * A prompter that answers from a script, in order, and fails on any question it does not
 * expect: a handler that asks something new must change its test. `'^C'` acts as Ctrl-C.
 */
export function scriptedPrompter(script: Script): Prompter & { asked: string[]; remaining: () => number } {
  const queue = [...script];
  const asked: string[] = [];
  const next = async (message: string, validate?: (value: string) => string | undefined): Promise<unknown> => {
    asked.push(message);
    const step = queue.shift();
    if (!step) throw new Error(`unexpected question: "${message}"`);
    const [pattern, answer] = step;
    if (!pattern.test(message)) throw new Error(`expected a question matching ${pattern}, got "${message}"`);
    if (answer === '^C') throw cancelled(t('errors.cancelled'));
    if (validate && typeof answer === 'string') {
      const problem = validate(answer);
      if (problem) throw new Error(`the answer "${answer}" to "${message}" was refused: ${problem}`);
    }
    return answer;
  };
  return {
    asked,
    remaining: () => queue.length,
    select: async <T>(message: string, choices: readonly Choice<T>[]) => {
      const answer = (await next(message)) as T;
      if (!choices.some((choice) => choice.value === answer)) throw new Error(`"${String(answer)}" is not a choice of "${message}"`);
      return answer;
    },
    checkbox: async <T>(message: string) => (await next(message)) as T[],
    // As Inquirer does: Enter (an empty answer) takes the default.
    input: async (message, options) => {
      const validate = (value: string) => options?.validate?.(value === '' && options.default !== undefined ? options.default : value);
      const answer = (await next(message, validate)) as string;
      return answer === '' && options?.default !== undefined ? options.default : answer;
    },
    confirm: async (message) => (await next(message)) as boolean,
    password: async (message) => (await next(message)) as string,
  };
}
