import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExit } from 'signal-exit';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/**
 * A fresh temp dir under the system's temp folder, made before the tests of this file
 * (`'file'`) or before each test (`'test'`), and removed after them. Call at a file's top level;
 * the returned function gives the current dir's path.
 */
export function useTempDir(prefix: string, scope: 'file' | 'test' = 'file'): () => string {
  let dir: string | undefined;
  let removeExitHook: (() => void) | undefined;
  const [before, after] = scope === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    const made = await mkdtemp(join(tmpdir(), prefix));
    dir = made;
    // A Ctrl-C on the test run skips the after hooks: the dir goes when the process does.
    removeExitHook = onExit(() => rmSync(made, { recursive: true, force: true }));
  });
  after(async () => {
    removeExitHook?.();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir === undefined) throw new Error('useTempDir: the dir exists only while tests run');
    return dir;
  };
}
