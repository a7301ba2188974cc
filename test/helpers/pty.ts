import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './spawn.js';

export const KEY = { enter: '\r', down: '\x1b[B', ctrlC: '\x03' } as const;

/**
 * Runs ua inside a real pseudo-terminal (util-linux `script`), so the prompts run exactly as
 * a person at a terminal sees them, and types into it. The terminal is `columns` wide (100 unless
 * told): `stty` sets the size ua reads from the terminal itself, and COLUMNS says the same. TERM
 * is xterm unless `env` names another.
 */
export class Terminal {
  private output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; columns?: number }) {
    const columns = options.columns ?? 100;
    const command = [process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
    // Without a terminal of its own, `script` opens a pty of no size (0 columns): stty gives it one.
    this.child = spawn('script', ['-qfec', `stty cols ${columns} rows 40 && exec ${command}`, '/dev/null'], {
      cwd: options.cwd,
      env: { TERM: 'xterm', ...options.env, COLUMNS: String(columns), LINES: '40' },
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Everything the terminal received, escape codes and all. */
  get raw(): string {
    return this.output;
  }

  /** Everything shown so far, without colours and cursor movements. */
  get screen(): string {
    return this.output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  }

  /** Waits until the screen shows `pattern`; the limit is a safety net for a hang, generous for a busy machine. */
  async waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.screen)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen shows:\n${this.screen.slice(-1500)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  type(keys: string): void {
    this.child.stdin?.write(keys);
  }

  /** Answers one question: waits for it, types, presses Enter. */
  async answer(question: RegExp, text = ''): Promise<void> {
    await this.waitFor(question);
    const before = this.screen.length;
    this.type(text);
    this.type(KEY.enter);
    // Wait until the prompt has taken the answer before the next keystrokes.
    const deadline = Date.now() + 60_000;
    while (this.screen.length === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
