// Scenario 6 floor: a child that sleeps, with piped stdout and stderr; what does waiting cost the parent?
// Run twice: the first run pays the one-time costs of a first spawn, the second shows the steady state.
import { once } from 'node:events';
import { cpuSecondsSince } from './lib/cpuSeconds.js';
import { measureSubject } from './lib/measure.js';
import { spawnRaw } from './lib/rawChild.js';

async function sleepChild(seconds) {
  const cpuAtCall = process.cpuUsage();
  const { child, closed } = spawnRaw('sleep', [String(seconds)]);
  child.stdout.resume();
  await once(child, 'spawn');
  const cpuAtSpawn = process.cpuUsage();
  const [code] = await once(child, 'exit');
  const waitCpuS = cpuSecondsSince(cpuAtSpawn);
  await closed;
  return { code, cpuS: cpuSecondsSince(cpuAtCall), waitCpuS };
}

await measureSubject(async ({ seconds }) => {
  const first = await sleepChild(seconds);
  const second = await sleepChild(seconds);
  return { code: Math.max(first.code, second.code), firstCpuS: first.cpuS, waitCpuS: first.waitCpuS, secondCpuS: second.cpuS };
});
