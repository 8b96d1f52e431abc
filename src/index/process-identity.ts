import { readFile } from 'node:fs/promises';

/**
 * When a process started, in clock ticks since boot (Linux /proc/<pid>/stat, field 22), or null
 * where /proc is not there. A PID is reused after its process exits; a PID with the same start
 * time is the same process.
 */
export async function processStartTime(pid: number): Promise<string | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

/** True when the process exists (even if owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
