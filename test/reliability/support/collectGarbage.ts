import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8's gc() without starting node with --expose-gc: the flag set at run time, gc taken from a fresh context.
setFlagsFromString('--expose-gc');

/**
 * A full garbage collection. Memory sampled right after it counts what is held, not garbage V8 has
 * not collected yet (how much it lets pile up differs between Node versions: 24 more than 20).
 */
export const collectGarbage = runInNewContext('gc') as () => void;
