// Scenario 1 peer: rxjs-shell's spawn() Observable of { type, chunk } (it also keeps every chunk for its error report).
import rxjsShell from 'rxjs-shell';
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(async ({ bytes }) => {
  let received = 0;
  const [file, args] = zeroBytes(bytes);
  await drainTimeline(rxjsShell.spawn(file, args), (output) => {
    if (output.type === 'stdout') received += output.chunk.length;
  });
  return { bytes: received };
});
