import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineTimer } from '../../src/interact/deadlineTimer.js';

// Pure timer logic on vitest's fake timers and clock.
describe('DeadlineTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const start = () => {
    const fired: number[] = [];
    const timer = new DeadlineTimer(
      () => fired.push(Date.now()),
      () => Date.now(),
    );
    return { fired, timer };
  };

  it('calls back once the time passed', () => {
    const { fired, timer } = start();
    const t0 = Date.now();
    timer.set(100);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([t0 + 100]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a later deadline keeps the armed timer, which re-arms for what is left when it fires', () => {
    const { fired, timer } = start();
    const t0 = Date.now();
    timer.set(100);
    vi.advanceTimersByTime(40);
    timer.clear();
    timer.set(100); // due at t0 + 140: no new timer now
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(60);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(fired).toEqual([t0 + 140]);
  });

  it('an earlier deadline re-arms at once', () => {
    const { fired, timer } = start();
    const t0 = Date.now();
    timer.set(1000);
    timer.set(10);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(10);
    expect(fired).toEqual([t0 + 10]);
  });

  it('clear() and Infinity call nothing back; dispose() leaves no timer', () => {
    const { fired, timer } = start();
    timer.set(50);
    timer.clear();
    vi.advanceTimersByTime(100);
    timer.set(Infinity);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([]);
    timer.set(50);
    timer.dispose();
    expect(vi.getTimerCount()).toBe(0);
    timer.set(50); // after dispose: nothing armed
    expect(vi.getTimerCount()).toBe(0);
  });
});
