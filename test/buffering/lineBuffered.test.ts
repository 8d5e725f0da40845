import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { filter, firstValueFrom, lastValueFrom, share, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createLineBuffering } from '../../src/buffering/lineBuffering.js';
import { CommandNotFoundError, pipemux, type OutputEvent, type SpawnEvent } from '../../src/index.js';
import { collect, collectSettled } from '../helpers/collect.js';
import { hasProgram } from '../helpers/terminal.js';
import { useTempDir } from '../helpers/tempDir.js';
import { viteNode } from '../tty/terminalSession.js';

// Block buffering: on a pipe, C stdio and Python hold output in 4 KiB blocks. The lines below are
// written 300 ms apart; arriving live means each comes in its own read, at its own time.
const FOUR_LINES_SLOWLY = 'for i in 1 2 3 4; do echo l$i; sleep 0.3; done | grep l';
const PYTHON_SLOWLY = 'import time\nfor i in range(3):\n    print(i)\n    time.sleep(0.3)';
const dir = useTempDir('pipemux-buffering-');
const hasStdbuf = await hasProgram('stdbuf', '--version');

const linesOf = (events: readonly unknown[]) => (events as OutputEvent<string>[]).filter((e) => e.type === 'stdout');
const spawnOf = (events: readonly unknown[]) => (events as SpawnEvent[]).find((e) => e.type === 'spawn')!;
/** Time between the first and the last line's arrival: ~0 when block-buffered (all in one read). */
const spread = (lines: readonly OutputEvent[]) => lines.at(-1)!.time - lines[0]!.time;

describe('lineBuffered', () => {
  it.skipIf(!hasStdbuf)('grep in a pipeline: without it the lines come all at once; with it, each as written', async () => {
    const held = linesOf(await collect(pipemux('sh', ['-c', FOUR_LINES_SLOWLY])));
    const live = await collect(pipemux('sh', ['-c', FOUR_LINES_SLOWLY], { lineBuffered: true }));
    expect(held.map((e) => e.data)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(spread(held)).toBe(0);
    expect(linesOf(live).map((e) => e.data)).toEqual(['l1', 'l2', 'l3', 'l4']);
    // The last line is written 900 ms after the first: live, they arrive at least 600 ms apart.
    expect(spread(linesOf(live))).toBeGreaterThan(600);
    expect(spawnOf(live).lineBuffering).toEqual({ applied: ['stdbuf', 'PYTHONUNBUFFERED'], notApplied: [] });
    expect(spawnOf(live).command).toBe(`sh -c '${FOUR_LINES_SLOWLY}'`);
  });

  it.skipIf(!hasStdbuf)('leaves stderr unbuffered: a C program’s prompt there (rm -i) still shows before the answer', async () => {
    const file = join(dir(), 'victim');
    await writeFile(file, '');
    const answers = new Subject<string>();
    const timeline = pipemux('rm', ['-i', file], { lineBuffered: true, flushPartialAfter: 50, stdin: answers }).pipe(share());
    const events = lastValueFrom(timeline.pipe(toArray()));
    const prompt = await firstValueFrom(timeline.pipe(filter((e) => e.type === 'stderr')));
    expect(prompt).toMatchObject({ data: `rm: remove regular empty file '${file}'? `, partial: true });
    answers.next('n\n');
    answers.complete();
    expect((await events).at(-1)).toMatchObject({ type: 'exit', code: 0 });
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('a Python child without PYTHONUNBUFFERED streams live', async () => {
    const env = { PYTHONUNBUFFERED: undefined };
    const held = linesOf(await collect(pipemux('python3', ['-c', PYTHON_SLOWLY], { env })));
    const live = linesOf(await collect(pipemux('python3', ['-c', PYTHON_SLOWLY], { env, lineBuffered: true })));
    expect(spread(held)).toBe(0);
    expect(live.map((e) => e.data)).toEqual(['0', '1', '2']);
    expect(spread(live)).toBeGreaterThan(300);
  });

  it('a missing command is still a CommandNotFoundError naming it (no wrapper process)', async () => {
    const { events, error } = await collectSettled(pipemux('pipemux-no-such-command', ['x'], { lineBuffered: true }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(CommandNotFoundError);
    expect((error as Error).message).toMatch(/^pipemux-no-such-command x: command not found \(cwd: /);
  });

  it('the exit status and pid are the command’s own', async () => {
    const events = await collect(pipemux('sh', ['-c', 'echo $$; exit 7'], { lineBuffered: true }));
    expect(linesOf(events).map((e) => e.data)).toEqual([String(spawnOf(events).pid)]);
    expect(events.at(-1)).toMatchObject({ type: 'exit', code: 7, signal: null });
  });

  it('without stdbuf on the system: it says so, and still helps Python', async () => {
    // A PATH with python3 and nothing else: no stdbuf, no gstdbuf.
    const bin = join(dir(), 'bin');
    await mkdir(bin);
    const { stdout: python } = await execa('python3', ['-c', 'import sys; print(sys.executable)']);
    await symlink(python, join(bin, 'python3'));
    const [node, ...args] = viteNode('line-buffered-parent.ts');
    const { stdout } = await execa(node!, args, { env: { PATH: bin }, extendEnv: false });
    const { report, lines } = JSON.parse(stdout) as { report: unknown; lines: { data: string; time: number }[] };
    expect(report).toEqual({
      applied: ['PYTHONUNBUFFERED'],
      notApplied: ['stdbuf was not found (it comes with GNU coreutils; Homebrew on macOS calls it gstdbuf)'],
    });
    expect(lines.map((line) => line.data)).toEqual(['0', '1', '2']);
    expect(lines[2]!.time - lines[0]!.time).toBeGreaterThan(300);
  });

  it('without stdbuf, pipemux --line-buffered says so on stderr', async () => {
    const bin = join(dir(), 'bin-cli');
    await mkdir(bin);
    const { stdout: python } = await execa('python3', ['-c', 'import sys; print(sys.executable)']);
    await symlink(python, join(bin, 'python3'));
    const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
    const result = await execa(process.execPath, [cli, '--line-buffered', 'python3', '-c', 'print(1)'], {
      env: { PATH: bin },
      extendEnv: false,
      stdin: 'ignore',
    });
    expect([result.stdout, result.stderr]).toEqual([
      '1',
      'pipemux: --line-buffered: stdbuf was not found (it comes with GNU coreutils; Homebrew on macOS calls it gstdbuf)',
    ]);
  });

  it.each([
    { name: 'no LD_PRELOAD of the user', base: {}, preload: '/lib/libstdbuf.so' },
    { name: 'the user’s LD_PRELOAD comes first, as stdbuf does it', base: { LD_PRELOAD: '/lib/libmine.so' }, preload: '/lib/libmine.so:/lib/libstdbuf.so' },
  ])('merges the preload: $name', async ({ base, preload }) => {
    const remedy = createLineBuffering(() => Promise.resolve({ found: true, variables: { LD_PRELOAD: '/lib/libstdbuf.so', _STDBUF_O: 'L', _STDBUF_E: 'L' } }));
    const { env, report } = await remedy(base);
    expect(env).toEqual({ PYTHONUNBUFFERED: '1', LD_PRELOAD: preload, _STDBUF_O: 'L', _STDBUF_E: 'L' });
    expect(report).toEqual({ applied: ['stdbuf', 'PYTHONUNBUFFERED'], notApplied: [] });
  });
});
