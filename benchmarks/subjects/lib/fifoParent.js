import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCRATCH_PREFIX } from './scratch.js';

/** The directory that holds this subject's FIFO dirs: its own, so no other process's dirs are in it. */
export const fifoParentDir = join(tmpdir(), `${SCRATCH_PREFIX}fifos`);
