/** Subscribes to a timeline, hands every event to `onEvent`, and resolves on completion. */
export function drainTimeline(timeline, onEvent) {
  return new Promise((resolve, reject) => {
    timeline.subscribe({ next: onEvent, error: reject, complete: resolve });
  });
}
