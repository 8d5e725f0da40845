import type { RemoteOptions } from '../types.js';
import { literalSshPath } from './sshArgs.js';

/** The default of `maxSessions`: sshd's `MaxSessions` is 10, and pipemux keeps room for its kill requests. */
export const DEFAULT_MAX_SESSIONS = 8;

/** A checked `remote` option, with what ssh's command line needs. */
export interface RemoteTarget {
  host: string;
  user: string | undefined;
  port: number | undefined;
  /** `user@host:port`, as given: names the host in events, prefixes and errors. */
  label: string;
  /** The options that choose the connection (login, port, key, `-o` options), for every ssh command line. */
  connectArgs: readonly string[];
  maxSessions: number;
  /** Children whose targets have the same key share a connection. */
  key: string;
}

/** Normalizes a `remote` option that {@link checkRemoteOption} accepted. */
export function toRemoteTarget(options: RemoteOptions): RemoteTarget {
  const { host, user, port, identity, sshOptions = {} } = options;
  const connectArgs: string[] = [];
  if (user !== undefined) connectArgs.push('-l', user);
  if (port !== undefined) connectArgs.push('-p', String(port));
  // Only the given key: an agent's other keys would be offered first and may use up MaxAuthTries.
  if (identity !== undefined) connectArgs.push('-o', `IdentityFile=${identityFileValue(identity)}`, '-o', 'IdentitiesOnly=yes');
  for (const [name, value] of Object.entries(sshOptions))
    connectArgs.push('-o', `${name}=${typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)}`);
  return {
    host,
    user,
    port,
    label: `${user === undefined ? '' : `${user}@`}${host.includes(':') && port !== undefined ? `[${host}]` : host}${port === undefined ? '' : `:${port}`}`,
    connectArgs,
    maxSessions: options.maxSessions ?? DEFAULT_MAX_SESSIONS,
    key: JSON.stringify([host, connectArgs]),
  };
}

/**
 * The key file as the value of `-o IdentityFile=`: not `-i`, which checks that the file exists
 * before expanding `%` tokens, so a path with a `%` (doubled for the expansion) could not be given
 * there at all. Quoted for ssh's option parser (a path may hold spaces, quotes, `#`); a leading
 * `~/` is still the home directory, as with `-i`.
 */
function identityFileValue(path: string): string {
  return `"${literalSshPath(path).replace(/["\\]/g, '\\$&')}"`;
}
