import { InvalidOptionError } from '../../errors.js';
import { parseHost } from '../../many/remoteJobs.js';
import { checkIdentity, checkRemoteOption, checkSshOptions } from '../../remote/checkRemoteOption.js';
import type { RemoteOptions } from '../../types.js';
import { parseManyArgs, SWITCHES, VALUE_FLAGS, type ManyCliSettings } from '../many/parseManyArgs.js';
import { scanOptions } from '../scanOptions.js';

/** What the arguments of `pipemux --hosts` ask for: the hosts file still to read, or the settings. */
export type ParsedHostsArgs =
  | { kind: 'run'; settings: ManyCliSettings }
  | { kind: 'read-hosts-file'; path: string; finish: (fileText: string) => ParsedHostsArgs }
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string };

// This mode's own flags; the others are --many's and mean the same.
const OWN_VALUE_FLAGS: Record<string, string> = {
  '--hosts': 'hosts',
  '--hosts-file': 'hosts-file',
  '-i': 'identity',
  '--identity': 'identity',
  '-o': 'ssh-option',
  '--ssh-option': 'ssh-option',
};
const NOT_HERE = new Set(['-n', '--names', '--handle-input', '--default-input-target']);

/**
 * Reads `pipemux --hosts a,b,c [options] [--] <command line>` (or `--hosts-file FILE`): one command
 * line, run by the shell of every host (its own quoting applies there, as with `ssh host 'line'`),
 * with --many's rules, prefixes and summary, each command named after its host. Pure: a hosts
 * file is asked for (`read-hosts-file`), not read.
 */
export function parseHostsArgs(argv: readonly string[]): ParsedHostsArgs {
  // `pipemux --hosts --help`: what the usage errors suggest.
  if (argv[1] === '-h' || argv[1] === '--help') return { kind: 'help' };
  const hosts: string[] = [];
  const sshOptions: Record<string, string> = {};
  const manyArgs: string[] = [];
  let identity: string | undefined;
  let hostsFile: string | undefined;
  const scan = scanOptions(argv, {
    takesValue: (flag) => (OWN_VALUE_FLAGS[flag] !== undefined || VALUE_FLAGS[flag] !== undefined ? true : SWITCHES[flag] !== undefined ? false : undefined),
    unknown: (flag) => `unknown option for --hosts: ${flag}`,
  });
  if (scan.kind === 'help') return { kind: 'help' };
  if (scan.kind !== 'options') return usageError(scan.kind === 'usage-error' ? scan.message : `unknown option for --hosts: ${scan.flag}`);
  for (const { flag, value } of scan.options) {
    const own = OWN_VALUE_FLAGS[flag];
    if (own === undefined) {
      if (NOT_HERE.has(flag)) return usageError(`${flag} is not for --hosts: the commands are named after their hosts and read no input`);
      manyArgs.push(flag, ...(value === undefined ? [] : [value]));
      continue;
    }
    if (own === 'hosts') hosts.push(...value!.split(',').filter((host) => host !== ''));
    else if (own === 'hosts-file') hostsFile = value;
    else if (own === 'identity') identity = value;
    else {
      const [name, ...rest] = value!.split('=');
      if (rest.length === 0) return usageError(`${flag} takes NAME=VALUE, not ${JSON.stringify(value)}`);
      sshOptions[name!] = rest.join('=');
    }
  }
  const commands = scan.rest;
  if (commands.length !== 1)
    return usageError(
      commands.length === 0 ? '--hosts needs a command line' : `--hosts runs one command line on every host: quote it ('${commands.join(' ')}')`,
    );
  const finish = (fileHosts: string[]): ParsedHostsArgs => toSettings([...hosts, ...fileHosts], commands[0]!, manyArgs, { identity, sshOptions });
  if (hostsFile !== undefined) return { kind: 'read-hosts-file', path: hostsFile, finish: (text) => finish(hostsOfFile(text)) };
  return finish([]);
}

/** A hosts file: one host a line; blank lines and `#` comments are skipped. */
export function hostsOfFile(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

function toSettings(
  hosts: string[],
  commandLine: string,
  manyArgs: string[],
  shared: { identity: string | undefined; sshOptions: Record<string, string> },
): ParsedHostsArgs {
  if (hosts.length === 0) return usageError('--hosts needs at least one host');
  const twice = hosts.find((host, i) => hosts.indexOf(host) !== i);
  if (twice !== undefined) return usageError(`the host ${twice} is given twice`);
  // Checked here, where each can be named as written, not later as a job's `remote` option.
  if (shared.identity !== undefined) {
    const problem = checkIdentity(shared.identity);
    if (problem !== undefined) return usageError(`invalid --identity ${JSON.stringify(shared.identity)}: ${problem}`);
  }
  const optionProblem = checkSshOptions(shared.sshOptions);
  if (optionProblem !== undefined) return usageError(`invalid --ssh-option: ${optionProblem}`);
  const remotes: RemoteOptions[] = [];
  for (const host of hosts) {
    let remote: RemoteOptions;
    try {
      remote = parseHost(host);
    } catch (error) {
      if (error instanceof InvalidOptionError) return usageError(`invalid host ${JSON.stringify(host)}: ${error.reason.replace(/^invalid remote: /, '')}`);
      throw error;
    }
    const problem = checkRemoteOption(remote);
    if (problem !== undefined) return usageError(`invalid host ${JSON.stringify(host)}: ${problem}`);
    remotes.push({
      ...remote,
      ...(shared.identity === undefined ? {} : { identity: shared.identity }),
      ...(Object.keys(shared.sshOptions).length === 0 ? {} : { sshOptions: shared.sshOptions }),
    });
  }
  // The names are the hosts as written; --many checks the rest (and that no host is named twice).
  const parsed = parseManyArgs(['--names', hosts.join(','), ...manyArgs, '--', ...hosts.map(() => commandLine)]);
  if (parsed.kind !== 'run') return parsed.kind === 'help' ? { kind: 'help' } : parsed;
  return { kind: 'run', settings: { ...parsed.settings, remotes } };
}

function usageError(message: string): ParsedHostsArgs {
  return { kind: 'usage-error', message };
}
