// A real OpenSSH server on loopback addresses, for the tests of test/remote and benchmark 12.
// Plain JavaScript (with sshd.d.mts for the tests' types) so that the benchmarks can import it too.
import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onExit } from 'signal-exit';

const run = promisify(execFile);
const SSHD_CANDIDATES = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd'];
const START_TIMEOUT_MS = 10_000;

/**
 * The reason remote tests cannot run here, or undefined when they can: no sshd or ssh, or a test
 * server that does not start or does not let this user in (a probe: start one, log in, stop it).
 */
export async function sshdUnavailable() {
  if (process.platform === 'win32') return 'sshd needs a POSIX system';
  if ((await findSshd()) === undefined) return 'no sshd (install openssh-server)';
  for (const program of ['ssh', 'ssh-keygen']) {
    if (
      !(await run(program, ['-V']).then(
        () => true,
        (error) => error.code !== 'ENOENT',
      ))
    )
      return `no ${program} (install openssh-client)`;
  }
  let sshd;
  try {
    sshd = await startSshd();
    await run('ssh', [...sshd.plainSshArgs(), 'true']);
    return undefined;
  } catch (error) {
    const said = `${error.stderr ?? error.message}`.trim().split('\n').slice(-2).join(' ');
    return `a test sshd does not let ${userInfo().username} in here: ${said}${sshd === undefined ? '' : ` (sshd: ${sshd.log().trim().split('\n').slice(-2).join(' ')})`}`;
  } finally {
    await sshd?.stop();
  }
}

/**
 * Starts `sshd -D -e` in a fresh 0700 directory holding generated host and user keys, listening on
 * one free port on each of `addresses` (Linux routes all of 127.0.0.0/8 to loopback, so each
 * address is a "host" of its own). Only the user key is authorized (`otherKey` is not); the client
 * gets a known_hosts file with the host key for every address. Sessions get SHLVL=1, so that a
 * Debian bash does not source ~/.bashrc for them (on some machines that costs 200 ms a command).
 */
export async function startSshd({ addresses = ['127.0.0.1'] } = {}) {
  const sshd = await findSshd();
  if (sshd === undefined) throw new Error('no sshd');
  // As root sshd wants its privilege separation directory.
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), 'pmx-sshd-'));
  try {
    await chmod(dir, 0o700);
    await Promise.all(
      ['host_key', 'user_key', 'other_key'].map((name) => run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(dir, name)])),
    );
    await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'user_key.pub')), { mode: 0o600 });
    const hostKey = (await readFile(join(dir, 'host_key.pub'), 'utf8')).trim();
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      await writeFile(join(dir, 'known_hosts'), addresses.map((address) => `[${address}]:${port} ${hostKey}\n`).join(''), { mode: 0o600 });
      await writeFile(join(dir, 'sshd_config'), sshdConfig(dir, addresses, port), { mode: 0o600 });
      const started = await launch(sshd, dir, addresses);
      if (started.child !== undefined) return new TestSshd(dir, port, addresses, started.child, started.log);
      if (attempt >= 4 || !/in use/i.test(started.message)) throw new Error(`sshd did not start: ${started.message}`);
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export class TestSshd {
  constructor(dir, port, addresses, child, log) {
    this.log = log;
    this.dir = dir;
    this.port = port;
    this.addresses = addresses;
    this.child = child;
    this.userKey = join(dir, 'user_key');
    this.otherKey = join(dir, 'other_key');
    this.knownHosts = join(dir, 'known_hosts');
    // sshd has a process group of its own, which a Ctrl-C on the test run does not reach: it goes when this process does.
    this.removeExitHook = onExit(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
      rmSync(dir, { recursive: true, force: true });
    });
  }

  /** The `remote` option for one of the addresses: the authorized key, the known_hosts file, no agent and no other key. */
  remote(address = this.addresses[0], extra = {}) {
    return { host: address, port: this.port, identity: this.userKey, ...extra, sshOptions: { ...this.sshOptions(), ...extra.sshOptions } };
  }

  /** Arguments of a plain `ssh` of its own to one of the addresses (no pty, no connection sharing from anyone's config), the command to follow. */
  plainSshArgs(address = this.addresses[0]) {
    const options = Object.entries(this.sshOptions()).flatMap(([name, value]) => ['-o', `${name}=${value}`]);
    return [
      '-T',
      '-o',
      'BatchMode=yes',
      '-o',
      'ControlPath=none',
      '-i',
      this.userKey,
      '-o',
      'IdentitiesOnly=yes',
      ...options,
      '-p',
      String(this.port),
      address,
    ];
  }

  /** The `-o` options every client of this server needs. */
  sshOptions() {
    return { UserKnownHostsFile: this.knownHosts, GlobalKnownHostsFile: '/dev/null', IdentityAgent: 'none' };
  }

  /** Ends sshd and every process of its group (the per-connection servers), then removes the directory. */
  async stop() {
    this.removeExitHook();
    const closed = new Promise((resolve) => (this.child.exitCode !== null || this.child.signalCode !== null ? resolve() : this.child.once('exit', resolve)));
    try {
      process.kill(-this.child.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
    await closed;
    await rm(this.dir, { recursive: true, force: true });
  }
}

function sshdConfig(dir, addresses, port) {
  return [
    `Port ${port}`,
    ...addresses.map((address) => `ListenAddress ${address}`),
    `HostKey ${join(dir, 'host_key')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `AllowUsers ${userInfo().username}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'StrictModes no',
    'UsePAM no',
    'PidFile none',
    'MaxSessions 10',
    'SetEnv SHLVL=1',
    '',
  ].join('\n');
}

/** Starts sshd in a process group of its own; resolves once it listens on every address, or with its message if it exits. */
function launch(sshd, dir, addresses) {
  const child = spawn(sshd, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  return new Promise((resolve) => {
    let text = '';
    const listening = new Set();
    const timer = setTimeout(() => finish(`no "Server listening" within ${START_TIMEOUT_MS} ms: ${text}`), START_TIMEOUT_MS);
    const finish = (message) => {
      clearTimeout(timer);
      child.stderr.removeAllListeners('data');
      if (message === undefined) {
        // Its later messages (why a login was refused) are kept, the last few KiB.
        child.stderr.on('data', (piece) => (text = (text + piece).slice(-4096)));
        return resolve({ child, log: () => text });
      }
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // It exited by itself.
      }
      resolve({ message: message.trim() });
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (piece) => {
      text += piece;
      for (const match of text.matchAll(/Server listening on (\S+) port/g)) listening.add(match[1]);
      if (addresses.every((address) => listening.has(address))) finish(undefined);
    });
    child.once('exit', (code, signal) => finish(`sshd exited with ${signal ?? code}: ${text}`));
    child.once('error', (error) => finish(error.message));
  });
}

async function findSshd() {
  for (const path of SSHD_CANDIDATES)
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
