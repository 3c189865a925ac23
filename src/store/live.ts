import { liveQuery, type Observable } from 'dexie';
import { currentAttempt, listAttempts } from './reads';
import type { AttemptRow, PimLabDb } from './db';

// Cross-tab reactivity. Dexie's liveQuery re-runs a query when a transaction that touched what it
// read commits — in this tab, in another Dexie instance of this tab, or in another tab (Dexie 4
// forwards its change notices over BroadcastChannel). The UI re-restores (AttemptSession#sync)
// when an attempt's revision changes; length alone misses "undo 2, then 2 new entries".

export interface AttemptHead {
  length: number;
  updatedAt: string;
  revision: number;
}

/** The attempt's head, or undefined once it is deleted. */
export function observeAttempt(db: PimLabDb, attemptId: string): Observable<AttemptHead | undefined> {
  return liveQuery(async () => {
    const a = await db.attempts.get(attemptId);
    return a && { length: a.length, updatedAt: a.updatedAt, revision: a.revision };
  });
}

/** The lab's attempts, newest first. */
export function observeAttempts(db: PimLabDb, labId: string): Observable<AttemptRow[]> {
  return liveQuery(() => listAttempts(db, labId));
}

/** The lab's current attempt (changes on Reset lab, in any tab). */
export function observeCurrentAttempt(db: PimLabDb, labId: string): Observable<AttemptRow | undefined> {
  return liveQuery(() => currentAttempt(db, labId));
}
