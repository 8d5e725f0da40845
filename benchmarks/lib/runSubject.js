import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SUBJECTS_DIR = fileURLToPath(new URL('../subjects/', import.meta.url));

/**
 * Runs one subject script in a fresh node process (so its peak RSS and CPU time are its own) and
 * returns the JSON it reports on fd 3. A subject still running after `timeoutMs` is killed and
 * reported as `{ timedOut: true }` (the quadratic baselines need this cap). `pid` is the subject
 * process's (its temporary files are named after it).
 */
export async function runSubject(script, params, { timeoutMs = 120_000, nodeFlags = [], interpreter = process.execPath } = {}) {
  // `interpreter`: a peer in another language (a python subject) reports on fd 3 the same way.
  const child = spawn(interpreter, [...nodeFlags, `${SUBJECTS_DIR}${script}`, JSON.stringify(params)], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const report = collectText(child.stdio[3]);
  const stderr = collectText(child.stderr);
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const [code, signal] = await once(child, 'close');
  clearTimeout(killer);
  const { pid } = child;
  if (timedOut) return { timedOut: true, timeoutMs, pid };
  const text = await report;
  if (code !== 0 || text === '') {
    return { failed: true, error: `${script} exited with ${signal ?? code}: ${(await stderr).trim().split('\n').slice(-3).join(' | ')}`, pid };
  }
  return { ...JSON.parse(text), pid };
}

async function collectText(stream) {
  let text = '';
  stream.setEncoding('utf8');
  for await (const piece of stream) text += piece;
  return text;
}
