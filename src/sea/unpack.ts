// Node's modules taken as they are (see io/paths.ts): the single executable's start is ua's too.
const { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { dirname, join } = process.getBuiltinModule('node:path');

import { isRunning } from '../io/pids.js';

/** What a single executable carries: ua's files, under one id that changes with any of them. */
export interface Payload {
  /** A hash of every file's path and content. */
  id: string;
  /** Each file's path, relative to the package's root with "/", and its bytes (asked for only to unpack). */
  files: () => Iterable<readonly [string, Uint8Array]>;
}

/**
 * The folder holding the payload's files, `<cache>/<id>`, unpacked there by the first run.
 * A folder of that name is always whole: the files are written into a sibling of their own
 * (`<id>.partial-<pid>-…`) and it is renamed into place only when all are there. Two runs
 * unpacking at once each write their own; the second rename finds the folder in place and uses
 * it. A run killed half-way leaves its partial folder, which is never used, and the next run
 * that unpacks removes it.
 */
export function unpacked(cache: string, payload: Payload): string {
  const folder = join(cache, payload.id);
  if (existsSync(folder)) return folder;
  // 1. A place of our own, beside the folder's, after clearing what killed runs left.
  mkdirSync(cache, { recursive: true });
  removeAbandoned(cache);
  const partial = mkdtempSync(join(cache, `${payload.id}.partial-${process.pid}-`));
  try {
    // 2. Every file.
    const made = new Set<string>();
    for (const [file, bytes] of payload.files()) {
      const target = join(partial, file);
      const parent = dirname(target);
      if (!made.has(parent)) mkdirSync(parent, { recursive: true });
      made.add(parent);
      writeFileSync(target, bytes);
    }
    // 3. All there: into place in one step.
    renameSync(partial, folder);
    return folder;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // Another run put the same files in place first (the rename found the folder there).
    if (existsSync(folder)) return folder;
    throw error;
  }
}

/** Partial folders whose run has ended (killed, or the machine stopped) without finishing. */
function removeAbandoned(cache: string): void {
  for (const name of readdirSync(cache)) {
    const pid = /\.partial-(\d+)-/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(cache, name), { recursive: true, force: true });
  }
}
