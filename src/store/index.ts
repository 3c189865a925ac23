// The store: attempts and their event logs in IndexedDB (Dexie). The only room that imports Dexie.
export * from './db';
export * from './errors';
export * from './attempts';
export * from './session';
export * from './live';
export * from './progress';
export * from './learner';
