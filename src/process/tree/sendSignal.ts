/** Sends `signal` to `pid`; a process that is gone (ESRCH) or not ours to signal (EPERM: a setuid program) is no error here. */
export function sendSignal(pid: number, signal: NodeJS.Signals | number): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Nothing else to do: the process ended in between, or cannot be signalled by us.
  }
}
