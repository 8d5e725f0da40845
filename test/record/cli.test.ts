import { closeSync, constants, existsSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { readRecording } from './helpers.js';

// The built CLI (npm test builds first): the tests run it as a user would.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const node = process.execPath;
const dir = useTempDir('pipemux-record-cli-test-');

function runCli(args: string[]) {
  return execa(node, [CLI, ...args], { reject: false, stdin: 'ignore', stripFinalNewline: false });
}

describe('pipemux --record', () => {
  it('records the run (stdout, stderr apart, exit status) while passing the output on as usual', async () => {
    const cast = join(dir(), 'run.cast');
    const result = await runCli(['--record', cast, '--prefix-stderr', 'E: ', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect([result.exitCode, result.stdout, result.stderr]).toEqual([3, 'out\n', 'E: err\n']);
    const { header, events } = await readRecording(cast);
    expect(header).toMatchObject({ version: 3, term: { cols: 80, rows: 24 }, command: "sh -c 'echo out; echo err >&2; exit 3'" });
    // The recording has the child's own output: the prefix is the CLI's display, not the child's.
    expect(events.map(([, code, data]) => [code, data]).sort()).toEqual(
      [
        ['e', 'stderr'],
        ['o', 'err\r\n'],
        ['o', 'out\r\n'],
        ['x', '3'],
      ].sort(),
    );
  });

  it('writes v2 with --record-format v2', async () => {
    const cast = join(dir(), 'run-v2.cast');
    expect((await runCli(['--record', cast, '--record-format', 'v2', 'echo', 'hi'])).exitCode).toBe(0);
    expect((await readRecording(cast)).header).toMatchObject({ version: 2, width: 80, height: 24 });
  });

  it('exits 125 naming the file when the recording cannot be opened, without running the command', async () => {
    const cast = join(dir(), 'missing-dir', 'x.cast');
    const marker = join(dir(), 'ran');
    const result = await runCli(['--record', cast, 'touch', marker]);
    expect(result.exitCode).toBe(125);
    expect(result.stderr).toContain(cast);
    expect(existsSync(marker)).toBe(false);
  });

  it('explains a usage error of the recording flags', async () => {
    const result = await runCli(['--record-format', 'v2', 'echo']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--record-format goes with --record');
  });
});

describe('pipemux replay', () => {
  it.each([
    ['300', 44],
    ['99999999999999999999', 1],
  ])('exits with a hand-made recorded status %s taken as a shell would (%i), instead of crashing', async (status, expected) => {
    const cast = join(dir(), `status-${expected}.cast`);
    await writeFile(cast, `{"version":2,"width":80,"height":24}\n[0.1,"o","hi\\r\\n"]\n[0.2,"x","${status}"]\n`);
    const result = await runCli(['replay', cast, '--speed', 'Infinity']);
    expect([result.stdout, result.stderr, result.exitCode]).toEqual(['hi\n', '', expected]);
  });

  it('ends with 125 when its stderr cannot be written, and 141 when the reader of its stderr goes away', async () => {
    const cast = join(dir(), 'errors.cast');
    // A recording with 50,000 lines of stderr (ours goes to /dev/null meanwhile).
    expect((await execa(node, [CLI, '--record', cast, 'sh', '-c', 'seq 1 50000 >&2'], { reject: false, stdin: 'ignore', stderr: 'ignore' })).exitCode).toBe(0);
    const full = await execa('bash', ['-c', '"$1" "$2" replay "$3" --speed Infinity 2>/dev/full; echo "status $?"', 'bash', node, CLI, cast], {
      reject: false,
    });
    expect([full.stdout, full.stderr]).toEqual(['status 125', '']);
    const closed = await execa(
      'bash',
      ['-c', '"$1" "$2" replay "$3" --speed Infinity 2>&1 >/dev/null | head -n 1 >/dev/null; echo "status ${PIPESTATUS[0]}"', 'bash', node, CLI, cast],
      {
        reject: false,
      },
    );
    expect([closed.stdout, closed.stderr]).toEqual(['status 141', '']);
  });

  async function recorded(name: string, args: string[]): Promise<string> {
    const cast = join(dir(), name);
    await runCli(['--record', cast, ...args]);
    return cast;
  }

  it('plays stdout to stdout and stderr to stderr, and exits with the recorded status', async () => {
    const cast = await recorded('play.cast', ['sh', '-c', 'echo one; echo two >&2; printf three; exit 3']);
    const result = await runCli(['replay', cast]);
    expect([result.exitCode, result.stdout, result.stderr]).toEqual([3, 'one\nthree\n', 'two\n']);
  });

  it('exits 128+n for a recorded signal', async () => {
    const cast = await recorded('signal.cast', [node, fixture('exit-with.mjs'), 'SIGTERM']);
    expect((await runCli(['replay', cast, '--speed', 'Infinity'])).exitCode).toBe(143);
  });

  it('plays at the recorded pace, faster with --speed', async () => {
    const cast = join(dir(), 'paced.cast');
    await writeFile(cast, '{"version": 3, "term": {"cols": 80, "rows": 24}}\n[0.6, "o", "late\\r\\n"]\n[0.0, "x", "0"]\n');
    const started = performance.now();
    const paced = await runCli(['replay', cast]);
    const pacedMs = performance.now() - started;
    expect(paced.stdout).toBe('late\n');
    expect(pacedMs).toBeGreaterThanOrEqual(600);
    const fast = await runCli(['replay', '--speed=Infinity', cast]);
    expect(fast.stdout).toBe('late\n');
  });

  it('exits 0 for a recording without exit status (asciinema 2)', async () => {
    const cast = join(dir(), 'asciinema2.cast');
    await writeFile(cast, '{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "hello\\r\\n"]\n');
    const result = await runCli(['replay', cast]);
    expect([result.exitCode, result.stdout]).toEqual([0, 'hello\n']);
  });

  it('writes the HTML view with --html and exits 0', async () => {
    const cast = await recorded('html.cast', ['echo', 'for the page']);
    const html = join(dir(), 'view.html');
    const result = await runCli(['replay', cast, '--html', html]);
    expect(result.exitCode).toBe(0);
    expect(await readFile(html, 'utf8')).toContain('for the page');
  });

  it('exits 125 naming the file and line of a bad recording', async () => {
    const cast = join(dir(), 'bad.cast');
    await writeFile(cast, '{"version": 3, "term": {"cols": 80, "rows": 24}}\nnot json\n');
    for (const args of [
      ['replay', cast],
      ['replay', cast, '--html', join(dir(), 'bad.html')],
    ]) {
      const result = await runCli(args);
      expect(result.exitCode).toBe(125);
      expect(result.stderr).toContain(`${cast}:2: not JSON`);
    }
    expect(existsSync(join(dir(), 'bad.html'))).toBe(false);
  });

  it('stops with 141 when its reader goes away (| head -1)', async () => {
    const cast = join(dir(), 'long.cast');
    const lines = Array.from({ length: 200_000 }, (_, i) => `[0.0, "o", "line ${i}\\r\\n"]`);
    await writeFile(cast, ['{"version": 3, "term": {"cols": 80, "rows": 24}}', ...lines, '[0.0, "x", "0"]', ''].join('\n'));
    const result = await execa('bash', ['-c', '"$0" "$1" replay --speed Infinity "$2" | head -1; echo "${PIPESTATUS[0]}"', node, CLI, cast]);
    expect(result.stdout).toBe('line 0\n141');
  });

  it('stops at SIGINT with 130, without waiting for the rest of the recording', async () => {
    const cast = join(dir(), 'hour.cast');
    await writeFile(cast, '{"version": 3, "term": {"cols": 80, "rows": 24}}\n[0.0, "o", "now\\r\\n"]\n[3600, "o", "an hour later\\r\\n"]\n');
    const child = execa(node, [CLI, 'replay', cast], { reject: false });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGINT');
    const result = await child;
    expect([result.exitCode, result.stdout]).toEqual([130, 'now']);
  });

  it('explains a usage error with a pointer to its help', async () => {
    const result = await runCli(['replay', 'a.cast', '--speed', '0']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`pipemux: --speed takes a number > 0 (or Infinity), not "0"\nTry 'pipemux replay --help' for more information.\n`);
  });

  it('prints its help', async () => {
    const result = await runCli(['replay', '--help']);
    expect([result.exitCode, result.stdout.split('\n')[0]]).toEqual([0, 'Usage: pipemux replay FILE [--speed N] [--html OUT.html]']);
  });
});

describe('pipemux replay to a reader that stops reading (| less)', () => {
  it('holds the playback while its stdout is full: memory stays bounded, and every line comes once read', async () => {
    const cast = join(dir(), 'big.cast');
    expect((await execa(node, [CLI, '--record', cast, 'seq', '1', '1000000'], { stdin: 'ignore', stdout: 'ignore' })).exitCode).toBe(0);
    const run = execa(node, [CLI, 'replay', cast, '--speed', 'Infinity'], { stdin: 'ignore', buffer: false });
    run.stdout.pause();
    // Held: the replay stops using CPU once our pipe and its buffers are full.
    const cpuTicks = () =>
      readFile(`/proc/${run.pid}/stat`, 'utf8').then((stat) =>
        stat
          .split(') ')[1]!
          .split(' ')
          .slice(11, 13)
          .map(Number)
          .reduce((a, b) => a + b),
      );
    // Quiet: no CPU tick for 30 looks in a row (about 300 ms).
    let last = -1;
    let quietLooks = 0;
    expect(
      await holdsWithin(async () => {
        const now = await cpuTicks();
        quietLooks = now === last ? quietLooks + 1 : 0;
        last = now;
        return quietLooks >= 30;
      }, 20_000),
    ).toBe(true);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${run.pid}/status`, 'utf8'))![1]);
    // The recording itself is 10 MB: held, ~75 MB in all here; without the hold every line of it waited in memory (~175 MB).
    expect(rssKb / 1024).toBeLessThan(120);
    const hash = createHash('sha256');
    run.stdout.on('data', (chunk: Buffer) => hash.update(chunk));
    run.stdout.resume();
    expect((await run).exitCode).toBe(0);
    expect(hash.digest('hex')).toBe(
      createHash('sha256')
        .update((await execa('seq', ['1', '1000000'], { stripFinalNewline: false })).stdout)
        .digest('hex'),
    );
  });
});

describe('pipemux --record into a named pipe whose reader does not read', () => {
  it('waits for it after the command ended, and a second signal ends the wait: exit 128+n', async () => {
    const fifo = join(dir(), 'stalled.fifo');
    await execa('mkfifo', [fifo]);
    // The reader: opened first (without waiting for a writer), then never read.
    const readerFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const run = execa(node, [CLI, '--record', fifo, 'seq', '1', '300000'], { reject: false, stdin: 'ignore', buffer: false });
      // The command's last line is out: pipemux now waits for the recording's reader.
      await new Promise<void>((resolve) => {
        let tail = '';
        run.stdout.on('data', (chunk: Buffer) => {
          tail = (tail + String(chunk)).slice(-8);
          if (tail.endsWith('\n300000\n')) resolve();
        });
      });
      // Two different signals (two of one kind may merge into one): the first has nothing to show
      // here, and two sent back to back can reach pipemux's handlers in either order (any of its
      // threads takes a signal), so the status is 128 + whichever came second.
      run.kill('SIGINT');
      run.kill('SIGTERM');
      const result = await run;
      expect([130, 143]).toContain(result.exitCode);
    } finally {
      closeSync(readerFd);
    }
  });
});
