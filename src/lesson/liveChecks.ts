import type { CheckResult } from '../grader';
import type { Grading } from './attemptGrading';
import { observeCurrentAttempt } from '../store/live';
import { lessonDb } from './db';

// The lab's checks graded live for the current attempt, shared by every <CheckBadge> of a page: one
// subscription to the attempt and one grading per change, whatever the number of badges. The grader
// (attemptGrading.ts) loads with the first badge, not with the page.

export type LiveChecks =
  | { kind: 'checking' }
  /** `attemptId`: the attempt graded (the current one when it was graded). */
  | { kind: 'graded'; attemptId: string; checks: ReadonlyMap<string, CheckResult> }
  | { kind: 'problem'; message: string };

/** A grading as LiveChecks (also for an attempt other than the current one: the overview's list). */
export function liveChecksOf(grading: Grading): LiveChecks {
  if (!grading.ok) return { kind: 'problem', message: grading.message };
  if (!grading.outcome.ok) return { kind: 'problem', message: `This attempt cannot be graded: ${grading.outcome.error.message}` };
  return { kind: 'graded', attemptId: grading.attempt.id, checks: new Map(grading.outcome.report.checks.map((c) => [c.id, c])) };
}

type Listener = (value: LiveChecks) => void;

interface Feed {
  value: LiveChecks;
  listeners: Set<Listener>;
  stop: () => void;
}

const feeds = new Map<string, Feed>();

function start(labId: string): Feed {
  const feed: Feed = { value: { kind: 'checking' }, listeners: new Set(), stop: () => undefined };
  const publish = (value: LiveChecks) => {
    feed.value = value;
    for (const l of [...feed.listeners]) l(value);
  };
  // Changes that arrive while grading collapse into one more grading afterwards.
  let running = false;
  let again = false;
  const run = async () => {
    if (running) return void (again = true);
    running = true;
    do {
      again = false;
      try {
        const { gradeCurrentAttempt } = await import('./attemptGrading');
        publish(liveChecksOf(await gradeCurrentAttempt(lessonDb(), labId)));
      } catch (e) {
        publish({ kind: 'problem', message: `Checking failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    } while (again);
    running = false;
  };
  const sub = observeCurrentAttempt(lessonDb(), labId).subscribe({ next: () => void run() });
  feed.stop = () => sub.unsubscribe();
  return feed;
}

/** Calls `listener` with the current grading and every new one; returns the unsubscribe. */
export function followChecks(labId: string, listener: Listener): () => void {
  let feed = feeds.get(labId);
  if (!feed) feeds.set(labId, (feed = start(labId)));
  feed.listeners.add(listener);
  listener(feed.value);
  return () => {
    feed.listeners.delete(listener);
    // The last badge left (a client-router page change): stop following until one mounts again.
    if (feed.listeners.size === 0) {
      feed.stop();
      feeds.delete(labId);
    }
  };
}
