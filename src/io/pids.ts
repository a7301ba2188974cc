// What the system says of a process, by its pid: whether it runs, and since when. The one home
// of the pid check, for the lock files (lock-file.ts) and for the single executable's start
// (src/sea/unpack.ts), which bundles it: so this module imports nothing, and takes Node's fs
// only when asked when a process started.

/**
 * Whether a process with this pid exists. Only a positive pid names one process (signal 0 to 0
 * or -1 would ask about a whole group, which always answers).
 */
export function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started (ms since the epoch), where the system says (Linux's /proc); else undefined. */
export function startedAt(pid: number): number | undefined {
  const { readFileSync } = process.getBuiltinModule('node:fs');
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name, which is in parentheses and may hold spaces.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // Linux reports in clock ticks of 1/100 s on every common platform.
    return Number.isFinite(ticks) && Number.isFinite(boot) ? boot * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
