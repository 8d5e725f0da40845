import { access, constants } from 'node:fs/promises';

let setsidPath: Promise<string | undefined> | undefined;

/**
 * util-linux's `setsid`, if this system has it. The local ssh runs under it in a session of its
 * own, so Ctrl-C at the terminal reaches pipemux (which stops the remote command) and not the
 * ssh client (which would only drop the connection and leave the command running).
 */
export function findSetsid(): Promise<string | undefined> {
  setsidPath ??= (async () => {
    for (const path of ['/usr/bin/setsid', '/bin/setsid']) {
      if (
        await access(path, constants.X_OK).then(
          () => true,
          () => false,
        )
      )
        return path;
    }
    return undefined;
  })();
  return setsidPath;
}

/** `[file, args]` that run `ssh args` in a session of its own where `setsid` exists (it execs ssh: same pid). */
export async function sshCommand(args: readonly string[]): Promise<[string, string[]]> {
  const setsid = await findSetsid();
  return setsid === undefined ? ['ssh', [...args]] : [setsid, ['ssh', ...args]];
}
