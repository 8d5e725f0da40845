import { InvalidOptionError } from '../errors.js';
import type { LineJob, MuxJob } from './types.js';
import type { PipemuxOptions, RemoteOptions } from '../types.js';
import { toRemoteTarget } from '../remote/remoteTarget.js';

/**
 * Reads a host as people write it for ssh: `host`, `user@host`, `host:port`, `[v6 address]:port`
 * (a bare IPv6 address has no port).
 * @throws InvalidOptionError when the port is not a number from 1 to 65535.
 *
 * @example
 * ```ts
 * parseHost('deploy@db1:2222'); // { host: 'db1', user: 'deploy', port: 2222 }
 * ```
 */
export function parseHost(text: string): RemoteOptions {
  const at = text.lastIndexOf('@');
  const user = at === -1 ? undefined : text.slice(0, at);
  const rest = text.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  const [host, port] =
    bracketed !== null ? [bracketed[1]!, bracketed[2]] : rest.split(':').length === 2 ? (rest.split(':') as [string, string]) : [rest, undefined];
  const options: RemoteOptions = { host };
  if (user !== undefined) options.user = user;
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      throw new InvalidOptionError(`invalid remote: the port must be a number from 1 to 65535, got ${JSON.stringify(port)}`, {
        command: text,
        cwd: process.cwd(),
        option: 'remote',
      });
    }
    options.port = Number(port);
  }
  return options;
}

/** The options of {@link remoteJobs}: a command's pipemux options, with what every host shares in `remote`. */
export type RemoteJobOptions = Omit<PipemuxOptions, 'remote'> & { remote?: Omit<RemoteOptions, 'host'> };

/**
 * One {@link muxAll} job per host, each running the same command there, named after its host
 * (`user@host:port` as given): the fan-out of pdsh or GNU parallel's `--sshlogin`, with the
 * many-children rules (success, kill-others, `maxConcurrent`) and a summary per host. A host is a
 * string ({@link parseHost}) or a `remote` option; `options.remote` holds what they share.
 *
 * @example
 * ```ts
 * import { muxAll, prefix, remoteJobs } from 'pipemux';
 *
 * muxAll(remoteJobs(['web1', 'web2', 'deploy@db1'], 'uptime', [], { remote: { identity: '~/.ssh/ops' } }), { maxConcurrent: 10 })
 *   .pipe(prefix({ stdout: '[{name}] ', stderr: '[{name}] ' }))
 *   .subscribe((event) => event.type === 'stdout' && console.log(event.data));
 * ```
 */
export function remoteJobs(
  hosts: readonly (string | RemoteOptions)[],
  file: string,
  args?: readonly string[],
  options?: RemoteJobOptions & { mode?: 'lines' },
): LineJob[];
export function remoteJobs(hosts: readonly (string | RemoteOptions)[], file: string, args?: readonly string[], options?: RemoteJobOptions): MuxJob[];
export function remoteJobs(hosts: readonly (string | RemoteOptions)[], file: string, args: readonly string[] = [], options: RemoteJobOptions = {}): MuxJob[] {
  return hosts.map((host) => {
    const remote: RemoteOptions = { ...options.remote, ...(typeof host === 'string' ? parseHost(host) : host) };
    const label = typeof host === 'string' ? host : toRemoteTarget(remote).label;
    return { name: label, file, args, options: { ...options, remote } };
  });
}
