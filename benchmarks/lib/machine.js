import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Describes the machine the figures come from (they mean little without it). */
export function describeMachine() {
  const cpuModel = readCpuModel() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    node: process.version,
    cpu: cpuModel,
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
  };
}

function readCpuModel() {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** The 1-minute load average: above 0 before we start, someone else is using the machine. */
export const loadAverage = () => os.loadavg()[0];
