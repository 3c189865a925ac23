import Dexie, { type Table } from 'dexie';
import type { Command } from '../tenant';

// The learner's attempts live in IndexedDB through Dexie. This folder is the only place in the
// project that imports Dexie; everything else sees the functions in attempts.ts / session.ts / live.ts.
//
// Schema history. Dexie needs every version that ever shipped to stay declared so it can upgrade a
// browser that still holds an old one. To change the schema: never edit a shipped entry; append
// `{ version: 2, stores: {...}, upgrade?: (tx) => ... }` to SCHEMA_HISTORY, bump SCHEMA_VERSION and
// update STORES (and the schema test, which pins the declared tables on purpose).

/** The Dexie schema version this code declares (IndexedDB's own version number is 10× this). */
export const SCHEMA_VERSION = 2;

/** Tables, primary keys (first item) and indexes of the current schema, in Dexie's notation. */
export const STORES = {
  /** One row per attempt; several attempts per lab. */
  attempts: 'id, labId, [labId+createdAt]',
  /** The append-only log: one row per accepted command, keyed by [attemptId+seq]. The truth. */
  entries: '[attemptId+seq]',
  /** Cache only (folded states at a version); may be dropped at any time. Not used yet. */
  snapshots: '[attemptId+version]',
  /** Small key/value facts, e.g. `currentAttempt:<labId>`. */
  meta: 'key',
} as const satisfies Record<string, string>;

export type StoreName = keyof typeof STORES;

interface SchemaStep {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: import('dexie').Transaction) => PromiseLike<unknown> | void;
}

export const SCHEMA_HISTORY: readonly SchemaStep[] = [
  { version: 1, stores: STORES },
  {
    // Attempts carry the learner's name or student ID (AttemptRow.learner). Tables and indexes are
    // unchanged; attempts made before have no learner, written as null so that every row has the field.
    version: 2,
    stores: STORES,
    upgrade: (tx) =>
      tx
        .table<AttemptRow, string>('attempts')
        .toCollection()
        .modify((a) => {
          if (typeof a.learner !== 'string') a.learner = null;
        }),
  },
];

export const DEFAULT_DB_NAME = 'pim-lab';

export interface AttemptRow {
  id: string;
  labId: string;
  /** Key into the tenant core's SEEDS. */
  seedId: string;
  /** The tenant clock at the start of the attempt (ISO 8601, as given to createTenant). */
  startAt: string;
  /** Wall-clock record times, normalized to `Date#toISOString()` so that they sort as strings. */
  createdAt: string;
  updatedAt: string;
  /** Number of log entries = the next entry's seq. */
  length: number;
  /**
   * Bumped by every write to the log (append and truncate). Length alone cannot tell "another tab
   * undid 2 entries and appended 2 others" from "nothing changed"; the revision can.
   */
  revision: number;
  /** 1, 2, 3… within the lab, in creation order. */
  ordinal: number;
  title: string;
  /**
   * The learner's name or student ID (src/grader/learner.ts: trimmed, 1–64 characters, no control
   * characters), written into the attempt file; null when the learner gave none. Since version 2.
   */
  learner: string | null;
}

export interface EntryRow {
  attemptId: string;
  seq: number;
  at: string;
  actor: string;
  command: Command;
}

export interface SnapshotRow {
  attemptId: string;
  version: number;
  createdAt: string;
  state: unknown;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class PimLabDb extends Dexie {
  attempts!: Table<AttemptRow, string>;
  entries!: Table<EntryRow, [string, number]>;
  snapshots!: Table<SnapshotRow, [string, number]>;
  meta!: Table<MetaRow, string>;

  constructor(name: string = DEFAULT_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const step of SCHEMA_HISTORY) {
      const v = this.version(step.version).stores(step.stores);
      if (step.upgrade) v.upgrade(step.upgrade);
    }
  }
}
