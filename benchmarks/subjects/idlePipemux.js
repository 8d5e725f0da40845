// Scenario 6: pipemux waiting for a child that sleeps: no polling, so the parent's CPU time stays ~0.
// Run twice: the first run pays the one-time costs of a first spawn, the second shows the steady state.
import { cpuSecondsSince } from './lib/cpuSeconds.js';
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';

async function sleepChild(seconds) {
  const cpuAtCall = process.cpuUsage();
  let cpuAtSpawn;
  let waitCpuS;
  let code;
  await drainTimeline(pipemux('sleep', [String(seconds)]), (event) => {
    if (event.type === 'spawn') cpuAtSpawn = process.cpuUsage();
    if (event.type !== 'exit') return;
    waitCpuS = cpuSecondsSince(cpuAtSpawn);
    code = event.code;
  });
  return { code, cpuS: cpuSecondsSince(cpuAtCall), waitCpuS };
}

await measureSubject(async ({ seconds }) => {
  const first = await sleepChild(seconds);
  const second = await sleepChild(seconds);
  return { code: Math.max(first.code, second.code), firstCpuS: first.cpuS, waitCpuS: first.waitCpuS, secondCpuS: second.cpuS };
});
