import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

// V8's flags are the whole process's: steadyHeap runs in a child of its own, never in the runner.
const work = mkdtempSync(join(tmpdir(), 'ua-heap-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const heap = join(work, 'heap.mjs');
writeFileSync(heap, transformSync(readFileSync(join(ROOT, 'src', 'io', 'heap.ts'), 'utf8'), { loader: 'ts', format: 'esm' }).code);

/** A run that keeps a window of 20,000 letters and lets each go: the young generation's largest size, in bytes. */
function youngGenerationPeak(steady: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { steadyHeap } from ${JSON.stringify(heap)};
    if (${steady}) steadyHeap();
    const young = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
    const window = new Array(20000);
    let most = young();
    for (let i = 0; i < 2000000; i++) {
      window[i % 20000] = { i, text: 'letter ' + i };
      if (i % 10000 === 0) most = Math.max(most, young());
    }
    console.log(most);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 5 * 60_000 });
  expect(child.stderr).toBe('');
  return Number(child.stdout.trim());
}

describe('steadyHeap', () => {
  it('keeps the young generation small over a run that allocates as it goes (V8 alone grows it to 16 MB or more)', () => {
    expect(youngGenerationPeak(false)).toBeGreaterThanOrEqual(16 * 2 ** 20);
    expect(youngGenerationPeak(true)).toBeLessThanOrEqual(4 * 2 ** 20);
  });

  it('has a hot function optimized only after far more work (the compiler’s memory is for long runs), and puts the usual back', () => {
    // Compiled in the foreground (no concurrent compiles): a count of calls, not a race.
    const script = `
      import { steadyHeap } from ${JSON.stringify(heap)};
      const callsToOptimize = () => {
        // A new source each time: V8 would reuse what it learnt of the same one.
        const work = new Function('n', 'let s = 0; for (let i = 0; i < n; i++) s += (i * 7) % 13; return s; // ' + Math.random());
        let calls = 0;
        while ((%GetOptimizationStatus(work) & 16) === 0 && calls < 100000) { work(100); calls++; }
        return calls;
      };
      const usual = callsToOptimize();
      const undo = steadyHeap();
      const late = callsToOptimize();
      undo();
      console.log(JSON.stringify({ usual, late, after: callsToOptimize() }));`;
    const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 5 * 60_000,
    });
    expect(child.stderr).toBe('');
    const { usual, late, after } = JSON.parse(child.stdout);
    expect(late).toBeGreaterThan(10 * usual);
    expect(late).toBeLessThan(100000);
    expect(after).toBeLessThanOrEqual(2 * usual);
  });
});
