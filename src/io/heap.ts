import { setFlagsFromString } from 'node:v8';

/**
 * From now on V8 keeps its young generation at the size it has, and collects the old one when
 * it has grown by a fifth rather than letting it double first. Over a long run that allocates
 * as it goes (a batch plans, writes and sends each letter and lets it go), V8 doubles the young
 * generation whenever enough has survived its collections since it last grew, up to 32 MB, and
 * lets the old one fill with what was promoted: a batch of 1,000 emails peaked at 1.5 times the
 * memory of one email, 10,000 at 1.8 times, for garbage. Collections of small spaces are quick.
 * A printing batch gets the same from a worker thread's resource limits (io/worker-run.ts);
 * sending stays on the main thread for its prompts, and a flag given to node would cost every
 * command. Both flags are read when V8 next sizes a space, so setting them while running takes
 * effect (measured on Node 20: the young generation stays at 4 MB).
 */
export function steadyHeap(): () => void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=20');
  setFlagsFromString(`--interrupt-budget=${LATE_BUDGET}`);
  // V8 stamps the code it caches with its flags: put back, the run's compiled code (written at
  // exit, io/code-cache.ts) is taken by the next run instead of refused and compiled afresh.
  return () => {
    setFlagsFromString('--semi-space-growth-factor=2');
    setFlagsFromString('--heap-growing-percent=0');
    setFlagsFromString(`--interrupt-budget=${V8_BUDGET}`);
  };
}

/**
 * A function is optimized (TurboFan) only after 32 times V8's usual work in it. Each optimizing
 * compile takes memory of its own, off the heap, and a core beside the run: a dry run of 1,000
 * emails peaked at 76 MB against 54 MB for one, 22 MB more of which 14 were the compiler's
 * (`--no-opt`: 62 MB). Optimized later, 1,000 emails peak at 67 MB and take 0.26 s instead of
 * 0.45 s (on 2 cores the compiles competed with the run); 10,000 are still optimized, about 15%
 * slower than at once. Node 20's default (V8 11.3) is put back: see the code cache above.
 */
const V8_BUDGET = 67584;
const LATE_BUDGET = 32 * V8_BUDGET;
