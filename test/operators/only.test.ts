import type { Observable } from 'rxjs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { only, pipemux, type ExitEvent, type MuxEvent, type OutputEvent, type SpawnEvent } from '../../src/index.js';
import { collect } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';

/** A child that writes o1, e1, o2, e2 (o on stdout, e on stderr), one write each. */
const bothStreams = () => pipemux(...nodeFixture('write-chunks.mjs', 'out:6f310a', 'err:65310a', 'out:6f320a', 'err:65320a'));
const show = (event: MuxEvent) => ('data' in event ? `${event.type} ${String(event.data)}` : event.type);

describe('only()', () => {
  it.each<{ types: MuxEvent['type'][]; shown: string[] }>([
    { types: ['stdout'], shown: ['stdout o1', 'stdout o2'] },
    { types: ['stderr'], shown: ['stderr e1', 'stderr e2'] },
    { types: ['stderr', 'exit'], shown: ['stderr e1', 'stderr e2', 'exit'] },
    { types: ['spawn', 'exit'], shown: ['spawn', 'exit'] },
  ])('only($types) keeps just those events, in order', async ({ types, shown }) => {
    const events = await collect(bothStreams().pipe(only(...types)));
    expect(events.map(show)).toEqual(shown);
  });

  it('narrows the event type', () => {
    expectTypeOf(bothStreams().pipe(only('stderr'))).toEqualTypeOf<Observable<OutputEvent<string> & { type: 'stderr' }>>();
    expectTypeOf(bothStreams().pipe(only('stdout', 'stderr'))).toEqualTypeOf<Observable<OutputEvent<string>>>();
    expectTypeOf(bothStreams().pipe(only('spawn', 'exit'))).toEqualTypeOf<Observable<SpawnEvent | ExitEvent>>();
  });
});
