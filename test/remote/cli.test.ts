import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parseHostsArgs } from '../../src/cli/remote/parseHostsArgs.js';
import { TmuxTerminal, hasProgram } from '../helpers/terminal.js';
import { useTempDir } from '../helpers/tempDir.js';
import { goneOnHost, mastersGone, skipReason, useSshd } from './support/remoteSupport.js';

// The built CLI (npm test builds first): the tests run it as a user would.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const node = process.execPath;
const ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3'];
const haveTmux = await hasProgram('tmux');

describe('pipemux --hosts: arguments', () => {
  it('names each command after its host, passes --many options on, and takes the ssh options', () => {
    const parsed = parseHostsArgs(['--hosts', 'a,deploy@b:2222', '-i', '/k', '-o', 'ConnectTimeout=5', '-k', '-m', '1', '--', 'uptime']);
    if (parsed.kind !== 'run') throw new Error(parsed.kind);
    expect(parsed.settings).toMatchObject({
      names: ['a', 'deploy@b:2222'],
      commands: ['uptime', 'uptime'],
      killOthersOn: ['success', 'failure'],
      maxProcesses: 1,
      remotes: [
        { host: 'a', identity: '/k', sshOptions: { ConnectTimeout: '5' } },
        { host: 'b', user: 'deploy', port: 2222, identity: '/k', sshOptions: { ConnectTimeout: '5' } },
      ],
    });
  });

  it('reads a hosts file (comments and blank lines skipped) after the --hosts hosts', () => {
    const parsed = parseHostsArgs(['--hosts', 'a', '--hosts-file', 'hosts.txt', 'true']);
    if (parsed.kind !== 'read-hosts-file') throw new Error(parsed.kind);
    expect(parsed.path).toBe('hosts.txt');
    const finished = parsed.finish('# web\nb\n\n  c  # the db\n');
    expect(finished.kind === 'run' && finished.settings.names).toEqual(['a', 'b', 'c']);
  });

  it.each<[string, string[], RegExp]>([
    ['no command', ['--hosts', 'a'], /needs a command line/],
    ['two words', ['--hosts', 'a', 'echo', 'hi'], /quote it \('echo hi'\)/],
    ['no host', ['--hosts', '', 'true'], /at least one host/],
    ['a bad port', ['--hosts', 'a:http', 'true'], /port must be a number/],
    ['names of its own', ['--hosts', 'a', '-n', 'x', 'true'], /not for --hosts/],
    ['an ssh option without a value', ['--hosts', 'a', '-o', 'BatchMode', 'true'], /NAME=VALUE/],
    ['a host twice', ['--hosts', 'a,a', 'true'], /the host a is given twice/],
    ['a host ssh would read as an option', ['--hosts', 'a,-x,b', 'true'], /^invalid host "-x": host must be .*, not starting with "-"$/],
    ['a host with a user ssh would read as an option', ['--hosts', '-l@b', 'true'], /^invalid host "-l@b": user must be .*, not starting with "-"$/],
    ['a host with a bad port', ['--hosts', 'a,b:0', 'true'], /^invalid host "b:0": the port must be a number from 1 to 65535, got "0"$/],
    ['an ssh option pipemux sets', ['--hosts', 'a', '-o', 'ControlPath=/x', 'true'], /^invalid --ssh-option: ControlPath is set by pipemux$/],
    ['an empty identity', ['--hosts', 'a', '-i', '', 'true'], /^invalid --identity "": identity must be the path of a key file$/],
  ])('%s: a usage error', (_name, argv, message) => {
    const parsed = parseHostsArgs(argv);
    expect(parsed.kind).toBe('usage-error');
    expect(parsed.kind === 'usage-error' && parsed.message).toMatch(message);
  });

  it('a bad host: status 2 and a message naming it, not the internal command line', async () => {
    const result = await execa(node, [CLI, '--hosts', '127.0.0.1:22,-x,127.0.0.2:22', 'echo hi'], { reject: false, stdin: 'ignore' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'pipemux: invalid host "-x": host must be a non-empty string without spaces or control characters, not starting with "-"',
    );
    expect(result.stdout).toBe('');
  });
});

describe.skipIf(skipReason !== undefined)(`pipemux --hosts against sshd on loopback${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  const sshd = useSshd(ADDRESSES);
  const tempDir = useTempDir('pipemux-hosts-');
  const hostsOf = () => ADDRESSES.map((address) => `${address}:${sshd().port}`);
  const sshArgs = () => ['-i', sshd().userKey, ...Object.entries(sshd().sshOptions()).flatMap(([name, value]) => ['-o', `${name}=${value}`])];
  const hosts = (args: string[], hostList = hostsOf()) =>
    execa(node, [CLI, '--hosts', hostList.join(','), ...sshArgs(), '--no-color', ...args], { reject: false, stdin: 'ignore' });

  it('runs the line on every host: lines prefixed by host, a summary row per host, no master left', async () => {
    const result = await hosts(['echo "$SSH_CONNECTION" | cut -d" " -f3; echo warning >&2']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').sort()).toEqual(hostsOf().map((host) => `[${host}] ${host.split(':')[0]}`));
    const stderr = result.stderr.split('\n');
    for (const host of hostsOf()) {
      expect(stderr).toContain(`[${host}] warning`);
      expect(stderr.some((line) => new RegExp(`^\\d +${host.replaceAll('.', '\\.')} +success +code 0 `).test(line))).toBe(true);
    }
    expect(stderr).toContain('pipemux: succeeded');
    expect(await mastersGone(sshd().port)).toBe(true);
  });

  it('exits with the status of the host that failed; kill-others stops the others on their hosts', async () => {
    const pidFile = join(tempDir(), 'pids');
    const line = `case $SSH_CONNECTION in *" 127.0.0.2 "*) sleep 1; exit 3;; esac; echo $$ >> ${pidFile}; trap "" HUP; exec sleep 1000`;
    const result = await hosts(['--kill-others-on-fail', line]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`failed (127.0.0.2:${sshd().port}: code 3)`);
    const pids = (await readFile(pidFile, 'utf8')).trim().split('\n').map(Number);
    expect(pids).toHaveLength(2);
    // Deadline for effects on the hosts, which no event announces here.
    expect(await goneOnHost(sshd(), pids)).toBe(true);
  });

  it('a host it cannot reach: RemoteError in its summary row, the others run, status 125', async () => {
    const result = await hosts(['echo ran'], [...hostsOf().slice(0, 2), '127.0.0.4:1']);
    expect(result.exitCode).toBe(125);
    expect(result.stdout.split('\n').sort()).toEqual(
      hostsOf()
        .slice(0, 2)
        .map((host) => `[${host}] ran`),
    );
    expect(result.stderr).toMatch(/127\.0\.0\.4:1 +failure +RemoteError/);
    expect(result.stderr).toMatch(/Connection refused/);
  });

  it('--hosts-file', async () => {
    const file = join(tempDir(), 'hosts.txt');
    await writeFile(file, `# two of them\n${hostsOf()[0]}\n\n${hostsOf()[2]}   # the third\n`);
    const result = await execa(node, [CLI, '--hosts-file', file, ...sshArgs(), '--no-color', 'echo hi'], { reject: false, stdin: 'ignore' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').sort()).toEqual([`[${hostsOf()[0]}] hi`, `[${hostsOf()[2]}] hi`]);
  });

  it('a first signal while a host is still connecting: the status of the signal that stopped the others (143), not 125', async () => {
    // A "host" that takes the connection and never answers: ssh waits there for sshd's greeting.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    const connected = once(silent, 'connection');
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentHost = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const cli = hosts(['echo ready; exec sleep 1000'], [hostsOf()[0]!, silentHost]);
      let stdout = '';
      const ready = new Promise<void>((resolve) =>
        cli.stdout.on('data', (piece: Buffer) => {
          stdout += String(piece);
          if (stdout.includes('ready')) resolve();
        }),
      );
      await Promise.all([ready, connected]);
      cli.kill('SIGINT');
      const result = await cli;
      expect(result.stderr).toMatch(new RegExp(`${silentHost} +failure +CanceledError`));
      expect(result.stderr).toMatch(/failure +SIGTERM/);
      expect(result.exitCode).toBe(143);
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it.skipIf(!haveTmux)('Ctrl-C at the terminal stops the commands on every host (the local ssh clients do not get it)', async () => {
    const pidFile = join(tempDir(), 'ctrl-c-pids');
    const line = `echo $$ >> ${pidFile}; echo ready; trap "" HUP; exec sleep 1000`;
    const terminal = await TmuxTerminal.start([node, CLI, '--hosts', hostsOf().join(','), ...sshArgs(), '--no-color', line], { width: 160, height: 30 });
    try {
      await terminal.waitFor((screen) => (screen.match(/\] ready/g) ?? []).length === 3);
      const pids = (await readFile(pidFile, 'utf8')).trim().split('\n').map(Number);
      await terminal.press('C-c');
      expect(await terminal.exitStatus()).toBe(143);
      const screen = await terminal.screen();
      expect(screen.match(/killed +SIGTERM|failure +SIGTERM/g) ?? []).toHaveLength(3);
      // Deadline for effects on the hosts, which no event announces here.
      expect(await goneOnHost(sshd(), pids, 10_000)).toBe(true);
      expect(await mastersGone(sshd().port)).toBe(true);
    } finally {
      await terminal.close();
    }
  });
});
