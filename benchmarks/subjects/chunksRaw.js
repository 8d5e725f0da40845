// Scenario 1 floor: child_process.spawn and a 'data' handler that counts bytes.
import { measureSubject } from './lib/measure.js';
import { spawnRaw } from './lib/rawChild.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(async ({ bytes }) => {
  let received = 0;
  const { child, closed } = spawnRaw(...zeroBytes(bytes));
  child.stdout.on('data', (chunk) => {
    received += chunk.length;
  });
  await closed;
  return { bytes: received };
});
