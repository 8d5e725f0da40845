import { describe, expect, it } from 'vitest';
import { CommandNotFoundError, muxAll, type SuccessRule } from '../../src/index.js';
import { judgeRun, type RuledChild } from '../../src/many/successRule.js';
import { nodeJob, record } from './support.js';

/** Children that end in index order (one at a time), each with an exit code or a signal. */
const inOrder = (...ends: string[]) => ends.map((how, index) => nodeJob(String.fromCharCode(97 + index), 'exit-with.mjs', [how]));

describe('success rules, with real children ending in a known order', () => {
  it.each<{ name: string; ends: string[]; rule?: SuccessRule; success: boolean; failedBy?: number }>([
    { name: 'all: every child exited 0', ends: ['0', '0', '0'], success: true },
    { name: 'all: one failed', ends: ['0', '3', '0'], success: false, failedBy: 1 },
    { name: 'all: a child killed by a signal failed', ends: ['0', 'SIGTERM'], success: false, failedBy: 1 },
    { name: 'all: the first failure in end order decides', ends: ['0', '4', '5'], success: false, failedBy: 1 },
    { name: 'first: the first to end failed', ends: ['2', '0'], rule: 'first', success: false, failedBy: 0 },
    { name: 'first: the first to end succeeded', ends: ['0', '2'], rule: 'first', success: true },
    { name: 'last: the last to end failed', ends: ['0', '2'], rule: 'last', success: false, failedBy: 1 },
    { name: 'last: the last to end succeeded', ends: ['2', '0'], rule: 'last', success: true },
    { name: 'a list of names: only those count', ends: ['1', '0'], rule: ['b'], success: true },
    { name: 'a list of names: one of them failed', ends: ['1', '0'], rule: ['a'], success: false, failedBy: 0 },
    { name: 'a list of indices', ends: ['0', '0', '6'], rule: [0, 2], success: false, failedBy: 2 },
  ])('$name', async ({ ends, rule, success, failedBy }) => {
    const run = await record(muxAll(inOrder(...ends), { maxConcurrent: 1, ...(rule === undefined ? {} : { success: rule }) }));
    expect(run.summary.success).toBe(success);
    expect(run.summary.failedBy).toBe(failedBy);
    expect(run.summary.children.map((child) => child.outcome)).toEqual(ends.map((how) => (how === '0' ? 'success' : 'failure')));
    // The summary has each child's real code or signal.
    expect(run.summary.children.map((child) => child.code ?? child.signal)).toEqual(ends.map((how) => (/^\d+$/.test(how) ? Number(how) : how)));
  });

  it('counts a command that cannot run as a failure of that child, with its error', async () => {
    const run = await record(muxAll([{ name: 'missing', file: 'pipemux-no-such-command' }, ...inOrder('0')]));
    expect(run.summary).toMatchObject({ success: false, failedBy: 0 });
    expect(run.summary.children[0]!.error).toBeInstanceOf(CommandNotFoundError);
    expect(run.summary.children[1]!.outcome).toBe('success');
  });

  it('succeeds with no jobs at all', async () => {
    const run = await record(muxAll([]));
    expect(run.summary).toMatchObject({ success: true, children: [] });
  });
});

describe('judgeRun() (the rule alone)', () => {
  const child = (index: number, outcome: RuledChild['outcome'], endedAt: number): RuledChild => ({ name: `c${index}`, index, outcome, endedAt });
  it.each<[string, SuccessRule, RuledChild[], { success: boolean; failedBy?: number }]>([
    ['killed children never count (all)', 'all', [child(0, 'success', 5), child(1, 'killed', 6)], { success: true }],
    ['skipped children never count (all)', 'all', [child(0, 'success', 5), child(1, 'skipped', Infinity)], { success: true }],
    ['first looks at end order, not index order', 'first', [child(0, 'success', 9), child(1, 'failure', 3)], { success: false, failedBy: 1 }],
    ['first skips a killed child that ended earlier', 'first', [child(0, 'killed', 1), child(1, 'success', 3)], { success: true }],
    ['last skips a killed child that ended later', 'last', [child(0, 'failure', 4), child(1, 'killed', 9)], { success: false, failedBy: 0 }],
    ['a named child that was killed leaves nothing to judge: failure', ['c1'], [child(0, 'failure', 1), child(1, 'killed', 2)], { success: false }],
    ['a named child by name or by index', ['c0', 1], [child(0, 'success', 1), child(1, 'success', 2), child(2, 'failure', 3)], { success: true }],
  ])('%s', (_name, rule, children, verdict) => {
    expect(judgeRun(rule, children)).toEqual(verdict);
  });
});
