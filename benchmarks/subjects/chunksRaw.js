// Scenario 1 floor: child_process.spawn and a 'data' handler that counts bytes.
// With `sameModules`, the library is imported (not used) first, so that this process's heap looks like
// the pipemux subject's: how glibc recycles the 64 KiB read buffers depends on it (see RESULTS.md).
import { measureSubject } from './lib/measure.js';
import { spawnRaw } from './lib/rawChild.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(
  async ({ bytes }) => {
    let received = 0;
    const { child, closed } = spawnRaw(...zeroBytes(bytes));
    child.stdout.on('data', (chunk) => {
      received += chunk.length;
    });
    await closed;
    return { bytes: received };
  },
  { setup: async ({ sameModules }) => sameModules && (await import('./lib/pipemuxModule.js')) },
);
