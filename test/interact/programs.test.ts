import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { useSessions } from './sessions.js';

const start = useSessions();
// Generous for a loaded machine, yet a failure is an ExpectTimeoutError naming the pattern, not a test timeout.
const expectTimeout = 20_000;
// This environment may set PYTHONUNBUFFERED: the tests say themselves whether Python buffers.
const python = (args: string[]) => start('python3', ['-q', '-i', ...args], { expectTimeout, env: { PYTHONUNBUFFERED: undefined } });

describe('real programs driven over pipes', () => {
  it('the python3 REPL (the README example): prompt on stderr without a newline, result on stdout', async () => {
    const { session: py } = python(['-u']);
    expect(await py.expect('>>> ')).toMatchObject({ before: '', stream: 'stderr' });
    void py.sendLine('6 * 7');
    const { match, before } = await py.expect(/^(\d+)\n/m, { stream: 'stdout' });
    expect([match[1], before]).toEqual(['42', '']);
    await py.end();
    expect(await py.exited).toMatchObject({ code: 0, signal: null });
  });

  // Python block-buffers stdout on a pipe and flushes it when a statement ends; -u writes as it prints.
  const blockingStatement = 'import sys; print("started"); _ = sys.stderr.write("blocked\\n"); _ = sys.stdin.readline(); print("done")';

  it('python3 -u: output printed in the middle of a statement arrives while the statement still runs', async () => {
    const { session: py } = python(['-u']);
    await py.expect('>>> ');
    void py.sendLine(blockingStatement);
    await py.expect('blocked', { stream: 'stderr' });
    // Python now waits in readline() for our next line, yet "started" is here.
    await py.expect('started', { stream: 'stdout' });
    void py.sendLine('release');
    await py.expect('done', { stream: 'stdout' });
  });

  it('python3 without -u: that output is held until the statement ends', async () => {
    const { session: py, probe } = python([]);
    await py.expect('>>> ');
    void py.sendLine(blockingStatement);
    await py.expect('blocked', { stream: 'stderr' });
    await py.sendLine('release');
    expect((await py.expect(/started\ndone\n/, { stream: 'stdout' })).before).toBe('');
    const seqOf = (matches: (type: string, data: string) => boolean) =>
      probe.events.find((e) => 'seq' in e && matches(e.type, String(e.data))) as { seq: number };
    expect(seqOf((type, data) => type === 'stdout' && data.includes('started')).seq).toBeGreaterThan(
      seqOf((type, data) => type === 'stdin' && data === 'release\n').seq,
    );
  });

  it('python3: kill("SIGINT") interrupts a running statement, and the REPL goes on', async () => {
    const { session: py } = python(['-u']);
    await py.expect('>>> ');
    // A marker first: a SIGINT that comes while the REPL waits in read() is only seen when input arrives.
    void py.sendLine(`exec("import sys, time\\nsys.stderr.write('looping\\\\n')\\nwhile True: time.sleep(0.05)")`);
    await py.expect('looping\n', { stream: 'stderr' });
    void py.kill('SIGINT'); // resolves only when the child is gone: not now
    await py.expect(/^KeyboardInterrupt\n>>> /m, { stream: 'stderr' });
    void py.sendLine('1 + 1');
    expect((await py.expect(/^(\d+)\n/m, { stream: 'stdout' })).match[1]).toBe('2');
  });

  it('bc -q: exact results, a result wrapped over lines, an error on stderr', async () => {
    const { session: bc } = start('bc', ['-q'], { expectTimeout });
    void bc.sendLine('2^100');
    expect((await bc.expect(/^(\d+)\n/m, { stream: 'stdout' })).match[1]).toBe(String(2n ** 100n));
    void bc.sendLine('2^400');
    // bc wraps long numbers at 70 columns with a backslash.
    const { match } = await bc.expect(/^((?:\d+\\\n)*\d+)\n/m, { stream: 'stdout' });
    expect(match[1]!.replaceAll('\\\n', '')).toBe(String(2n ** 400n));
    void bc.sendLine('1/0');
    // bc writes this line in three writes: `\n`, not `$`, waits for the whole of it.
    expect((await bc.expect(/^Runtime error.*: (.*)\n/m, { stream: 'stderr' })).match[1]).toBe('Divide by zero');
    void bc.sendLine('quit');
    expect((await bc.exited).code).toBe(0);
  });

  it('sqlite3 -interactive :memory:: the prompt, a continuation prompt, a result, a parse error', async () => {
    const { session: db } = start('sqlite3', ['-interactive', ':memory:'], { expectTimeout });
    await db.expect('sqlite> ');
    for (const statement of ['create table t(name text, n int);', "insert into t values ('a', 1), ('b', 2);"]) {
      void db.sendLine(statement);
      // Without a terminal sqlite3 echoes each line it reads after the prompt.
      expect((await db.expect('sqlite> ', { stream: 'stdout' })).before).toBe(`${statement}\n`);
    }
    void db.sendLine('select sum(n) +');
    await db.expect('   ...> ', { stream: 'stdout' });
    void db.sendLine('10 from t;');
    expect((await db.expect(/^(\d+)\nsqlite> /m, { stream: 'stdout' })).match[1]).toBe('13');
    void db.sendLine('select nope from t;');
    expect((await db.expect(/^Parse error: (.*)\n/m, { stream: 'stderr' })).match[1]).toBe('no such column: nope');
    void db.sendLine('.quit');
    expect((await db.exited).code).toBe(1); // sqlite3 exits with 1 after a session that had an error
  });

  it('gdb --interpreter=mi3: a line protocol with tokens, results and errors', async () => {
    const { session: gdb } = start('gdb', ['--interpreter=mi3', '-nx', '-q'], { expectTimeout });
    await gdb.expect('(gdb) \n');
    void gdb.sendLine('17-data-evaluate-expression 6*7');
    const value = await gdb.expect([/^17\^done,value="(.*)"\n/m, /^17\^error,msg="(.*)"\n/m]);
    expect([value.index, value.match[1]]).toEqual([0, '42']);
    await gdb.expect('(gdb) \n');
    void gdb.sendLine('18-data-evaluate-expression nosuchvar');
    const failure = await gdb.expect([/^18\^done,value="(.*)"\n/m, /^18\^error,msg="(.*)"\n/m]);
    expect([failure.index, failure.match[1]]).toEqual([1, 'No symbol table is loaded.  Use the \\"file\\" command.']);
    await gdb.expect('(gdb) \n');
    void gdb.sendLine('19-gdb-exit');
    await gdb.expect(/^19\^exit\n/m);
    expect((await gdb.exited).code).toBe(0);
  });

  it.each([
    { answer: 'y', outcome: 0, code: 0, text: 'doing deploy\n' },
    { answer: 'yes', outcome: 0, code: 0, text: 'doing deploy\n' },
    { answer: 'n', outcome: 1, code: 1, text: 'aborted\n' },
    { answer: '', outcome: 1, code: 1, text: 'aborted\n' },
    { answer: undefined, outcome: 1, code: 1, text: 'aborted\n' },
  ])('a shell script asking "Continue? [y/N] ", answered $answer (undefined: EOF)', async ({ answer, outcome, code, text }) => {
    const { session } = start('sh', [fixture('confirm.sh'), 'deploy'], { expectTimeout });
    expect(await session.expect('Continue? [y/N] ')).toMatchObject({ before: '', stream: 'stdout' });
    void (answer === undefined ? session.end() : session.sendLine(answer));
    const result = await session.expect([/doing (\w+)\n/, 'aborted\n']);
    expect([result.index, result.match[0]]).toEqual([outcome, text]);
    expect((await session.exited).code).toBe(code);
  });
});
