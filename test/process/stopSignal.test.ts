import { describe, expect, it } from 'vitest';
import { StopSwitch } from '../../src/process/stopSignal.js';

describe('StopSwitch', () => {
  it('stop() calls each listener once, in order, and sets aborted; a second stop() calls none', () => {
    const stop = new StopSwitch();
    const calls: string[] = [];
    stop.addEventListener('abort', () => calls.push('a'));
    stop.addEventListener('abort', () => calls.push('b'));
    expect(stop.aborted).toBe(false);
    stop.stop();
    stop.stop();
    expect(stop.aborted).toBe(true);
    expect(calls).toEqual(['a', 'b']);
  });

  it('a removed listener is not called; one added after stop() is never called', () => {
    const stop = new StopSwitch();
    const calls: string[] = [];
    const removed = () => calls.push('removed');
    stop.addEventListener('abort', removed);
    stop.addEventListener('abort', () => calls.push('kept'));
    stop.removeEventListener('abort', removed);
    stop.stop();
    stop.addEventListener('abort', () => calls.push('late'));
    expect(calls).toEqual(['kept']);
  });
});
