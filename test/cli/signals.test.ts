import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { isAlive } from '../helpers/processes.js';
import { hasProgram, TmuxTerminal } from '../helpers/terminal.js';

// The CLI under signals: one Ctrl-C reaches the child once; `kill -INT <pipemux>` still reaches
// it; a second signal kills a child that will not stop, and the FIFO goes with it.
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const node = process.execPath;
const counter = fixture('signal-counter.mjs');
const hasTmux = await hasProgram('tmux');
const hasSetsid = await hasProgram('setsid', '--version');

/** Resolves with the first line of `stream` that matches. */
function lineMatching(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((candidate) => pattern.test(candidate));
      if (line !== undefined) {
        stream.off('data', onData);
        resolve(line);
      }
    };
    stream.on('data', onData);
  });
}

describe('the CLI and signals', () => {
  it.skipIf(!hasTmux)('Ctrl-C at a terminal reaches the child once (the terminal signals the whole group)', async () => {
    const terminal = await TmuxTerminal.start([node, cli, node, counter]);
    try {
      await terminal.waitFor('ready');
      await terminal.press('C-c');
      await terminal.waitFor('INT 1');
      await terminal.type('report');
      await terminal.press('Enter');
      expect(await terminal.exitStatus()).toBe(0);
      expect(await terminal.screen()).toMatch(/^ready\n(\^C)?INT 1\nreport\ncount 1\n\[exit 0\]$/);
    } finally {
      await terminal.close();
    }
  });

  it('kill -INT <pipemux pid> from elsewhere is passed on to the child', async () => {
    const run = execa(node, [cli, node, counter], { reject: false, stdin: 'pipe' });
    await lineMatching(run.stdout, /^ready$/);
    run.kill('SIGINT');
    await lineMatching(run.stdout, /^INT 1$/);
    run.stdin.end('report\n');
    const result = await run;
    expect(result.stdout).toBe('ready\nINT 1\ncount 1');
    expect(result.exitCode).toBe(0);
  });

  it.skipIf(!hasSetsid)('SIGINT to the process group without a terminal (kill -INT -PGID): the child gets it once', async () => {
    // setsid: pipemux leads a group of its own, which the test can signal as a whole.
    const run = execa('setsid', ['--wait', node, cli, node, counter], { reject: false, stdin: 'pipe' });
    await lineMatching(run.stdout, /^ready$/);
    process.kill(-run.pid!, 'SIGINT');
    await lineMatching(run.stdout, /^INT 1$/);
    run.stdin.end('report\n');
    const result = await run;
    expect(result.stdout).toBe('ready\nINT 1\ncount 1');
  });

  it('a second signal SIGKILLs a child that ignores INT and TERM, removes the FIFO, and exits 128+n', async () => {
    const run = execa(node, [cli, '--fifo', 'sh', '-c', 'echo $$; exec "$0" "$@"', node, counter, 'ignore'], { reject: false, stdin: 'ignore' });
    const fifo = (await lineMatching(run.stderr, /^pipemux: fifo /)).slice('pipemux: fifo '.length);
    const childPid = Number(await lineMatching(run.stdout, /^\d+$/));
    await lineMatching(run.stdout, /^ready$/);
    run.kill('SIGINT');
    await lineMatching(run.stdout, /^INT 1$/);
    expect(isAlive(childPid)).toBe(true);
    run.kill('SIGINT');
    const result = await run;
    expect(result.exitCode).toBe(130);
    expect(isAlive(childPid)).toBe(false);
    expect(existsSync(fifo)).toBe(false);
  });

  it('--kill-tree: a second signal SIGKILLs the child and its descendants, which ignore INT and TERM', async () => {
    // A grandchild that ignores TERM (INT too: a background job), then the counter, which ignores TERM.
    const script = '(trap "" TERM; exec sleep 600) & echo $!; exec "$0" "$@"';
    const run = execa(node, [cli, '--kill-tree', 'sh', '-c', script, node, counter, 'ignore'], { reject: false, stdin: 'ignore' });
    const grandchild = Number(await lineMatching(run.stdout, /^\d+$/));
    await lineMatching(run.stdout, /^ready$/);
    run.kill('SIGINT');
    await lineMatching(run.stdout, /^INT 1$/);
    expect(isAlive(grandchild)).toBe(true);
    run.kill('SIGINT');
    const result = await run;
    expect(result.exitCode).toBe(130);
    expect(await holdsWithin(() => !isAlive(grandchild))).toBe(true);
  });
});

describe('--kill-tree and a signal sent to pipemux alone', () => {
  it('the whole tree gets it: a shell that dies of it without stopping its child (npm run dev) leaves nothing running, exit 143 at once', async () => {
    // The shell waits on a background child that holds stdout, as npm waits on its server.
    const run = execa(node, [cli, '--kill-tree', 'sh', '-c', 'sleep 600 & echo $!; wait'], { reject: false, stdin: 'ignore' });
    const grandchild = Number(await lineMatching(run.stdout, /^\d+$/));
    run.kill('SIGTERM');
    const result = await run;
    expect(result.exitCode).toBe(143);
    // Had the child kept the pipes, pipemux would have said so after drainTimeout.
    expect(result.stderr).toBe('');
    expect(await holdsWithin(() => !isAlive(grandchild))).toBe(true);
  });

  it('without --kill-tree the signal goes to the command alone: its child is left running, as documented', async () => {
    const run = execa(node, [cli, 'sh', '-c', 'sleep 600 >/dev/null 2>&1 & echo $!; wait'], { reject: false, stdin: 'ignore' });
    const grandchild = Number(await lineMatching(run.stdout, /^\d+$/));
    try {
      run.kill('SIGTERM');
      expect((await run).exitCode).toBe(143);
      expect(isAlive(grandchild)).toBe(true);
    } finally {
      process.kill(grandchild, 'SIGKILL');
    }
  });
});

describe('the CLI when its own output fails', () => {
  it.each([
    { name: 'stderr and stdout into `| head -1` (EPIPE on stderr)', redirect: '2>&1 | head -1', status: 141 },
    { name: 'stdout into `| head -1` (EPIPE on stdout)', redirect: '2>/dev/null | head -1', status: 141 },
    { name: 'stderr to /dev/full (ENOSPC)', redirect: '2>/dev/full | { head -1; cat >/dev/null; }', status: 125 },
  ])('$name: exit $status, no crash, the child stopped', async ({ redirect, status }) => {
    // The child prints its pid first, then floods both streams until it is stopped.
    const script = `"$1" "$2" sh -c 'echo $$; while :; do echo out; echo err >&2; done' ${redirect}; echo "status \${PIPESTATUS[0]}" >&2`;
    const result = await execa('bash', ['-c', script, 'bash', node, cli], { reject: false });
    expect(result.stderr).toBe(`status ${status}`);
    const childPid = Number(result.stdout);
    expect(childPid).toBeGreaterThan(1);
    expect(await holdsWithin(() => !isAlive(childPid))).toBe(true);
  });
});
