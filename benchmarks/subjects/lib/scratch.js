/** Every temporary file or directory of this subject starts with this: the runner removes what a failed subject left. */
export const SCRATCH_PREFIX = `pipemux-bench-${process.pid}-`;
