// Scenario 6: pipemux waiting for a child that sleeps: no polling, so the parent's CPU time stays ~0.
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';

await measureSubject(async ({ seconds }) => {
  let code;
  let cpuAtSpawn;
  let waitCpu;
  await drainTimeline(pipemux('sleep', [String(seconds)]), (event) => {
    if (event.type === 'spawn') cpuAtSpawn = process.cpuUsage();
    if (event.type !== 'exit') return;
    waitCpu = process.cpuUsage(cpuAtSpawn);
    code = event.code;
  });
  return { code, waitCpuS: (waitCpu.user + waitCpu.system) / 1e6 };
});
