import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

// stdout and stderr written straight to their descriptors (io/fd-out.ts), as a child process of
// its own sees them: a file, a pipe whose reader left, a pipe left non-blocking that fills.
const work = mkdtempSync(join(tmpdir(), 'ua-fd-out-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const module = join(work, 'fd-out.mjs');
writeFileSync(module, transformSync(readFileSync(join(ROOT, 'src', 'io', 'fd-out.ts'), 'utf8'), { loader: 'ts', format: 'esm' }).code);

/** Runs `body` in a child with `out` (fdOut(1)) and `errors` (what its error listener heard). */
function child(body: string, options: { stdout: 'pipe' | number; nonBlocking?: boolean }): ChildProcess {
  const script = `
    import { fdOut } from ${JSON.stringify(module)};
    const errors = [];
    const out = fdOut(1, () => process.stdout, process.platform);
    out.on('error', (error) => errors.push(error.code));
    ${body}`;
  // python3 sets O_NONBLOCK on the pipe, as some parents leave it, then becomes node.
  const nonBlocking = `import fcntl, os, sys
fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK)
os.execv(sys.argv[1], sys.argv[1:])`;
  const node = [process.execPath, '--input-type=module', '-e', script];
  const [command = '', ...args] = options.nonBlocking ? ['python3', '-c', nonBlocking, ...node] : node;
  return spawn(command, args, { stdio: ['ignore', options.stdout, 'pipe'] });
}

const ended = (process: ChildProcess) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    let stderr = '';
    process.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    process.on('close', (code) => resolve({ code, stderr }));
  });

describe('stdout written to its descriptor', () => {
  it('to a file: every write lands, in order, strings and bytes alike; not a terminal', async () => {
    const file = join(work, 'letters.txt');
    const fd = openSync(file, 'w');
    const run = child(`out.write('Señora ministra:\\n'); out.write(new TextEncoder().encode('Atentamente,\\n')); console.error(out.isTTY);`, { stdout: fd });
    closeSync(fd);
    const { code, stderr } = await ended(run);
    expect(code).toBe(0);
    expect(stderr).toBe('false\n');
    expect(readFileSync(file, 'utf8')).toBe('Señora ministra:\nAtentamente,\n');
  });

  it('a reader that went away (EPIPE) is told to the error listener once; later writes do nothing', async () => {
    const run = child(
      `await new Promise((resolve) => setTimeout(resolve, 100));
       const first = out.write('x'.repeat(100000));
       const second = out.write('more');
       console.error(JSON.stringify({ first, second, errors }));`,
      { stdout: 'pipe' },
    );
    run.stdout?.destroy();
    const { code, stderr } = await ended(run);
    expect(code).toBe(0);
    expect(JSON.parse(stderr)).toEqual({ first: false, second: false, errors: ['EPIPE'] });
  });

  it('a non-blocking pipe that fills (EAGAIN): the rest goes through Node’s stream, nothing lost or out of order', async () => {
    // 2 MB, far past a pipe's 64 KB, before the reader reads a byte: the descriptor must refuse.
    const run = child(
      `for (let i = 0; i < 2048; i++) out.write(String(i).padStart(1023, '.') + '\\n');
       console.error('written');`,
      { stdout: 'pipe', nonBlocking: true },
    );
    run.stdout?.pause();
    const chunks: Buffer[] = [];
    run.stderr?.once('data', () => {
      run.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
      run.stdout?.resume();
    });
    const { code, stderr } = await ended(run);
    expect(code).toBe(0);
    expect(stderr).toBe('written\n');
    const lines = Buffer.concat(chunks).toString().split('\n');
    expect(lines).toHaveLength(2049);
    expect(lines.slice(0, -1).map((line) => Number(line.replace(/^\.+/, '')))).toEqual(Array.from({ length: 2048 }, (_, i) => i));
  });
});
