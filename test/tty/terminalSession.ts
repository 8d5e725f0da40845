import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fixture } from '../helpers/fixtures.js';

/** Quotes one word for /bin/sh. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * `script -qec COMMAND /dev/null` (util-linux): runs COMMAND in a new session on a fresh pty, which
 * becomes its stdin, stdout, stderr and controlling terminal. Works with no terminal and no stdin
 * (CI): script's own stdin is /dev/null here.
 */
export function inTerminalSession(command: string[]): [string, string[]] {
  return ['script', ['-qec', command.map(shellQuote).join(' '), '/dev/null']];
}

/**
 * Environment for script (it runs the command with $SHELL -c), shaped like a user's terminal
 * whatever the test runs under: Node.js reports no colours when `CI` is set or `TERM` is missing,
 * and an inherited NO_COLOR or FORCE_COLOR would decide for it.
 */
export const SCRIPT_ENV: NodeJS.ProcessEnv = { ...process.env, SHELL: '/bin/sh', TERM: 'xterm-256color' };
for (const name of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS']) delete SCRIPT_ENV[name];

/** vite-node's command line (it comes with vitest), to run a TypeScript fixture as a real parent process. */
export function viteNode(script: string, ...args: string[]): string[] {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('vite-node/package.json');
  return [process.execPath, join(dirname(packageJson), 'vite-node.mjs'), fixture(script), ...args];
}

/** Runs `file args` to its end and returns its stdout (stdin /dev/null); rejects on a failed spawn. */
export async function runToEnd(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ stdout: string; code: number | null }> {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { stdout, code };
}
