import { liveQuery, type Observable } from 'dexie';
import { learnerProblem } from '../grader/learner';
import type { AttemptRow, PimLabDb } from './db';
import { InvalidArgumentError } from './errors';
import { currentAttemptKey, LEARNER_KEY } from './keys';

// The learner's name or student ID, asked once on a lab's overview. It is kept in the `meta` table
// (`learner`, one for every lab: it names the person, not the lab) and copied onto attempts:
// createAttempt and resetLab give it to every new attempt, and changing it updates each lab's
// current attempt. Earlier attempts keep the name they were made (and maybe handed in) with.
// Like reads.ts, this module needs nothing from the tenant core.

function storedLearner(value: unknown): string | null {
  return typeof value === 'string' && learnerProblem(value) === null ? value : null;
}

/** The saved learner name, or null. */
export async function getLearner(db: PimLabDb): Promise<string | null> {
  return storedLearner((await db.meta.get(LEARNER_KEY))?.value);
}

/** The saved learner name, live (this tab and others). */
export function observeLearner(db: PimLabDb): Observable<string | null> {
  return liveQuery(() => getLearner(db));
}

/**
 * Saves the learner's name or student ID (null forgets it) and writes it onto every lab's current
 * attempt, in one transaction. The name must already be trimmed and valid (learnerProblem); anything
 * else is refused with InvalidArgumentError and nothing is written. Returns the attempts updated.
 */
export function setLearner(db: PimLabDb, learner: string | null): Promise<AttemptRow[]> {
  if (learner !== null) {
    const problem = typeof learner === 'string' ? learnerProblem(learner) : 'expected text.';
    if (problem) throw new InvalidArgumentError(`Learner name or student ID: ${problem}`);
  }
  return db.transaction('rw', db.attempts, db.meta, async () => {
    if (learner === null) await db.meta.delete(LEARNER_KEY);
    else await db.meta.put({ key: LEARNER_KEY, value: learner });
    const pointers = await db.meta.where('key').startsWith(currentAttemptKey('')).toArray();
    const updated: AttemptRow[] = [];
    for (const pointer of pointers) {
      if (typeof pointer.value !== 'string') continue;
      const attempt = await db.attempts.get(pointer.value);
      // A pointer to another lab's attempt is not a current attempt (reads.ts ignores it too).
      if (!attempt || pointer.key !== currentAttemptKey(attempt.labId) || attempt.learner === learner) continue;
      const next = { ...attempt, learner };
      await db.attempts.put(next);
      updated.push(next);
    }
    return updated;
  });
}
