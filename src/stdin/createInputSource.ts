import type { InputSource } from '../process/ports.js';
import type { StdinOption } from '../types.js';
import type { RunContext } from './feedFailures.js';
import { FifoInput } from './fifoInput.js';
import { PipeInput } from './pipeInput.js';
import { classifySource, isFifoStdin } from './stdinSource.js';

/** The child shares the parent's stdin: nothing to prepare, feed or release. */
const inheritedInput: InputSource = {
  spawnStdin: 'inherit',
  prepare: async () => {},
  start: () => {},
  childExited: () => {},
  dispose: async () => {},
};

/**
 * Builds what feeds the child's stdin for one run from the checked `stdin` option;
 * `undefined` for `'ignore'` (the child gets EOF at once).
 */
export function createInputSource(stdin: StdinOption | undefined, context: RunContext): InputSource | undefined {
  if (stdin === undefined || stdin === 'ignore') return undefined;
  if (stdin === 'inherit') return inheritedInput;
  if (isFifoStdin(stdin)) return new FifoInput(stdin, context);
  return new PipeInput(classifySource(stdin)!, context);
}
