import { chmod, lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { holdsWithin } from '../helpers/deadline.js';
import { useTempDir } from '../helpers/tempDir.js';
import { waitForFile } from '../helpers/waitForFile.js';

// --fifo-path-file: a file that tells scripts where the FIFO is. It must be private, gone when
// pipemux ends, and impossible for another user to redirect.
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const node = process.execPath;
const dir = useTempDir('pipemux-path-file-');

const canActAsNobody =
  process.getuid?.() === 0 &&
  (await execa('runuser', ['-u', 'nobody', '--', 'true']).then(
    () => true,
    () => false,
  ));

/** Runs `pipemux --fifo --fifo-path-file FILE head -n 1` and gives the run, the path file's stat and text while it runs. */
async function runWithPathFile(file: string) {
  const run = execa(node, [cli, '--fifo', '--fifo-path-file', file, 'head', '-n', '1'], { reject: false, stdin: 'ignore' });
  // Until pipemux puts its file in place, FILE may be what an attacker planted: wait for a regular file.
  await waitForFile(file);
  expect(await holdsWithin(async () => (await lstat(file)).isFile())).toBe(true);
  const text = await readFile(file, 'utf8');
  const stats = await lstat(file);
  // One line into the FIFO ends head, and with it the run.
  await writeFile(text.trim(), 'done\n');
  return { result: await run, stats, text };
}

describe('--fifo-path-file', () => {
  it('holds the FIFO path, mode 0600, and is removed when pipemux ends', async () => {
    const file = join(dir(), 'fifo.path');
    const { result, stats, text } = await runWithPathFile(file);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('done');
    expect(text).toMatch(/^\/.+\/pipemux-[^/]+\/stdin\n$/);
    expect(stats.isFile()).toBe(true);
    expect(stats.mode & 0o777).toBe(0o600);
    expect(await readdir(dir())).toEqual([]);
  });

  it('in a directory that does not exist: exit 125 before the command runs', async () => {
    const marker = join(dir(), 'ran');
    const result = await execa(node, [cli, '--fifo', '--fifo-path-file', join(dir(), 'missing', 'fifo.path'), 'touch', marker], {
      reject: false,
      stdin: 'ignore',
    });
    expect(result.exitCode).toBe(125);
    expect(result.stderr).toMatch(/^pipemux: cannot write the FIFO path file .+\/missing\/fifo\.path: ENOENT/);
    expect(await readdir(dir())).toEqual([]);
  });

  describe.skipIf(!canActAsNobody)('another user on the machine (runuser -u nobody; needs root)', () => {
    let shared: string | undefined;
    afterEach(async () => {
      if (shared !== undefined) await rm(shared, { recursive: true, force: true });
    });

    it('a symlink planted where the path file goes is replaced, never followed; nothing of root’s is overwritten', async () => {
      // A sticky, world-writable dir like /tmp, and a root-only file that the attacker aims at.
      shared = await mkdtemp(join(tmpdir(), 'pipemux-shared-'));
      await chmod(shared, 0o1777);
      const secret = join(dir(), 'secret');
      await writeFile(secret, 'root only\n', { mode: 0o600 });
      const file = join(shared, 'fzf.path');
      const plant = (name: string) => execa('runuser', ['-u', 'nobody', '--', 'ln', '-s', secret, join(shared!, name)]);
      await plant('fzf.path');
      // The old names were predictable: <file>.<pid>.tmp for the next pids.
      for (let pid = process.pid; pid < process.pid + 50; pid++) await plant(`fzf.path.${pid}.tmp`);
      const { result, stats } = await runWithPathFile(file);
      expect(result.exitCode).toBe(0);
      expect(stats.isFile()).toBe(true);
      expect(stats.uid).toBe(0);
      expect(stats.mode & 0o777).toBe(0o600);
      expect(await readFile(secret, 'utf8')).toBe('root only\n');
      // Ours is gone; only nobody's own plants are left.
      const left = await readdir(shared);
      expect(left.filter((name) => !/^fzf\.path\.\d+\.tmp$/.test(name))).toEqual([]);
    });
  });
});
