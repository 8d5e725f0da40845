import type { RemoteTarget } from './remoteTarget.js';

/**
 * How long a shared connection outlives its last client if pipemux cannot close it (this process
 * was killed with SIGKILL): OpenSSH's `ControlPersist`. pipemux closes it itself as soon as the
 * last child on the host ended.
 */
export const CONTROL_PERSIST_SECONDS = 60;

// Set first: for `-o` options ssh takes the first value it is given, so these cannot be overridden.
const NEVER_ASK = ['-o', 'BatchMode=yes'];

/**
 * A path as ssh must be given it where it expands `%` tokens (`ControlPath`, `IdentityFile`, see
 * ssh_config(5) TOKENS): every `%` doubled, so that ssh reads the path itself. `${NAME}`, which ssh
 * expands there too, has no escape: {@link SSH_VARIABLE} must be kept out of such paths.
 */
export function literalSshPath(path: string): string {
  return path.replaceAll('%', '%%');
}

/** What ssh expands as an environment variable in `ControlPath` and `IdentityFile` (ssh_config(5) ENVIRONMENT VARIABLES), with no way to escape it. */
export const SSH_VARIABLE = '${';

/** The connection's master: `-f` returns once it is connected and authenticated (exit 0) or failed (255, ssh's message on stderr). */
export function masterArgs(target: RemoteTarget, controlPath: string): string[] {
  return [
    ...NEVER_ASK,
    '-o',
    'ControlMaster=yes',
    '-o',
    `ControlPersist=${CONTROL_PERSIST_SECONDS}`,
    '-S',
    literalSshPath(controlPath),
    '-N',
    '-f',
    '-T',
    ...target.connectArgs,
    '--',
    target.host,
  ];
}

/** A command over the connection, without a terminal; ssh's own messages go to `logPath`, never into the command's stderr. */
export function sessionArgs(target: RemoteTarget, controlPath: string, logPath: string, commandLine: string): string[] {
  return [
    ...NEVER_ASK,
    '-o',
    'ControlMaster=no',
    '-S',
    literalSshPath(controlPath),
    '-E',
    logPath,
    '-T',
    ...target.connectArgs,
    '--',
    target.host,
    commandLine,
  ];
}

/** Asks the master to close (`ssh -O exit`), or whether it runs (`check`: exit 0 if it does). */
export function controlArgs(target: RemoteTarget, controlPath: string, command: 'exit' | 'check'): string[] {
  return [...NEVER_ASK, '-S', literalSshPath(controlPath), '-O', command, ...target.connectArgs, '--', target.host];
}
