import { describe, expect, it } from 'vitest';
import { pipemux } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';

describe('smoke', () => {
  it('delivers the lines of a node fixture then exit 0', async () => {
    const events = await collect(pipemux(...nodeFixture('print-lines.mjs', '3')));
    expect(events[0]?.type).toBe('spawn');
    expect(dataOf(events, 'stdout')).toEqual(['line 0', 'line 1', 'line 2']);
    expect(exitOf(events).code).toBe(0);
  });
});
