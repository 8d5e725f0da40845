import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { collect, dataOf } from '../helpers/collect.js';
import { fixture } from '../helpers/fixtures.js';
import { muxAll, parseHost, pipemux, remoteJobs, type InputMessage, type ManyEvent, type SummaryEvent } from '../../src/index.js';
import { allConnections } from '../../src/remote/connectionPool.js';
import { holdsWithin } from '../helpers/deadline.js';
import { record } from '../many/support.js';
import { skipReason, sshControlSockets, useSshd } from './support/remoteSupport.js';

const node = process.execPath;
const HOSTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3'];
const LINES = 100_000;

describe('parseHost', () => {
  it.each([
    ['db1', { host: 'db1' }],
    ['deploy@db1', { host: 'db1', user: 'deploy' }],
    ['db1:2222', { host: 'db1', port: 2222 }],
    ['deploy@10.0.0.7:22', { host: '10.0.0.7', user: 'deploy', port: 22 }],
    ['[::1]:2222', { host: '::1', port: 2222 }],
    ['::1', { host: '::1' }],
    ['me@ex@host', { host: 'host', user: 'me@ex' }],
  ])('%s', (text, expected) => {
    expect(parseHost(text)).toEqual(expected);
  });

  it.each(['db1:0', 'db1:http', 'db1:70000'])('%s: an InvalidOptionError', (text) => {
    expect(() => parseHost(text)).toThrow(/port must be a number/);
  });
});

describe.skipIf(skipReason !== undefined)(`many hosts at once${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  const sshd = useSshd(HOSTS);

  it(`3 hosts × ${LINES.toLocaleString('en-US')} lines through muxAll: every line whole, in order, named after its host`, async () => {
    const jobs = remoteJobs(
      HOSTS.map((address) => sshd().remote(address)),
      node,
      [fixture('print-lines.mjs'), String(LINES)],
    );
    const run = await record(muxAll(jobs));
    const names = HOSTS.map((address) => `${address}:${sshd().port}`);
    expect(run.summary.children.map((child) => [child.name, child.outcome, child.code])).toEqual(names.map((name) => [name, 'success', 0]));
    for (const name of names) {
      const lines = run.events.flatMap(({ event }) => (event.name === name && event.type === 'stdout' ? [String(event.data)] : []));
      expect(lines.length, name).toBe(LINES);
      const wrong = lines.findIndex((line, i) => line !== `line ${i}`);
      expect(wrong, `${name}: first wrong line`).toBe(-1);
      const spawn = run.events.find(({ event }) => event.name === name && event.type === 'spawn')!.event;
      expect(spawn).toMatchObject({ remote: { host: name.split(':')[0] } });
    }
    expect(run.events.some(({ event }) => event.type === 'stderr')).toBe(false);
  });

  it('the success rule, kill-others and the summary work across hosts: one host fails, the others are stopped there', async () => {
    const [a, b, c] = HOSTS.map((address) => sshd().remote(address));
    const run = await record(
      muxAll(
        [
          { name: 'a', file: 'sh', args: ['-c', 'trap "" HUP; echo up; exec sleep 1000'], options: { remote: a! } },
          { name: 'b', file: 'sh', args: ['-c', 'exit 7'], options: { remote: b! } },
          { name: 'c', file: 'sh', args: ['-c', 'trap "" HUP; echo up; exec sleep 1000'], options: { remote: c! } },
        ],
        { killOthersOn: ['failure'] },
      ),
    );
    const summary: SummaryEvent = run.summary;
    expect(summary.success).toBe(false);
    expect(summary.children.map((child) => [child.name, child.outcome, child.code ?? child.signal])).toEqual([
      ['a', expect.stringMatching(/killed|skipped/), expect.anything()],
      ['b', 'failure', 7],
      ['c', expect.stringMatching(/killed|skipped/), expect.anything()],
    ]);
  });

  it('connection reuse: commands run one after the other on a host share one master', async () => {
    const masters = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const events = await collect(pipemux('echo', [String(i)], { remote: sshd().remote() }));
      expect(dataOf(events, 'stdout')).toEqual([String(i)]);
      for (const socket of await sshControlSockets(sshd().port, HOSTS[0])) masters.add(socket);
    }
    expect(masters.size).toBe(1);
  });

  it('more commands at once than maxSessions: more connections to the host, every command runs', async () => {
    // A connection of an earlier test that is closing right now would be counted: start with none.
    expect(await holdsWithin(async () => allConnections().length === 0 && (await sshControlSockets(sshd().port)).length === 0)).toBe(true);
    const counts: Promise<number>[] = [];
    // Each command waits for its input, so all seven run at once.
    const jobs = Array.from({ length: 7 }, (_, i) => ({
      name: `job${i}`,
      file: 'sh',
      args: ['-c', `read line; echo "$line ${i}"`],
      options: { remote: sshd().remote(undefined, { maxSessions: 3 }) },
    }));
    const input = new Subject<InputMessage>();
    let spawned = 0;
    const run = await record(muxAll(jobs, { input }), (event: ManyEvent) => {
      if (event.type !== 'spawn') return;
      // Connections, not pids: a master that is starting is two processes for a moment (ssh -f forks).
      counts.push(sshControlSockets(sshd().port, HOSTS[0]).then((sockets) => sockets.length));
      if (++spawned === jobs.length) {
        jobs.forEach((job) => input.next({ to: job.name, data: 'go\n' }));
        input.complete();
      }
    });
    const most = Math.max(...(await Promise.all(counts)));
    expect(run.summary.children.every((child) => child.outcome === 'success')).toBe(true);
    expect(run.events.flatMap(({ event }) => (event.type === 'stdout' ? [String(event.data)] : [])).sort()).toEqual(jobs.map((_, i) => `go ${i}`).sort());
    // ceil(7 / 3): three connections, all there once the last command started.
    expect(most).toBe(3);
  });
});
