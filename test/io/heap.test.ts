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
});
