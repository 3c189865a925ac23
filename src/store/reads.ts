import Dexie from 'dexie';
import type { AttemptRow, PimLabDb } from './db';
import { currentAttemptKey } from './keys';

// Attempt reads that need nothing from the tenant core: listing a lab's attempts and finding its
// current one. Kept apart from attempts.ts (which replays logs through the core) so that a page
// that only lists attempts, like a lab's overview, does not download the core. Re-exported by
// attempts.ts.

export function getAttempt(db: PimLabDb, attemptId: string): Promise<AttemptRow | undefined> {
  return db.attempts.get(attemptId);
}

const newestFirst = (a: AttemptRow, b: AttemptRow) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.ordinal - a.ordinal);

/** The lab's attempts, newest first (ties in createdAt broken by ordinal). */
export async function listAttempts(db: PimLabDb, labId: string): Promise<AttemptRow[]> {
  const rows = await db.attempts.where('[labId+createdAt]').between([labId, Dexie.minKey], [labId, Dexie.maxKey], true, true).reverse().toArray();
  return rows.sort(newestFirst);
}

/** The attempt the lab's pages open, if one was made current (and still exists). */
export function currentAttempt(db: PimLabDb, labId: string): Promise<AttemptRow | undefined> {
  return db.transaction('r', db.attempts, db.meta, async () => {
    const meta = await db.meta.get(currentAttemptKey(labId));
    if (typeof meta?.value !== 'string') return undefined;
    const attempt = await db.attempts.get(meta.value);
    return attempt?.labId === labId ? attempt : undefined;
  });
}
