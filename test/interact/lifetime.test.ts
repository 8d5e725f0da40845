import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ExitError, InvalidOptionError, interact } from '../../src/index.js';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture, nodeFixture } from '../helpers/fixtures.js';
import { isAlive, openFdCount } from '../helpers/processes.js';
import { useSessions } from './sessions.js';

const start = useSessions();
const fdsAreBackTo = async (baseline: number) => holdsWithin(async () => (await openFdCount()) === baseline);

describe('close() and kill(): the child is gone and nothing is left behind', () => {
  it.each([
    { name: 'a running child', args: [] as string[], forceKillAfterDelay: undefined, signal: 'SIGTERM' },
    { name: 'a child that ignores SIGTERM (SIGKILL follows)', args: ['ignore-term'], forceKillAfterDelay: 200, signal: 'SIGKILL' },
  ])('close() ends $name and resolves once it is gone', async ({ args, forceKillAfterDelay, signal }) => {
    const fdsBefore = await openFdCount();
    const { session, probe } = start(...nodeFixture('forever.mjs', ...args), { forceKillAfterDelay });
    await session.expect('ready\n');
    await session.close();
    expect(isAlive(session.pid!)).toBe(false); // reaped before the exit event
    expect(probe.events.at(-1)).toMatchObject({ type: 'exit', code: null, signal });
    expect(await session.exited).toBe(probe.events.at(-1));
    expect(await fdsAreBackTo(fdsBefore)).toBe(true);
  });

  it('close() right after interact(), before the spawn: nothing runs, nothing stays open', async () => {
    const fdsBefore = await openFdCount();
    const session = interact(...nodeFixture('forever.mjs'));
    await session.close();
    if (session.pid !== undefined) expect(isAlive(session.pid)).toBe(false);
    expect(await fdsAreBackTo(fdsBefore)).toBe(true);
  });

  it('nothing stays armed: a process whose session ended exits on its own, expect() timeouts included', async () => {
    // The fixture imports the built package: npm test builds it first.
    const result = await execa(process.execPath, [fixture('interact-ends.mjs')], { reject: false, timeout: 20_000 });
    expect([result.timedOut, result.exitCode, result.stdout]).toEqual([false, 0, 'ExpectEofError ExpectEofError']);
  });

  it('close() after the child exited, and a second close(), resolve at once', async () => {
    const { session } = start('true');
    expect((await session.exited).code).toBe(0);
    await session.close();
    await session.close();
  });

  it('kill() ends the child with killSignal; kill(signal) sends that signal', async () => {
    const first = start(...nodeFixture('forever.mjs'), { killSignal: 'SIGINT' });
    await first.session.expect('ready');
    await first.session.kill();
    expect(await first.session.exited).toMatchObject({ signal: 'SIGINT' });
    const second = start(...nodeFixture('forever.mjs'));
    await second.session.expect('ready');
    await second.session.kill('SIGHUP');
    expect(await second.session.exited).toMatchObject({ signal: 'SIGHUP' });
  });

  it('kill(signal) after the child exited, its exit event still held back by a grandchild on its pipes: resolves, no raw ESRCH', async () => {
    const { session } = start('sh', ['-c', 'sleep 5 & echo $!'], { drainTimeout: 300 });
    const { match } = await session.expect(/^(\d+)\n/m);
    const grandchild = Number(match[1]);
    try {
      expect(await holdsWithin(() => !isAlive(session.pid!))).toBe(true);
      await session.kill('SIGTERM');
      expect(await session.exited).toMatchObject({ code: 0, pipesHeldOpen: ['stdout', 'stderr'] });
    } finally {
      process.kill(grandchild, 'SIGKILL');
    }
  });

  it('kill() with an unknown signal rejects with InvalidOptionError and the child keeps running', async () => {
    const { session } = start('cat');
    await expect(session.kill('SIGNOPE' as NodeJS.Signals)).rejects.toBeInstanceOf(InvalidOptionError);
    await session.sendLine('still here');
    await session.expect('still here');
  });

  it('Symbol.asyncDispose closes the session (await using)', async () => {
    const fdsBefore = await openFdCount();
    let pid: number | undefined;
    {
      await using session = interact('cat');
      await session.sendLine('x');
      await session.expect('x');
      pid = session.pid;
    }
    expect(isAlive(pid!)).toBe(false);
    expect(await fdsAreBackTo(fdsBefore)).toBe(true);
  });

  it("the caller's cancelSignal still ends the child", async () => {
    const cancel = new AbortController();
    const { session } = start('cat', [], { cancelSignal: cancel.signal });
    await session.sendLine('x');
    await session.expect('x');
    cancel.abort();
    expect(await session.exited).toMatchObject({ signal: 'SIGTERM' });
  });

  it('reject: true: exited rejects with ExitError after the exit event', async () => {
    const { session, probe } = start('sh', ['-c', 'exit 4'], { reject: true });
    await expect(session.exited).rejects.toBeInstanceOf(ExitError);
    expect(probe.events.at(-1)).toMatchObject({ type: 'exit', code: 4 });
    expect((await probe.settled).error).toBeInstanceOf(ExitError);
  });
});
