import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export const BIN = join(ROOT, 'bin', 'ua.js');

/** A clean home for one test: no profile, no journal but its own. */
export function tempHome(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'ua-e2e-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'ua-cache-')),
    // ua's own temporary files (an editor's) stay inside the suite's folder too.
    TMPDIR: tmpdir(),
    LANG: 'C.UTF-8',
  };
  return { dir, env };
}

/** Runs the built CLI as a process, stdin from /dev/null unless input is given. */
export function ua(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const home = options.env ? { env: options.env } : tempHome();
  return runProcess(process.execPath, [BIN, ...args], { cwd: options.cwd ?? (home.env.HOME as string), env: home.env, input: options.input });
}

/**
 * How long a program a test runs may take before it is stopped: a safety net for a hang, never
 * a measure of speed. A run takes well under a second; a busy machine may make it many times that.
 */
export const SPAWN_LIMIT_MS = 300_000;

/**
 * Runs a program to its end: its exit code and what it wrote, stdin from /dev/null unless input
 * is given. One that is still running at `limit` is stopped, and the test fails saying so.
 */
export function runProcess(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }, limit = SPAWN_LIMIT_MS) {
  const result = spawnSync(file, args, {
    cwd: options.cwd,
    env: options.env,
    input: options.input,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: limit,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') throw stillRunning([file, ...args], limit);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The error a test fails with when a program it ran did not end: what it was, and how long it had. */
export function stillRunning(command: readonly string[], limit: number): Error {
  return new Error(`still running after ${limit / 1000} s, stopped: ${command.join(' ').slice(0, 200)} (a hang, or a machine far busier than usual)`);
}

/** A pid that is certainly not running: that of a process that has ended. */
export const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number;

/** Runs the CLI without blocking this process (a test SMTP server here must keep answering). */
export function uaAsync(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Starts `runs` copies of ua, each a random moment (up to 300 ms) after the one before, as two people or a cron job would; their ends. */
export async function racingRuns(args: string[], runs: number, options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const started = [];
  for (let run = 0; run < runs; run++) {
    if (run > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
    started.push(uaAsync(args, options));
  }
  return Promise.all(started.map((run) => run.done));
}
