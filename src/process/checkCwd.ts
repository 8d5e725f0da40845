import { stat } from 'node:fs/promises';
import { InvalidCwdError } from '../errors.js';

/** Resolves when `cwd` is a directory; otherwise rejects with an InvalidCwdError naming it. */
export async function checkCwd(cwd: string, command: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(cwd)).isDirectory();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be accessed';
    throw new InvalidCwdError(`its working directory ${reason}`, { command, cwd, cause: error });
  }
  if (!isDirectory) {
    throw new InvalidCwdError('its working directory is not a directory', { command, cwd });
  }
}
