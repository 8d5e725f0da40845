import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { grouped, muxAll, type InputMessage, type ManyEvent } from '../../src/index.js';
import { nodeJob } from './support.js';

const describeEvent = (event: ManyEvent) =>
  event.type === 'summary' ? 'summary' : `${event.name} ${event.type}${event.type === 'stdout' ? ` ${String(event.data)}` : ''}`;

describe('grouped()', () => {
  it("passes each child's events on together when it exits, in the order the children exit", async () => {
    const input = new Subject<InputMessage>();
    const jobs = [nodeJob('slow', 'exit-on-line.mjs', ['0']), nodeJob('quick', 'print-lines.mjs', ['3'])];
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      muxAll(jobs, { input })
        .pipe(grouped())
        .subscribe({
          next: (event) => {
            seen.push(describeEvent(event));
            // The slow child (which printed "waiting" long ago) ends only after the quick one's group came out.
            if (event.type === 'exit' && event.name === 'quick') input.next({ to: 'slow', data: 'done\n' });
          },
          error: reject,
          complete: resolve,
        });
    });
    expect(seen).toEqual([
      'quick spawn',
      'quick stdout line 0',
      'quick stdout line 1',
      'quick stdout line 2',
      'quick exit',
      'slow spawn',
      'slow stdout waiting',
      'slow stdout done',
      'slow exit',
      'summary',
    ]);
  });

  it('puts out the events of a run that ended without an exit event before the summary', async () => {
    const seen: string[] = [];
    let summary: ManyEvent | undefined;
    // Writing to /dev/full fails after the spawn: that run ends with a TeeSinkError, not an exit event.
    const broken = nodeJob('broken', 'print-lines.mjs', ['100000'], { tee: { stdout: '/dev/full' } });
    await new Promise<void>((resolve) => {
      muxAll([broken])
        .pipe(grouped())
        .subscribe({
          next: (event) => {
            seen.push(describeEvent(event));
            if (event.type === 'summary') summary = event;
          },
          complete: resolve,
        });
    });
    expect(seen[0]).toBe('broken spawn');
    expect(seen.at(-1)).toBe('summary');
    expect(seen).not.toContain('broken exit');
    expect(summary).toMatchObject({ success: false, children: [{ outcome: 'failure', error: { name: 'TeeSinkError' } }] });
  });
});
