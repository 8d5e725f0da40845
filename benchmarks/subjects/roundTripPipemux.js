// Scenario 5: a line pushed through pipemux's stdin option (a Subject; pipe or FIFO) to cat, read back as a line event.
import { Subject } from 'rxjs';
import { drainTimeline } from './lib/drainTimeline.js';
import { Latencies } from './lib/latencies.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';

await measureSubject(async ({ count, warmUp, via }) => {
  const input = new Subject();
  const latencies = new Latencies(count, warmUp);
  let wrong = 0;
  const send = (line) => {
    latencies.start();
    input.next(`${line}\n`);
  };
  const stdin = via === 'fifo' ? { fifo: true, source: input } : input;
  await drainTimeline(pipemux('cat', [], { stdin }), (event) => {
    if (event.type === 'spawn') send(1);
    if (event.type !== 'stdout') return;
    const trips = latencies.stop();
    if (event.data !== String(trips)) wrong++;
    if (trips === count) input.complete();
    else send(trips + 1);
  });
  return { ...latencies.result(), wrong };
});
