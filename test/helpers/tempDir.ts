import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/**
 * A fresh temp dir under the system's temp folder, made before the tests of this file
 * (`'file'`) or before each test (`'test'`), and removed after them. Call at a file's top level;
 * the returned function gives the current dir's path.
 */
export function useTempDir(prefix: string, scope: 'file' | 'test' = 'file'): () => string {
  let dir: string | undefined;
  const [before, after] = scope === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  after(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir === undefined) throw new Error('useTempDir: the dir exists only while tests run');
    return dir;
  };
}
