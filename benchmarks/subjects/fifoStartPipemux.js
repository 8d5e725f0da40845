// Scenario 13: `children` pipemux timelines with FIFO stdin subscribed at once. How long does starting
// them stall the loop (until every spawn event is out)?
import { mkdir, readdir, rm } from 'node:fs/promises';
import { Subject } from 'rxjs';
import { watchLoopStall } from './lib/loopStall.js';
import { measureSubject } from './lib/measure.js';
import { fifoParentDir } from './lib/fifoParent.js';
import { pipemux } from './lib/pipemuxModule.js';

function startCat(dir) {
  const input = new Subject();
  let spawned;
  let text = '';
  const spawnedOnce = new Promise((resolve) => (spawned = resolve));
  const ended = new Promise((resolve, reject) => {
    pipemux('cat', [], { stdin: { fifo: true, source: input, dir } }).subscribe({
      next: (event) => {
        if (event.type === 'spawn') spawned();
        if (event.type === 'stdout') text += `${event.data}\n`;
      },
      error: reject,
      complete: () => resolve(text),
    });
  });
  return { input, spawnedOnce, ended };
}

await measureSubject(
  async ({ children }, parent) => {
    const stall = watchLoopStall();
    const cats = Array.from({ length: children }, () => startCat(parent));
    await Promise.all(cats.map((cat) => cat.spawnedOnce));
    const start = stall.stop();
    cats.forEach(({ input }, index) => {
      input.next(`child ${index}\n`);
      input.complete();
    });
    const echoed = await Promise.all(cats.map((cat) => cat.ended));
    return { ...start, children, echoedRight: echoed.filter((text, index) => text === `child ${index}\n`).length, dirsLeft: (await readdir(parent)).length };
  },
  { setup: () => mkdir(fifoParentDir, { recursive: true }).then(() => fifoParentDir), teardown: () => rm(fifoParentDir, { recursive: true, force: true }) },
);
