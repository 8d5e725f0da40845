import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, pipemux } from '../../src/index.js';
import { collectSettled, dataOf } from '../helpers/collect.js';
import { useTempDir } from '../helpers/tempDir.js';
import { skipReason, useSshd } from './support/remoteSupport.js';

// The built CLI (npm test builds first): a process of its own, with the TMPDIR a test gives it.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const node = process.execPath;

describe.skipIf(skipReason !== undefined)(`paths that ssh would expand (% tokens, \${VAR})${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  const sshd = useSshd();
  const tempDir = useTempDir('pipemux-ssh-paths-');

  /** `pipemux --hosts` running `echo hi` on the test host, with `TMPDIR` set (where the control sockets go). */
  const hostsWithTmpdir = (tmpdir: string) =>
    execa(
      node,
      [
        CLI,
        '--hosts',
        `127.0.0.1:${sshd().port}`,
        '-i',
        sshd().userKey,
        ...Object.entries(sshd().sshOptions()).flatMap(([name, value]) => ['-o', `${name}=${value}`]),
        '--no-color',
        'echo hi',
      ],
      { reject: false, stdin: 'ignore', env: { TMPDIR: tmpdir } },
    );

  it.each([
    ['% tokens (%h, %%, %C)', 'x%hb%%c%C'],
    ['an environment variable ${HOME} (the control sockets go to /tmp instead)', 'x${HOME}y'],
  ])('a TMPDIR with %s: commands run', async (_name, name) => {
    const tmpdir = join(tempDir(), name);
    await mkdir(tmpdir);
    const result = await hostsWithTmpdir(tmpdir);
    expect(result.stderr).not.toMatch(/RemoteError|ControlPath|unknown key/);
    expect(result.stdout).toBe(`[127.0.0.1:${sshd().port}] hi`);
    expect(result.exitCode).toBe(0);
  });

  it('an identity whose path holds % tokens, spaces, quotes, a backslash and #: that file is the key used', async () => {
    const dir = join(tempDir(), `k%h %r "q" 'a' b\\s #c`);
    await mkdir(dir);
    const identity = join(dir, 'id %h');
    await copyFile(sshd().userKey, identity);
    const { events, error } = await collectSettled(pipemux('echo', ['hi'], { remote: sshd().remote(undefined, { identity }) }));
    expect(error).toBeUndefined();
    expect(dataOf(events, 'stdout')).toEqual(['hi']);
  });

  it('an identity with ${…} (which ssh would expand, with no escape): an InvalidOptionError at call time', () => {
    const call = () => pipemux('true', [], { remote: sshd().remote(undefined, { identity: join(tempDir(), '${HOME}', 'id') }) });
    expect(call).toThrow(InvalidOptionError);
    expect(call).toThrow(/identity cannot hold "\$\{"/);
  });
});
