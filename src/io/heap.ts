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
  // V8 stamps the code it caches with its flags: put back, the run's compiled code (written at
  // exit, io/code-cache.ts) is taken by the next run instead of refused and compiled afresh.
  return () => {
    setFlagsFromString('--semi-space-growth-factor=2');
    setFlagsFromString('--heap-growing-percent=0');
  };
}
