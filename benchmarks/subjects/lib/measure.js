import { writeSync } from 'node:fs';

/** The orchestrator reads a subject's result from this fd, so the subject's stdout stays free. */
const RESULT_FD = 3;

/**
 * Runs one measured subject: parses its JSON parameters from argv, times `run(params, prepared)`
 * and reports the wall time, the CPU time of this process and its peak RSS, plus the fields
 * `run` returns (counts for the checks). `setup(params)` runs before the clocks start (its result
 * is `prepared`), `teardown(params, prepared)` after they stop.
 */
export async function measureSubject(run, { setup, teardown } = {}) {
  const params = JSON.parse(process.argv[2] ?? '{}');
  const prepared = await setup?.(params);
  const cpuBefore = process.cpuUsage();
  const faultsBefore = process.resourceUsage().minorPageFault;
  const start = performance.now();
  let wallMs;
  let cpu;
  let minorFaults;
  let extra;
  try {
    extra = (await run(params, prepared)) ?? {};
  } finally {
    wallMs = performance.now() - start;
    cpu = process.cpuUsage(cpuBefore);
    minorFaults = process.resourceUsage().minorPageFault - faultsBefore;
    await teardown?.(params, prepared);
  }
  const result = {
    wallMs,
    cpuS: (cpu.user + cpu.system) / 1e6,
    // The kernel's part: copies into files and pipes, page faults, forks.
    systemCpuS: cpu.system / 1e6,
    // maxRSS (KiB) is the peak of this whole process: the reason each subject runs in a fresh one.
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    // Pages the kernel had to map in: memory handed back and taken again shows up here.
    minorFaults,
    ...extra,
  };
  writeSync(RESULT_FD, JSON.stringify(result));
}
