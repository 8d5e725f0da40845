// Scenario 5 floor: write a line into cat's stdin (a pipe, or a FIFO made by hand), wait for it on stdout, repeat.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import split2 from 'split2';
import { Latencies } from './lib/latencies.js';
import { measureSubject } from './lib/measure.js';
import { openRawFifo } from './lib/rawFifo.js';

await measureSubject(
  async ({ count, warmUp, via }, fifo) => {
    const child = spawn('cat', [], { stdio: [via === 'fifo' ? fifo.readerFd : 'pipe', 'pipe', 'pipe'] });
    await once(child, 'spawn');
    fifo?.closeReader();
    const writer = via === 'fifo' ? fifo.writer : child.stdin;
    const latencies = new Latencies(count, warmUp);
    let wrong = 0;
    child.stdout.pipe(split2()).on('data', (line) => {
      const trips = latencies.stop();
      if (line !== String(trips)) wrong++;
      if (trips === count) return writer.end();
      latencies.start();
      writer.write(`${trips + 1}\n`);
    });
    latencies.start();
    writer.write('1\n');
    await once(child, 'close');
    return { ...latencies.result(), wrong };
  },
  {
    setup: ({ via }) => (via === 'fifo' ? openRawFifo() : undefined),
    teardown: async (_params, fifo) => fifo?.remove(),
  },
);
