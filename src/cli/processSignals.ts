/** The signals the pipemux command passes on to what it runs (Ctrl-C, kill, a closed terminal). */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Calls `handler` on each forwarded signal this process receives; the returned function stops listening. */
export function onProcessSignals(handler: (signal: NodeJS.Signals) => void): () => void {
  for (const signal of FORWARDED_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, handler);
  };
}
