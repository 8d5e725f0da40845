import type { Observable } from 'rxjs';
import type { ChildEvent, ManyEvent, MuxJob, PipemuxOptions, SummaryEvent } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

/** A job that runs a node fixture under test/fixtures/. */
export function nodeJob(name: string, script: string, args: string[] = [], options?: PipemuxOptions): MuxJob {
  return { name, file: process.execPath, args: [fixture(script), ...args], ...(options === undefined ? {} : { options }) };
}

/** What a run gave: every child event with its arrival time (ms, this process's clock), and the summary. */
export interface RunRecord {
  events: { event: ChildEvent; at: number }[];
  summary: SummaryEvent;
}

/**
 * Subscribes and records every event with its arrival time until the summary and completion;
 * `onEvent` may drive the run (send input) as events arrive. Rejects with the run's error.
 */
export function record(timeline: Observable<ManyEvent>, onEvent: (event: ManyEvent, at: number) => void = () => {}): Promise<RunRecord> {
  const events: RunRecord['events'] = [];
  let summary: SummaryEvent | undefined;
  return new Promise((resolve, reject) => {
    timeline.subscribe({
      next: (event) => {
        const at = performance.now();
        if (event.type === 'summary') summary = event;
        else events.push({ event, at });
        onEvent(event, at);
      },
      error: reject,
      complete: () => (summary === undefined ? reject(new Error('completed without a summary')) : resolve({ events, summary })),
    });
  });
}

/** The stdout lines of one child, in order. */
export function stdoutOf(run: RunRecord, name: string): string[] {
  return run.events.flatMap(({ event }) => (event.name === name && event.type === 'stdout' ? [String(event.data)] : []));
}

/** The first event of a child matching `test`, with its arrival time. */
export function find(run: RunRecord, name: string, test: (event: ChildEvent) => boolean): { event: ChildEvent; at: number } {
  const found = run.events.find(({ event }) => event.name === name && test(event));
  if (found === undefined) throw new Error(`no such event of ${name}`);
  return found;
}
