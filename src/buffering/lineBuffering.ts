import type { LineBufferingRemedy } from '../process/ports.js';
import type { LineBufferingReport } from '../types.js';
import { probeStdbuf, type StdbufVariables } from './stdbufProbe.js';

// Preload lists: ours goes after the user's own libraries, as stdbuf itself does.
const PRELOAD_VARIABLES = new Set(['LD_PRELOAD', 'DYLD_INSERT_LIBRARIES']);

/**
 * `lineBuffered: true`: the environment that makes the child's output line-buffered. stdbuf's
 * variables (glibc stdio programs: grep, sed, find, awk, most C programs, and the children they
 * start) and `PYTHONUNBUFFERED=1`. Programs with their own buffering cannot be helped this way.
 */
export function createLineBuffering(probe: () => Promise<StdbufVariables> = probeStdbuf): LineBufferingRemedy {
  return async (baseEnv) => {
    const env: Record<string, string> = { PYTHONUNBUFFERED: '1' };
    const report: LineBufferingReport = { applied: [], notApplied: [] };
    const stdbuf = await probe();
    if (stdbuf.found) {
      for (const [name, value] of Object.entries(stdbuf.variables)) env[name] = mergeVariable(name, value, baseEnv[name]);
      report.applied.push('stdbuf');
    } else {
      report.notApplied.push(stdbuf.reason);
    }
    report.applied.push('PYTHONUNBUFFERED');
    return { env, report };
  };
}

/** The remedy with the real stdbuf probe (one probe per process). */
export const applyLineBuffering = createLineBuffering();

function mergeVariable(name: string, ours: string, theirs: string | undefined): string {
  if (!PRELOAD_VARIABLES.has(name) || theirs === undefined || theirs === '') return ours;
  return `${theirs}:${ours}`;
}
