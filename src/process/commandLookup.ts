import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, resolve } from 'node:path';

// What Node searches when the child's environment has no PATH.
const DEFAULT_PATH = '/usr/bin:/bin';

/**
 * The file `file` names, as the system would find it: a name with a slash is relative to `cwd` (and
 * only has to exist); a bare name is looked up on `path` (an executable file). Undefined when there is none.
 */
export async function findExecutable(file: string, cwd: string, path: string | undefined): Promise<string | undefined> {
  if (file.includes('/')) return (await exists(file, cwd)) ? resolve(cwd, file) : undefined;
  for (const dir of (path ?? DEFAULT_PATH).split(delimiter)) {
    const candidate = resolve(cwd, dir === '' ? '.' : dir, file);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** The interpreter on a script's `#!` line (its first word, as written), or undefined for a file that is not a script. */
export async function readInterpreter(script: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(script, 'r');
    const head = Buffer.alloc(256);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = head.subarray(0, bytesRead).toString('latin1');
    if (!text.startsWith('#!')) return undefined;
    // The kernel splits at spaces and tabs and keeps a carriage return: so does this.
    return text.slice(2).split('\n')[0]!.trimStart().split(/[ \t]/)[0] || undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/** Whether `path` (relative to `cwd`) names something that exists. */
export async function exists(path: string, cwd: string): Promise<boolean> {
  return access(isAbsolute(path) ? path : resolve(cwd, path)).then(
    () => true,
    () => false,
  );
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
