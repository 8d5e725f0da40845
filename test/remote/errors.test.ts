import { chmod, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CommandNotExecutableError,
  CommandNotFoundError,
  InvalidCwdError,
  InvalidOptionError,
  pipemux,
  RemoteError,
  type PipemuxOptions,
} from '../../src/index.js';
import { allConnections } from '../../src/remote/connectionPool.js';
import { collectSettled, dataOf } from '../helpers/collect.js';
import { useTempDir } from '../helpers/tempDir.js';
import { TimelineProbe } from '../stdin/timelineProbe.js';
import { goneOnHost, skipReason, sshMasterOf, useSshd } from './support/remoteSupport.js';

/** A port on 127.0.0.1 that nothing listens on (taken, then let go). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(skipReason !== undefined)(`remote errors${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  const sshd = useSshd();
  const tempDir = useTempDir('pipemux-remote-errors-');

  it.each([
    ['a key the host refuses', () => sshd().remote(undefined, { identity: sshd().otherKey }), /Permission denied/],
    [
      'an unknown host key (BatchMode never asks)',
      () => sshd().remote(undefined, { sshOptions: { UserKnownHostsFile: '/dev/null' } }),
      /Host key verification failed/,
    ],
  ])('%s: a RemoteError naming the host and saying what ssh said; nothing runs', async (_name, remote, said) => {
    const { events, error } = await collectSettled(pipemux('touch', [join(tempDir(), 'ran')], { remote: remote() }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      host: `127.0.0.1:${sshd().port}`,
      exitCode: 255,
      sshMessage: expect.stringMatching(said) as string,
      command: `touch ${join(tempDir(), 'ran')}`,
    });
    expect((error as Error).message).toMatch(said);
    expect((error as Error).message).toContain(`127.0.0.1:${sshd().port}`);
  });

  it('a closed port: a RemoteError saying the connection was refused', async () => {
    const port = await closedPort();
    const { error } = await collectSettled(pipemux('true', [], { remote: { ...sshd().remote(), port } }));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ host: `127.0.0.1:${port}`, sshMessage: expect.stringMatching(/Connection refused/) as string });
  });

  it('a command that exits 255 itself is not a RemoteError', async () => {
    const { events, error } = await collectSettled(pipemux('sh', ['-c', 'echo bye >&2; exit 255'], { remote: sshd().remote() }));
    expect(error).toBeUndefined();
    expect(dataOf(events, 'stderr')).toEqual(['bye']);
    expect(events.at(-1)).toMatchObject({ type: 'exit', code: 255, signal: null });
  });

  it('a command missing on the host: CommandNotFoundError naming the host, as for a missing local command', async () => {
    const { events, error } = await collectSettled(pipemux('no-such-command-here', ['x'], { remote: sshd().remote() }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(CommandNotFoundError);
    expect((error as Error).message).toBe(`no-such-command-here x: command not found on 127.0.0.1:${sshd().port} (cwd: 127.0.0.1:${sshd().port}:~)`);
  });

  it('a file that is not executable: CommandNotExecutableError', async () => {
    const script = join(tempDir(), 'not-executable.sh');
    await writeFile(script, 'echo hi\n');
    await chmod(script, 0o644);
    const { error } = await collectSettled(pipemux(script, [], { remote: sshd().remote() }));
    expect(error).toBeInstanceOf(CommandNotExecutableError);
  });

  it('a cwd missing on the host: InvalidCwdError naming the host', async () => {
    const { error } = await collectSettled(pipemux('true', [], { cwd: '/no/such/dir', remote: sshd().remote() }));
    expect(error).toBeInstanceOf(InvalidCwdError);
    expect((error as Error).message).toContain('/no/such/dir');
    expect((error as Error).message).toContain('127.0.0.1');
  });

  it('the connection lost while the command runs: a RemoteError, and the command is still ended on the host', async () => {
    const probe = new TimelineProbe(pipemux('sh', ['-c', 'trap "" HUP; echo ready; exec sleep 1000'], { remote: sshd().remote() }));
    await probe.line('ready');
    const remotePid = (await probe.spawned()).remote!.pid;
    // The master of this run's connection: one of an earlier test may still be closing.
    const [held] = allConnections().filter((connection) => connection.holders > 0);
    const master = await sshMasterOf(held!.controlPath);
    process.kill(master!, 'SIGKILL');
    const { error } = await probe.settled;
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as Error).message).toContain('ended before');
    // Deadline for an effect no event announces: the kill goes over a new connection.
    expect(await goneOnHost(sshd(), [remotePid], 15_000)).toBe(true);
  });

  it.each<[string, PipemuxOptions, string]>([
    ['a host that ssh would read as an option', { remote: { host: '-oProxyCommand=touch /tmp/x' } }, 'remote'],
    ['a host with a space', { remote: { host: 'a b' } }, 'remote'],
    ['port 0', { remote: { host: 'h', port: 0 } }, 'remote'],
    ['an unknown field', { remote: { host: 'h', hots: 'x' } as never }, 'remote'],
    ['an ssh option pipemux sets', { remote: { host: 'h', sshOptions: { controlpath: '/tmp/x' } } }, 'remote'],
    ['an ssh option with a newline', { remote: { host: 'h', sshOptions: { ProxyJump: 'a\nb' } } }, 'remote'],
    ["stderr: 'inherit'", { stderr: 'inherit', remote: { host: 'h' } }, 'stderr'],
    ['a file URL as cwd', { cwd: new URL('file:///tmp'), remote: { host: 'h' } }, 'cwd'],
    ['extendEnv: false', { extendEnv: false, remote: { host: 'h' } }, 'extendEnv'],
    ['an env name a shell cannot set', { env: { 'A-B': '1' }, remote: { host: 'h' } }, 'env'],
    ['a NUL byte in cwd', { cwd: '/tmp\0x', remote: { host: 'h' } }, 'cwd'],
    ['a NUL byte in the shell path', { shell: '/bin/sh\0x', remote: { host: 'h' } }, 'shell'],
  ])('%s: an InvalidOptionError at call time', (_name, options, option) => {
    expect(() => pipemux('true', [], options)).toThrow(InvalidOptionError);
    try {
      pipemux('true', [], options);
    } catch (error) {
      expect((error as InvalidOptionError).option).toBe(option);
      // The user's command, never pipemux's ssh command line.
      expect((error as InvalidOptionError).command).toBe('true');
    }
  });
});
