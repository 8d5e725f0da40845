import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect } from 'vitest';
import { allConnections } from '../../../src/remote/connectionPool.js';
import { literalSshPath } from '../../../src/remote/sshArgs.js';
import { holdsWithin } from '../../helpers/deadline.js';
import { sshdUnavailable, startSshd, type TestSshd } from './sshd.mjs';

const run = promisify(execFile);

/** Why the remote tests are skipped here, or undefined (asked once per test file, at load). */
export const skipReason = await sshdUnavailable();

/**
 * A real sshd for the tests of one file, started before them on `addresses`; after them, checks that
 * no ssh master of this process (or any other) is left for it, then stops it. Returns a getter.
 */
export function useSshd(addresses: string[] = ['127.0.0.1']): () => TestSshd {
  let sshd: TestSshd | undefined;
  beforeAll(async () => {
    if (skipReason === undefined) sshd = await startSshd({ addresses });
  });
  afterAll(async () => {
    if (sshd === undefined) return;
    try {
      // Deadlines for effects no event announces (masters close on the next turn of the loop), not synchronisation.
      await holdsWithin(() => allConnections().length === 0);
      expect(allConnections().map((left) => `${left.state}, ${left.holders} holder(s): ${left.controlPath}`)).toEqual([]);
      expect(await mastersGone(sshd.port)).toBe(true);
    } finally {
      await sshd.stop();
    }
  });
  return () => {
    if (sshd === undefined) throw new Error('useSshd: sshd runs only while the tests run');
    return sshd;
  };
}

/** The ssh masters (`ControlMaster=yes`) of any process on this machine that talk to `port` (of `host`, if given): pid and control socket (`-S`). */
async function sshMasterProcesses(port: number, host?: string): Promise<{ pid: number; socket: string }[]> {
  const sockets = new Map<number, string>();
  const pids = await processesWhere((args, pid) => {
    const isMaster = args.includes('ControlMaster=yes') && args.includes(String(port)) && (host === undefined || args.includes(host));
    if (isMaster) sockets.set(pid, args[args.indexOf('-S') + 1]!);
    return isMaster;
  });
  return pids.map((pid) => ({ pid, socket: sockets.get(pid)! }));
}

/** The pids of the ssh masters that talk to `port` (of `host`, if given). */
export async function sshMasters(port: number, host?: string): Promise<number[]> {
  return (await sshMasterProcesses(port, host)).map((master) => master.pid);
}

/**
 * The control sockets of the ssh masters that talk to `port` (of `host`, if given): one per
 * connection, where pids may count one twice (`ssh -f` forks, and the parent lives on for a moment).
 */
export async function sshControlSockets(port: number, host?: string): Promise<string[]> {
  return [...new Set((await sshMasterProcesses(port, host)).map((master) => master.socket))];
}

/** Whether no ssh master talks to `port` any more within a deadline (a master told to exit may take a moment to end after answering). */
export function mastersGone(port: number): Promise<boolean> {
  return holdsWithin(async () => (await sshMasters(port)).length === 0);
}

/** The pid of the ssh master of the connection whose control socket is `controlPath`, if it runs. */
export async function sshMasterOf(controlPath: string): Promise<number | undefined> {
  const [pid] = await processesWhere((args) => args.includes('ControlMaster=yes') && args[args.indexOf('-S') + 1] === literalSshPath(controlPath));
  return pid;
}

/** The pids of the processes on this machine whose arguments (`/proc/PID/cmdline`) match. */
export async function processesWhere(matches: (args: string[], pid: number) => boolean): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const args = await readFile(`/proc/${name}/cmdline`, 'utf8').then(
      (text) => text.split('\0'),
      (): string[] => [],
    );
    if (matches(args, Number(name))) pids.push(Number(name));
  }
  return pids;
}

/** Whether process `pid` runs on the test host (a zombie counts as gone), asked on the host itself through a plain ssh of its own. */
export async function aliveOnHost(sshd: TestSshd, pid: number): Promise<boolean> {
  return (await onHost(sshd, `s=$(ps -o stat= -p ${pid}); case $s in ''|Z*) echo gone;; *) echo alive;; esac`)) === 'alive';
}

/** Whether every one of `pids` is gone from the test host within a deadline (the end of a process there raises no event here). */
export function goneOnHost(sshd: TestSshd, pids: readonly number[], deadlineMs?: number): Promise<boolean> {
  return holdsWithin(async () => (await Promise.all(pids.map((pid) => aliveOnHost(sshd, pid)))).every((alive) => !alive), deadlineMs);
}

/** How many processes on the test host have `marker` in their command line (the asking shell itself aside). */
export async function countOnHost(sshd: TestSshd, marker: string): Promise<number> {
  // [x]y matches xy but not itself: the shell running pgrep has the pattern in its own command line.
  const pattern = `[${marker[0]}]${marker.slice(1)}`;
  return Number(await onHost(sshd, `pgrep -c -f '${pattern}' || true`));
}

/** Runs a command line on the test host through a plain ssh (no connection sharing): what pipemux does not see. */
async function onHost(sshd: TestSshd, commandLine: string): Promise<string> {
  const options = Object.entries(sshd.sshOptions()).flatMap(([name, value]) => ['-o', `${name}=${value}`]);
  const args = ['-T', '-o', 'BatchMode=yes', '-o', 'ControlPath=none', ...options, '-i', sshd.userKey, '-p', String(sshd.port), sshd.addresses[0]!];
  const { stdout } = await run('ssh', [...args, commandLine]);
  return stdout.trim();
}
