import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RemoteOptions } from '../../src/index.js';
import { EXIT_KILL_WAIT_MS } from '../../src/process/tree/exitReaper.js';
import { holdsWithin } from '../helpers/deadline.js';
import { goneOnHost, processesWhere, skipReason, sshMasterOf, useSshd } from './support/remoteSupport.js';

const viteNode = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));
const PARENT = fileURLToPath(new URL('./support/exitingParent.ts', import.meta.url));

interface ParentReport {
  parent: number;
  remotePids: number[];
  controlPaths: string[];
}

/**
 * Starts exitingParent.ts in a process group (and session) of its own, as a shell starts a job, so
 * that a test can signal the group as a terminal does; resolves once its commands run on the host.
 */
async function startParent(remote: RemoteOptions, count: number, forceKillAfterDelay: number) {
  const child = spawn(viteNode, [PARENT, JSON.stringify(remote), String(count), String(forceKillAfterDelay)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())));
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('{')) return { group: child.pid!, report: JSON.parse(line) as ParentReport, exited };
  }
  throw new Error('the parent ended before its commands ran');
}

describe.skipIf(skipReason !== undefined)(`a process with remote commands exiting${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  const sshd = useSshd();

  it('the next Ctrl-C (a signal to its process group) while it exits does not end its kill requests: the command still ends on the host', async () => {
    const { group, report, exited } = await startParent(sshd().remote(), 1, 300);
    const controlPath = report.controlPaths[0]!;
    const master = await sshMasterOf(controlPath);
    const isKillRequest = (args: string[]) =>
      args[0] === 'ssh' && args.includes('ControlMaster=no') && args.includes(controlPath) && args.some((arg) => arg.startsWith('kill -s'));
    // While the master does not answer, the kill request waits in the local ssh: where a group signal would end it.
    process.kill(master!, 'SIGSTOP');
    try {
      process.kill(-group, 'SIGTERM');
      // A deadline for an effect no event announces (the exit handler starting its ssh), not synchronisation.
      expect(await holdsWithin(async () => (await processesWhere(isKillRequest)).length > 0)).toBe(true);
      process.kill(-group, 'SIGINT');
    } finally {
      process.kill(master!, 'SIGCONT');
    }
    await exited;
    expect(await goneOnHost(sshd(), [report.remotePids[0]!], 10_000)).toBe(true);
  });

  it('with 6 connections, ends the commands on all of them in one wait of at most 1000 ms, not one connection after another', async () => {
    const { report, exited } = await startParent(sshd().remote(), 6, EXIT_KILL_WAIT_MS);
    expect(new Set(report.controlPaths).size).toBe(6);
    const sent = performance.now();
    process.kill(report.parent, 'SIGTERM');
    const took = (await exited) - sent;
    // Every command ignores SIGTERM, so each host waits EXIT_KILL_WAIT_MS before SIGKILL: one after another, over 6 s.
    expect(took).toBeLessThan(EXIT_KILL_WAIT_MS + 2000);
    expect(await goneOnHost(sshd(), report.remotePids)).toBe(true);
  });
});
