import { spawn } from 'node:child_process';
import { lstat, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { FIFO_DIR_PREFIX } from './staleFifoDirs.js';

/** Makes a fresh directory under `parent` that only we can enter (mkdtemp creates it 0700). */
export function makePrivateDir(parent: string): Promise<string> {
  return mkdtemp(join(parent, FIFO_DIR_PREFIX));
}

interface FifoRequest {
  path: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

// Arguments of one mkfifo process at most: FIFO paths are short, this stays far below the system's limit.
const MAX_PATHS_PER_PROCESS = 256;
let waiting: FifoRequest[] | undefined;

/**
 * Makes a named pipe with mode 0600 through the system's `mkfifo` (Node has no mkfifo call).
 * The FIFOs asked for in the same turn of the event loop are made by one `mkfifo` process: 50
 * children started at once spawn one helper, not 50. Rejects with an error that carries
 * mkfifo's message for this path.
 */
export function makeFifo(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (waiting === undefined) {
      waiting = [];
      // After the I/O callbacks of this turn: the FIFOs of every run whose directory is ready now.
      setImmediate(makeWaitingFifos);
    }
    waiting.push({ path, resolve, reject });
  });
}

function makeWaitingFifos(): void {
  const requests = waiting ?? [];
  waiting = undefined;
  for (let start = 0; start < requests.length; start += MAX_PATHS_PER_PROCESS) runMkfifo(requests.slice(start, start + MAX_PATHS_PER_PROCESS));
}

/** One `mkfifo` for several paths. It makes every one it can: when it fails, each request looks at its own path. */
function runMkfifo(requests: FifoRequest[]): void {
  let settled = false;
  let stderr = '';
  const settle = (outcome: Error | number | null) => {
    if (settled) return;
    settled = true;
    if (outcome instanceof Error) for (const { reject } of requests) reject(outcome);
    else if (outcome === 0) for (const { resolve } of requests) resolve();
    else for (const request of requests) void settleByPath(request, stderr);
  };
  try {
    const child = spawn('mkfifo', ['-m', '600', '--', ...requests.map(({ path }) => path)], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    // Not started (no mkfifo on PATH): the same error for every path.
    child.once('error', settle);
    child.once('close', settle);
  } catch (error) {
    settle(error as Error);
  }
}

async function settleByPath({ path, resolve, reject }: FifoRequest, stderr: string): Promise<void> {
  const made = await lstat(path).then(
    (stats) => stats.isFIFO(),
    () => false,
  );
  if (made) return resolve();
  const message = stderr.split('\n').find((line) => line.includes(path)) ?? (stderr.trim() || 'mkfifo failed');
  reject(new Error(message));
}
