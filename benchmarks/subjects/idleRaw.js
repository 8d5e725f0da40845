// Scenario 6 floor: a child that sleeps, with piped stdout and stderr; what does waiting cost the parent?
import { once } from 'node:events';
import { measureSubject } from './lib/measure.js';
import { spawnRaw } from './lib/rawChild.js';

await measureSubject(async ({ seconds }) => {
  const { child, closed } = spawnRaw('sleep', [String(seconds)]);
  child.stdout.resume();
  await once(child, 'spawn');
  const cpuAtSpawn = process.cpuUsage();
  const [code] = await once(child, 'exit');
  const waitCpu = process.cpuUsage(cpuAtSpawn);
  await closed;
  return { code, waitCpuS: (waitCpu.user + waitCpu.system) / 1e6 };
});
