/** A process group on the host and the signal that should end it (a name without `SIG`). */
export interface DoomedGroup {
  pgid: number;
  signal: string;
}

/**
 * A shell command line for the host: each group gets its signal now; then, with `then: 'SIGKILL'`,
 * the groups still there after `waitMs` (looked at every 100 ms; it returns as soon as all are
 * gone) get SIGKILL. For when nothing else will tell pipemux that the command ended: the local ssh
 * is gone, or this process is exiting.
 */
export function escalationScript(doomed: readonly DoomedGroup[], waitMs: number, then: 'SIGKILL' | 'none'): string {
  const bySignal = new Map<string, number[]>();
  for (const { signal, pgid } of doomed) bySignal.set(signal, [...(bySignal.get(signal) ?? []), pgid]);
  const first = [...bySignal].map(([signal, pgids]) => `kill -s ${signal} -- ${pgids.map((pgid) => `-${pgid}`).join(' ')} 2>/dev/null`);
  if (then === 'none') return `${first.join('; ')}; exit 0`;
  const all = doomed.map((group) => group.pgid).join(' ');
  return [
    ...first,
    `i=0; while [ $i -lt ${Math.ceil(waitMs / 100)} ]; do a=; for p in ${all}; do kill -s 0 -- -$p 2>/dev/null && a=1; done; [ -n "$a" ] || exit 0; sleep 0.1; i=$((i+1)); done`,
    `kill -s KILL -- ${doomed.map((group) => `-${group.pgid}`).join(' ')} 2>/dev/null`,
    'exit 0',
  ].join('; ');
}
