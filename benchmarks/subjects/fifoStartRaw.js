// Scenario 13 floor: `children` cats started at once, each with a FIFO made by hand as stdin:
// mkdtemp, `mkfifo` through execFile, both ends opened, spawn. How long does starting them stall the loop?
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { close, constants, open } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { watchLoopStall } from './lib/loopStall.js';
import { measureSubject } from './lib/measure.js';
import { fifoParentDir } from './lib/fifoParent.js';

const openFd = promisify(open);
const execFileAsync = promisify(execFile);

async function startCat(parent) {
  const dir = await mkdtemp(join(parent, 'raw-'));
  const path = join(dir, 'stdin');
  await execFileAsync('mkfifo', ['-m', '600', path]);
  const writerFd = await openFd(path, constants.O_RDWR | constants.O_NONBLOCK);
  const readerFd = await openFd(path, constants.O_RDONLY);
  const child = spawn('cat', [], { stdio: [readerFd, 'pipe', 'pipe'] });
  await once(child, 'spawn');
  close(readerFd, () => {});
  return { child, dir, writer: new Socket({ fd: writerFd, readable: false, writable: true }) };
}

/** Sends one line through the FIFO, ends it, and gives back what cat echoed. */
async function echoLine({ child, writer }, line) {
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (piece) => (text += piece));
  child.stderr.resume();
  writer.end(`${line}\n`);
  await once(child, 'close');
  return text;
}

await measureSubject(
  async ({ children }, parent) => {
    const stall = watchLoopStall();
    const cats = await Promise.all(Array.from({ length: children }, () => startCat(parent)));
    const start = stall.stop();
    const echoed = await Promise.all(cats.map((cat, index) => echoLine(cat, `child ${index}`)));
    await Promise.all(cats.map(({ dir }) => rm(dir, { recursive: true, force: true })));
    return { ...start, children, echoedRight: echoed.filter((text, index) => text === `child ${index}\n`).length, dirsLeft: (await readdir(parent)).length };
  },
  { setup: () => mkdir(fifoParentDir, { recursive: true }).then(() => fifoParentDir), teardown: () => rm(fifoParentDir, { recursive: true, force: true }) },
);
