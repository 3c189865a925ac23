import { liveQuery, type Observable } from 'dexie';
import type { AttemptRow, PimLabDb } from './db';
import { InvalidArgumentError } from './errors';
import { lastStepKey, progressKey } from './keys';
import { currentAttempt } from './reads';

// The learner's place in a lab, kept in the `meta` table next to the attempts:
//   progress:<attemptId> → the step numbers marked done in that attempt (sorted, no duplicates).
//     Progress belongs to an attempt, so Reset lab (a new attempt) starts with none and an
//     earlier attempt keeps its own.
//   lastStep:<labId>     → the step the learner last opened, for the overview's "Continue".
// This is lesson bookkeeping, not tenant truth: the grader never reads it.
//
// Like reads.ts, this module needs nothing from the tenant core, so a lesson island that shows
// progress does not pull the core into its bundle.

export { progressKey, lastStepKey };

function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new InvalidArgumentError(`A step number is an integer ≥ 0, not ${String(step)}.`);
}

/** The step numbers a stored value holds; anything malformed reads as no progress. */
function stepsOf(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((n): n is number => Number.isInteger(n) && n >= 0))].sort((a, b) => a - b);
}

/** The steps marked done in the attempt (sorted). */
export async function readProgress(db: PimLabDb, attemptId: string): Promise<number[]> {
  return stepsOf((await db.meta.get(progressKey(attemptId)))?.value);
}

/** Marks a step done in the attempt (idempotent) in one transaction; returns the attempt's steps. */
export function markStepDone(db: PimLabDb, attemptId: string, step: number): Promise<number[]> {
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

/**
 * Marks a step done in the lab's current attempt, resolved inside the same transaction (so a
 * Reset lab in another tab cannot slip in between). Returns undefined when the lab has no current
 * attempt yet (the simulator creates it when it first opens).
 */
export function markStepDoneInCurrentAttempt(db: PimLabDb, labId: string, step: number): Promise<{ attemptId: string; steps: number[] } | undefined> {
  checkStep(step);
  return db.transaction('rw', db.attempts, db.meta, async () => {
    const attempt = await currentAttempt(db, labId);
    if (!attempt) return undefined;
    return { attemptId: attempt.id, steps: await markStepDone(db, attempt.id, step) };
  });
}

/** The attempt's done steps, live (this tab and others). */
export function observeProgress(db: PimLabDb, attemptId: string): Observable<number[]> {
  return liveQuery(() => readProgress(db, attemptId));
}

export interface LabProgress {
  /** The lab's current attempt, if it has one yet. */
  attempt: AttemptRow | undefined;
  /** Steps done in that attempt. */
  steps: number[];
}

/** The lab's current attempt and its done steps, live: follows Reset lab in any tab. */
export function observeLabProgress(db: PimLabDb, labId: string): Observable<LabProgress> {
  return liveQuery(async () => {
    const attempt = await currentAttempt(db, labId);
    return { attempt, steps: attempt ? await readProgress(db, attempt.id) : [] };
  });
}

/** Done steps of each of the given attempts (for the overview's attempt list), live. */
export function observeProgressOf(db: PimLabDb, attemptIds: readonly string[]): Observable<Record<string, number[]>> {
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
