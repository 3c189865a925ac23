import { liveQuery, type Observable } from 'dexie';
import type { AttemptRow, PimLabDb } from './db';
import { InvalidArgumentError } from './errors';
import { lastStepKey, progressKey } from './keys';
import { currentAttempt } from './reads';

// The learner's place in a lab, kept in the `meta` table next to the attempts:
//   progress:<attemptId> → the step numbers the learner has opened in that attempt (sorted, no
//     duplicates). Visits belong to an attempt, so Reset lab (a new attempt) starts with none and
//     an earlier attempt keeps its own. Whether a step is complete is worked out from them and the
//     attempt's checks (src/lesson/completion.ts): a visit completes only a step without checks.
//   lastStep:<labId>     → the step the learner last opened, for the overview's "Continue".
// This is lesson bookkeeping, not tenant truth: the grader never reads it.
//
// Like reads.ts, this module needs nothing from the tenant core, so a lesson island that shows
// progress does not pull the core into its bundle.

export { progressKey, lastStepKey };

function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new InvalidArgumentError(`A step number is an integer ≥ 0, not ${String(step)}.`);
}

/** The step numbers a stored value holds; anything malformed reads as no visits. */
function stepsOf(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((n): n is number => Number.isInteger(n) && n >= 0))].sort((a, b) => a - b);
}

/** The steps opened in the attempt (sorted). */
export async function readVisited(db: PimLabDb, attemptId: string): Promise<number[]> {
  return stepsOf((await db.meta.get(progressKey(attemptId)))?.value);
}

/** Records that the step was opened in the attempt (idempotent) in one transaction; returns the attempt's visited steps. */
export function markStepVisited(db: PimLabDb, attemptId: string, step: number): Promise<number[]> {
  checkStep(step);
  if (!attemptId) throw new InvalidArgumentError('Progress needs an attempt id.');
  return db.transaction('rw', db.meta, async () => {
    const steps = stepsOf((await db.meta.get(progressKey(attemptId)))?.value);
    if (steps.includes(step)) return steps;
    const next = [...steps, step].sort((a, b) => a - b);
    await db.meta.put({ key: progressKey(attemptId), value: next });
    return next;
  });
}

export interface LabProgress {
  /** The lab's current attempt, if it has one yet. */
  attempt: AttemptRow | undefined;
  /** Steps opened in that attempt. */
  visited: number[];
}

/** The lab's current attempt and the steps opened in it, live: follows Reset lab in any tab. */
export function observeLabProgress(db: PimLabDb, labId: string): Observable<LabProgress> {
  return liveQuery(async () => {
    const attempt = await currentAttempt(db, labId);
    return { attempt, visited: attempt ? await readVisited(db, attempt.id) : [] };
  });
}

/** Steps opened in each of the given attempts (for the overview's attempt list), live. */
export function observeVisitedOf(db: PimLabDb, attemptIds: readonly string[]): Observable<Record<string, number[]>> {
  return liveQuery(async () => {
    const rows = await db.meta.bulkGet(attemptIds.map(progressKey));
    return Object.fromEntries(attemptIds.map((id, i) => [id, stepsOf(rows[i]?.value)]));
  });
}

/** Remembers the step the learner last opened in the lab. */
export async function setLastStep(db: PimLabDb, labId: string, step: number): Promise<void> {
  checkStep(step);
  await db.meta.put({ key: lastStepKey(labId), value: step });
}

export async function getLastStep(db: PimLabDb, labId: string): Promise<number | undefined> {
  const value = (await db.meta.get(lastStepKey(labId)))?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Forgets the last opened step (after Reset lab the overview offers "Start lab" again). */
export async function clearLastStep(db: PimLabDb, labId: string): Promise<void> {
  await db.meta.delete(lastStepKey(labId));
}

export function observeLastStep(db: PimLabDb, labId: string): Observable<number | undefined> {
  return liveQuery(() => getLastStep(db, labId));
}
