import { afterEach } from 'vitest';
import { interact, type InteractOptions, type InteractSession } from '../../src/index.js';
import { TimelineProbe } from '../stdin/timelineProbe.js';

/** A session and a probe that has seen its timeline from spawn on. */
export interface ProbedSession {
  session: InteractSession;
  probe: TimelineProbe;
}

/**
 * Gives a function that starts sessions (each with a timeline probe subscribed at once) and closes
 * every one of them after each test, so that a failing test leaves no child behind.
 */
export function useSessions(): (file: string, args?: readonly string[], options?: InteractOptions) => ProbedSession {
  const open: InteractSession[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((session) => session.close()));
  });
  return (file, args, options) => {
    const session = interact(file, args, options);
    open.push(session);
    return { session, probe: new TimelineProbe(session.timeline) };
  };
}

/** Whether a promise is still pending once everything already settled has run. */
export async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  return (
    (await Promise.race([
      promise.then(
        () => undefined,
        () => undefined,
      ),
      new Promise((resolve) => setImmediate(() => resolve(marker))),
    ])) === marker
  );
}

/** UTF-8 hex of a string, for the write-on-cue.mjs fixture. */
export const hex = (text: string) => Buffer.from(text).toString('hex');
