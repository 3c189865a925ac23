import 'fake-indexeddb/auto';
import { appendEntry, createAttempt, PimLabDb, restoreAttempt } from '../src/store';
import { MY_DIRECTORY_SEED, type LogEntry } from '../src/tenant';

/**
 * Store figures in Node with fake-indexeddb (an in-memory IndexedDB written in JavaScript, slower
 * than a browser's): appends, one transaction each, and a whole restore (read + replay).
 */
export async function storeFigures(entries: LogEntry[], startAt: string) {
  const db = new PimLabDb(`bench-${Date.now()}`);
  await createAttempt(db, { id: 'bench', labId: 'bench', seedId: MY_DIRECTORY_SEED.id, startAt });
  const t0 = performance.now();
  for (const entry of entries) await appendEntry(db, 'bench', entry);
  const appendMs = performance.now() - t0;
  const restores: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t1 = performance.now();
    const restored = await restoreAttempt(db, 'bench');
    restores.push(performance.now() - t1);
    if (!restored.ok) throw new Error(`restore failed: ${JSON.stringify(restored.error)}`);
  }
  await db.delete();
  restores.sort((a, b) => a - b);
  return { appendsPerSecond: (entries.length / appendMs) * 1000, firstRestoreMs: restores[0]!, medianRestoreMs: restores[2]! };
}
