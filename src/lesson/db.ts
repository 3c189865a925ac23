import { PimLabDb } from '../store/db';

// One database handle for the lesson islands of a page (opened on first use, in the browser only).
// The simulator keeps its own handle on the same database; Dexie's liveQuery sees writes from both.
let db: PimLabDb | undefined;
export const lessonDb = (): PimLabDb => (db ??= new PimLabDb());
