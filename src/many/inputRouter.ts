import type { Observable, Subscription } from 'rxjs';
import { InputTargetError, type PipemuxError, StdinSourceError } from '../errors.js';
import type { StdinItem } from '../types.js';
import { indexOf, type CheckedJob } from './checkMuxAll.js';
import type { ChildInput } from './childInput.js';
import type { InputMessage } from './types.js';

/**
 * Sends each message of the run's `input` to the routed stdin of the child it names (or the default
 * target); the end of `input` is EOF for every child. A message for no routable child, an item that
 * is not a string, Buffer or string array, or an error of `input` ends the run with a typed error.
 */
export function routeInput(
  input: Observable<InputMessage>,
  route: { jobs: readonly CheckedJob[]; inputs: readonly (ChildInput | undefined)[]; defaultTarget: number; label: string },
  fail: (error: PipemuxError) => void,
): Subscription {
  const context = { command: route.label, cwd: process.cwd() };
  return input.subscribe({
    next: (message) => {
      if (typeof message !== 'object' || message === null)
        return fail(new StdinSourceError(`its input must be { to?, data }, got ${String(message)}`, context));
      const target = message.to ?? route.defaultTarget;
      const index = indexOf(target, route.jobs);
      const childInput = index === undefined ? undefined : route.inputs[index];
      if (childInput === undefined) {
        const why = index === undefined ? 'no such child' : 'its job sets its own stdin';
        return fail(new InputTargetError(`input for ${JSON.stringify(target)} cannot be delivered: ${why}`, { ...context, target }));
      }
      if (!isStdinItem(message.data)) return fail(new StdinSourceError(`input for ${JSON.stringify(target)} is not a string, Buffer or string array`, context));
      childInput.push(message.data);
    },
    error: (error: unknown) =>
      fail(new StdinSourceError(`its input failed: ${error instanceof Error ? error.message : String(error)}`, { ...context, cause: error })),
    complete: () => {
      for (const childInput of route.inputs) childInput?.end();
    },
  });
}

function isStdinItem(data: unknown): data is StdinItem {
  return typeof data === 'string' || data instanceof Uint8Array || (Array.isArray(data) && data.every((line) => typeof line === 'string'));
}
