// Scenario 1 OS limit: the bytes go through a shell pipe into cat and never reach node.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { measureSubject } from './lib/measure.js';

await measureSubject(async ({ bytes }) => {
  const child = spawn('sh', ['-c', `head -c ${bytes} /dev/zero | cat > /dev/null`], { stdio: 'ignore' });
  const [code] = await once(child, 'close');
  return { bytes: code === 0 ? bytes : 0 };
});
