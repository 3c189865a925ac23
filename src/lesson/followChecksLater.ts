import type { LiveChecks } from './liveChecks';

// followChecks (liveChecks.ts) with its code, and the store code it needs, loaded on first use
// instead of with the page: the lesson islands that show checks start without it.

/** Calls `listener` with the current grading and every new one, once loaded; returns the unsubscribe. */
export function followChecksLater(labId: string, listener: (value: LiveChecks) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void import('./liveChecks').then(({ followChecks }) => {
    if (!stopped) stop = followChecks(labId, listener);
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
