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

/** Environment for script: it runs the command with $SHELL -c. */
export const SCRIPT_ENV = { ...process.env, SHELL: '/bin/sh' };

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
