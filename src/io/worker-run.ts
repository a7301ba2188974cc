import { Worker } from 'node:worker_threads';

/**
 * Why a worker: V8 grows a process's young generation to 32 MB, and lets the old one fill with
 * garbage, over any long run that allocates as it goes. A batch of 10,000 letters took twice
 * the memory of one of 100, for nothing it kept. A worker thread's heap can be given limits
 * that cost no other command a start-up flag:
 *
 * - a young generation of 2 MB keeps a big evening's memory close to a small one's, at no cost
 *   in speed (scavenges of a small space are quick);
 * - an old generation of at most 1 GB. Not a ceiling a pack comes near (10,000 signers keep
 *   under 50 MB), but V8 sizes the room it leaves between full collections by it: allowed the
 *   machine's gigabytes, it let the heap grow to four times what it kept before collecting
 *   (10,000 signers: 180 MB at the peak against 105 MB for 100); allowed 1 GB, to about one
 *   and a half times (123 MB against 99 MB, at the same speed; `/usr/bin/time -v`).
 */
const LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 1024 };

/** What the worker is told at start: the command line and what the real streams are. */
export interface WorkerStart {
  argv: readonly string[];
  /** Whether each is a terminal, and how wide (text there is broken between words to it). */
  tty: { stdout: boolean; stderr: boolean; columns?: { stdout?: number; stderr?: number } };
  /** Set to 1 by this thread once it listens for signals for the worker (see worker.ts). */
  listeningAck: SharedArrayBuffer;
}

export type ToWorker = { interrupt: NodeJS.Signals };
export type FromWorker = { code: number } | { listening: boolean } | { unhandled: NodeJS.Signals };

/**
 * Runs `ua <argv>` in a worker thread (dist/worker.js) and resolves with its exit code. The
 * worker writes through this process's stdout and stderr. Signals are listened for here while
 * the worker has something to do on one (it says so), and passed on: its run stops as it would
 * have here. Otherwise they end the process as they would have (raised again, if one slipped
 * in between).
 */
export function runInWorker(
  argv: readonly string[],
  tty: WorkerStart['tty'],
  host: { onInterrupt: (handler: (signal?: NodeJS.Signals) => void) => () => void; raise: (signal: NodeJS.Signals) => void },
): Promise<number> {
  const ack = new Int32Array(new SharedArrayBuffer(4));
  const start: WorkerStart = { argv, tty, listeningAck: ack.buffer as SharedArrayBuffer };
  const worker = new Worker(new URL('../worker.cjs', import.meta.url), { workerData: start, resourceLimits: LIMITS });
  let stopListening: () => void = () => undefined;
  let code: number | undefined;
  return new Promise<number>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      if ('code' in message) code = message.code;
      else if ('unhandled' in message) host.raise(message.unhandled);
      else if (!message.listening) stopListening();
      else {
        stopListening = host.onInterrupt((signal) => worker.postMessage({ interrupt: signal ?? 'SIGINT' } satisfies ToWorker));
        Atomics.store(ack, 0, 1);
        Atomics.notify(ack, 0);
      }
    });
    worker.on('error', reject);
    // 'exit' comes once the worker's output has been handed over.
    worker.on('exit', (exitCode) => resolve(code ?? exitCode));
  }).finally(() => stopListening());
}
