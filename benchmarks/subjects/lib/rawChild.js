import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * The raw floor: child_process.spawn with stdout and stderr piped (as pipemux pipes both).
 * Returns the child and a promise of its 'close' (exited and both pipes ended).
 */
export function spawnRaw(file, args, stdin = 'ignore') {
  const child = spawn(file, args, { stdio: [stdin, 'pipe', 'pipe'] });
  child.stderr.resume();
  return { child, closed: once(child, 'close') };
}
