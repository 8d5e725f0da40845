import { rmSync } from 'node:fs';
import { onExit } from 'signal-exit';

/**
 * Removes `dir` if the parent process exits (or is ended by SIGINT, SIGTERM, …) while it
 * exists. Returns the function that unregisters the handler. The removal is synchronous
 * because an exit handler cannot wait.
 */
export function removeOnExit(dir: string): () => void {
  return onExit(() => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // The process is going away: there is no one left to tell.
    }
  });
}
