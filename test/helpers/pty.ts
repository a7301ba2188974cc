import { type ChildProcess, spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { displayWidth } from '../../src/core/screen.js';
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

  private readonly columns: number;

  constructor(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; columns?: number }) {
    const columns = options.columns ?? 100;
    this.columns = columns;
    const command = [process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
    // Without a terminal of its own, `script` opens a pty of no size (0 columns): stty gives it one.
    this.child = spawn('script', ['-qfec', `stty cols ${columns} rows 40 && exec ${command}`, '/dev/null'], {
      cwd: options.cwd,
      // A test may leave COLUMNS out (`COLUMNS: undefined`), as most shells do not export it.
      env: { TERM: 'xterm', COLUMNS: String(columns), LINES: '40', ...options.env },
    });
    // A character's bytes may come in two chunks: decoded across them, never one at a time.
    const decoder = new StringDecoder('utf8');
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.output += decoder.write(chunk);
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

  /**
   * The rows as the terminal shows them now: what the cursor movements and erasures left (the
   * rows scrolled away kept above), with `wrapped` true for a row the terminal began itself
   * because a line ran past its edge. Only the codes ua and Inquirer write are understood.
   */
  get rows(): { text: string; wrapped: boolean }[] {
    return emulate(this.output, this.columns);
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

/** A terminal `columns` wide fed `output`: each row's text (colours dropped) and whether the terminal wrapped into it. */
function emulate(output: string, columns: number): { text: string; wrapped: boolean }[] {
  const screen = new Screen(columns);
  // An escape sequence, or one character as the terminal takes it (a letter and its combining marks).
  for (const [, code, args, final, char] of output.matchAll(/(\x1b\[([0-9;?]*)([A-Za-z]))|(\P{M}\p{M}*)/gsu)) {
    if (code) screen.escape(args ?? '', final ?? '');
    else if (char) screen.put(char);
  }
  return screen.rows.map(({ cells, wrapped }) => ({ text: cells.join('').trimEnd(), wrapped }));
}

/** The few things a terminal does that ua and Inquirer ask of it: move, erase, write, wrap at the edge. */
class Screen {
  readonly rows: { cells: string[]; wrapped: boolean }[] = [];
  private row = 0;
  private column = 0;

  constructor(private readonly columns: number) {}

  private at(index: number) {
    while (this.rows.length <= index) this.rows.push({ cells: [], wrapped: false });
    return this.rows[index] as { cells: string[]; wrapped: boolean };
  }

  escape(args: string, final: string): void {
    const n = Number.parseInt(args || '1', 10) || 1;
    const moves: Record<string, () => void> = {
      A: () => {
        this.row = Math.max(0, this.row - n);
      },
      B: () => {
        this.row += n;
      },
      C: () => {
        this.column = Math.min(this.columns, this.column + n);
      },
      D: () => {
        this.column = Math.max(0, this.column - n);
      },
      G: () => {
        this.column = n - 1;
      },
      // The whole row (2K) is blank again, and no longer a row the edge began; else from the cursor on.
      K: () => {
        const line = this.at(this.row);
        if (args === '2') Object.assign(line, { cells: [], wrapped: false });
        else line.cells.length = Math.min(line.cells.length, this.column);
      },
    };
    moves[final]?.();
  }

  put(char: string): void {
    if (char === '\r') this.column = 0;
    else if (char === '\n') {
      this.row++;
      this.column = 0;
    } else if (char >= ' ') {
      const width = displayWidth(char);
      // Past the edge, the terminal goes on at the start of the next row: a break of its own.
      if (this.column + width > this.columns) {
        this.row++;
        this.column = 0;
        this.at(this.row).wrapped = true;
      }
      const cells = this.at(this.row).cells;
      while (cells.length < this.column) cells.push(' ');
      cells.splice(this.column, width, char, ...Array<string>(width - 1).fill(''));
      this.column += width;
    }
  }
}
