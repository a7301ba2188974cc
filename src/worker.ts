// `ua` inside a worker thread (see io/worker-run.ts): the same command line, the same error
// boundary, through the parent's streams. Signals reach only the main thread: it passes them on.
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerStart } from './io/worker-run.js';
import { main, processWorld } from './main.js';

const start = workerData as WorkerStart;
const port = parentPort as NonNullable<typeof parentPort>;
// Colours and the progress bar ask whether the real stream is a terminal, not the pipe to it,
// and how wide it is.
Object.defineProperty(process.stdout, 'isTTY', { value: start.tty.stdout });
Object.defineProperty(process.stderr, 'isTTY', { value: start.tty.stderr });
Object.defineProperty(process.stdout, 'columns', { value: start.tty.columns?.stdout });
Object.defineProperty(process.stderr, 'columns', { value: start.tty.columns?.stderr });

// The main thread listens for signals only while something here does (a staging folder to
// remove): otherwise a signal ends the process at once, even with this thread blocked on a pipe.
const handlers = new Set<() => void>();
// Starting to listen waits until the main thread does: the staging folder made right after is
// never there without a signal reaching the code that removes it.
const ack = new Int32Array(start.listeningAck);
const listening = (now: boolean) => {
  Atomics.store(ack, 0, 0);
  port.postMessage({ listening: now } satisfies FromWorker);
  if (now) Atomics.wait(ack, 0, 0, 2000);
};
port.on('message', (message: ToWorker) => {
  if (handlers.size === 0) return port.postMessage({ unhandled: message.interrupt } satisfies FromWorker);
  const now = [...handlers];
  handlers.clear();
  listening(false);
  for (const handler of now) handler();
});
// Listening for the parent's messages keeps the thread alive: once ua is done, no longer.
port.unref();

const world = processWorld({
  onInterrupt: (handler) => {
    if (handlers.size === 0) listening(true);
    handlers.add(handler);
    return () => {
      if (handlers.delete(handler) && handlers.size === 0) listening(false);
    };
  },
});
main(start.argv, world).then((code) => port.postMessage({ code } satisfies FromWorker));
