import { readdir } from 'node:fs/promises';

/** Number of fds this process has open (Linux: /proc/self/fd). */
export async function openFdCount(): Promise<number> {
  return (await readdir('/proc/self/fd')).length;
}

/** Whether a process with this pid exists (a zombie counts as gone once reaped). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
