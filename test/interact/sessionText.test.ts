import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SessionText, type TextView } from '../../src/interact/sessionText.js';
import { SessionTextModel } from './sessionTextModel.js';

type Step = ['out' | 'err', string] | ['consume', TextView, number];

/** Runs the steps on a SessionText and returns its three views and offsets. */
function run(steps: Step[], maxLength = 1000) {
  const text = new SessionText(maxLength);
  for (const step of steps) {
    if (step[0] === 'consume') text.consume(step[1], step[2]);
    else text.append(step[0] === 'out' ? 'stdout' : 'stderr', step[1]);
  }
  const views = ['all', 'stdout', 'stderr'] as const;
  return Object.fromEntries(views.map((view) => [view, `${text.offset(view)}:${text.text(view)}`]));
}

// Pure buffer logic: every character is consumed once, from whichever view matched it.
describe('SessionText', () => {
  it.each<{ name: string; steps: Step[]; maxLength?: number; all: string; stdout: string; stderr: string }>([
    {
      name: 'both streams in arrival order',
      steps: [
        ['out', 'a1'],
        ['err', 'b1'],
        ['out', 'a2'],
      ],
      all: '0:a1b1a2',
      stdout: '0:a1a2',
      stderr: '0:b1',
    },
    {
      name: 'consuming the merged view takes from both streams',
      steps: [
        ['out', 'a1'],
        ['err', 'b1'],
        ['out', 'a2'],
        ['consume', 'all', 3],
      ],
      all: '3:1a2',
      stdout: '2:a2',
      stderr: '1:1',
    },
    {
      name: 'consuming stdout leaves older stderr text',
      steps: [
        ['out', 'a1'],
        ['err', 'b1'],
        ['out', 'a2'],
        ['consume', 'stdout', 3],
      ],
      all: '2:b12',
      stdout: '3:2',
      stderr: '0:b1',
    },
    {
      name: 'consuming stderr from the middle keeps merged offsets',
      steps: [
        ['out', 'a1'],
        ['err', 'b1'],
        ['out', 'a2'],
        ['consume', 'stderr', 2],
      ],
      all: '0:a1a2',
      stdout: '0:a1a2',
      stderr: '2:',
    },
    {
      name: 'neighbours of the same stream join after a cut',
      steps: [
        ['err', 'x'],
        ['out', 'a'],
        ['err', 'y'],
        ['consume', 'stdout', 1],
        ['consume', 'all', 2],
      ],
      all: '2:',
      stdout: '1:',
      stderr: '2:',
    },
    {
      name: 'beyond maxLength the oldest text is dropped',
      steps: [
        ['out', 'abcd'],
        ['err', 'efgh'],
      ],
      maxLength: 5,
      all: '3:defgh',
      stdout: '3:d',
      stderr: '0:efgh',
    },
    { name: 'one append longer than maxLength keeps its end', steps: [['out', '0123456789']], maxLength: 4, all: '6:6789', stdout: '6:6789', stderr: '0:' },
    { name: 'a surrogate pair is never cut in half', steps: [['out', 'ab😀cd']], maxLength: 3, all: '4:cd', stdout: '4:cd', stderr: '0:' },
    {
      name: 'an empty append changes nothing',
      steps: [
        ['out', ''],
        ['err', 'x'],
      ],
      all: '0:x',
      stdout: '0:',
      stderr: '0:x',
    },
  ])('$name', ({ steps, maxLength, all, stdout, stderr }) => {
    expect(run(steps, maxLength)).toEqual({ all, stdout, stderr });
  });

  it('names the stream of the character before a position', () => {
    const text = new SessionText(100);
    text.append('stdout', 'ab');
    text.append('stderr', 'cd');
    expect([1, 2, 3, 4].map((end) => text.streamBefore('all', end))).toEqual(['stdout', 'stdout', 'stderr', 'stderr']);
    expect(text.streamBefore('stderr', 1)).toBe('stderr');
  });

  it('stays at maxLength while appends keep coming (a flood)', () => {
    const text = new SessionText(1000);
    for (let i = 0; i < 10_000; i++) text.append(i % 3 === 0 ? 'stderr' : 'stdout', 'x'.repeat(97));
    expect(text.text('all').length).toBe(1000);
    expect(text.offset('all')).toBe(970_000 - 1000);
    expect(text.text('stdout').length + text.text('stderr').length).toBe(1000);
  });
});

describe('SessionText against a character-by-character model (fast-check)', () => {
  const view = fc.constantFrom<TextView>('all', 'stdout', 'stderr');
  const step = fc.oneof(
    fc.tuple(fc.constantFrom<'out' | 'err'>('out', 'err'), fc.string({ unit: fc.constantFrom('a', 'b', '😀', 'é', '\n'), maxLength: 6 })),
    fc.tuple(fc.constant<'consume'>('consume'), view, fc.integer({ min: 0, max: 8 })),
    fc.tuple(fc.constant<'from'>('from'), view, fc.integer({ min: 0, max: 400 })),
    fc.tuple(fc.constant<'look'>('look'), view),
  );

  it('every view, offset and stream agrees after any steps, whichever view was looked at in between', () => {
    fc.assert(
      // Emptied pieces are taken out of the list after 1 to 4 of them: that happens all along.
      fc.property(fc.array(step, { maxLength: 200 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 4 }), (steps, maxLength, compactAfter) => {
        const text = new SessionText(maxLength, compactAfter);
        const model = new SessionTextModel(maxLength);
        for (const [kind, a, b] of steps) {
          if (kind === 'look') expect(text.text(a)).toBe(model.text(a));
          else if (kind === 'from') {
            const from = Math.max(b, model.offset(a));
            expect(text.textFrom(a, b)).toBe(model.text(a).slice(from - model.offset(a)));
          } else if (kind === 'consume') {
            text.consume(a, b);
            model.consume(a, b);
          } else {
            text.append(kind === 'out' ? 'stdout' : 'stderr', a);
            model.append(kind === 'out' ? 'stdout' : 'stderr', a);
          }
          for (const which of ['all', 'stdout', 'stderr'] as const) expect(text.offset(which), which).toBe(model.offset(which));
        }
        for (const which of ['all', 'stdout', 'stderr'] as const) {
          expect(text.text(which), which).toBe(model.text(which));
          expect(text.length(which), which).toBe(model.text(which).length);
        }
        const length = model.text('all').length;
        for (let end = 1; end <= length; end++) expect(text.streamBefore('all', end)).toBe(model.streamBefore('all', end));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('SessionText keeps what it holds bounded', () => {
  const piecesIn = (text: SessionText) => (text as unknown as { pieces: unknown[] }).pieces.length;

  it('one unmatched stderr line, then 100,000 stdout lines each consumed: the list of pieces stays short', () => {
    const text = new SessionText(1 << 20);
    text.append('stderr', 'warning: never matched\n');
    let most = 0;
    let wrong = 0;
    for (let i = 0; i < 100_000; i++) {
      text.append('stdout', 'x\n');
      if (text.text('stdout') !== 'x\n') wrong++;
      text.consume('stdout', 2);
      most = Math.max(most, piecesIn(text));
    }
    expect(wrong).toBe(0);
    expect(most).toBeLessThanOrEqual(2 * 64 + 1);
    expect(text.text('stderr')).toBe('warning: never matched\n');
    expect(text.text('all')).toBe('warning: never matched\n');
    expect([text.offset('all'), text.offset('stdout'), text.offset('stderr')]).toEqual([0, 200_000, 0]);
  });
});
