import { Observable } from 'rxjs';
import type { RunPlan } from '../process/runPlan.js';
import type { MuxEvent } from '../types.js';
import { planRemoteRun } from './remotePlan.js';
import { RemoteRun, type LocalRunner } from './remoteRun.js';

/**
 * The timeline of a run with the `remote` option: cold, one {@link RemoteRun} per subscription.
 * Checks the options at call time (an `InvalidOptionError` is thrown at once, as for any option).
 */
export function remoteTimeline(plan: RunPlan, runLocal: LocalRunner): Observable<MuxEvent> {
  const remotePlan = planRemoteRun(plan);
  return new Observable<MuxEvent>((subscriber) => {
    const run = new RemoteRun(remotePlan, subscriber, runLocal);
    run.run();
    return () => run.stop();
  });
}
