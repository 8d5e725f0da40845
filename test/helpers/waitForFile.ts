import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/**
 * Resolves with a file's contents once it exists and is non-empty: waits on fs.watch events of its
 * directory (no polling), with a deadline so a broken test fails instead of hanging.
 */
export function waitForFile(path: string, deadlineMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dirname(path));
    const timer = setTimeout(() => finish(new Error(`${path} did not appear within ${deadlineMs} ms`)), deadlineMs);
    let done = false;
    const finish = (error: Error | undefined, contents?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve(contents!);
    };
    const check = () =>
      readFile(path, 'utf8').then(
        (contents) => contents !== '' && finish(undefined, contents),
        () => {},
      );
    watcher.on('change', (_event, name) => {
      if (name === null || String(name) === basename(path)) void check();
    });
    void check(); // it may exist already
  });
}
