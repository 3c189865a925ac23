import Dexie from 'dexie';
import { createTenant, logEntrySchema, parseInstant, replay, SEEDS, type LogEntry, type TenantState } from '../tenant';
import type { AttemptRow, EntryRow, PimLabDb } from './db';
import {
  AppendConflictError,
  AttemptExistsError,
  AttemptNotFoundError,
  CorruptLogError,
  InvalidArgumentError,
  InvalidEntryError,
  UnknownSeedError,
  type RestoreError,
} from './errors';
import { currentAttemptKey, LEARNER_KEY, progressKey } from './keys';
import { learnerProblem } from '../grader/learner';
import { currentAttempt, getAttempt, listAttempts } from './reads';

// Attempts and their logs, as functions over a db instance. Every function is one IndexedDB
// transaction: a write either happens whole or not at all.
//
// Record times (createdAt/updatedAt) are wall-clock metadata for lists ("last saved"), distinct from
// the tenant clock carried by each entry's `at`. Callers may pass `now` (tests do); by default the
// store reads the wall clock — the tenant core never does.

/** Key of the meta row that names a lab's current attempt. */
export { currentAttemptKey };
// Reads that need no tenant core live in reads.ts (so that a page listing attempts does not load
// the core); they are part of this module's API as before.
export { currentAttempt, getAttempt, listAttempts };

function recordTime(now: string | undefined, what = 'now'): string {
  if (now === undefined) return new Date().toISOString();
  const ms = parseInstant(now);
  if (ms === null) throw new InvalidArgumentError(`'${now}' (${what}) is not an ISO 8601 date and time with an offset.`);
  // Normalized to the fixed-width UTC form so that string order is time order in the index.
  return new Date(ms).toISOString();
}

const entryRange = (db: PimLabDb, attemptId: string) =>
  db.entries.where('[attemptId+seq]').between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey], true, true);

const toEntry = (row: EntryRow): LogEntry => ({ seq: row.seq, at: row.at, actor: row.actor, command: row.command });

export interface NewAttempt {
  id: string;
  labId: string;
  seedId: string;
  /** The tenant clock at the start (ISO 8601 with an offset). */
  startAt: string;
  now?: string;
  title?: string;
  /** Also make it the lab's current attempt. */
  makeCurrent?: boolean;
  /** The learner's name or student ID; by default the one saved with setLearner (or none). */
  learner?: string | null;
}

function checkNewAttempt(a: NewAttempt): void {
  if (!a.id) throw new InvalidArgumentError('An attempt needs an id.');
  if (!a.labId) throw new InvalidArgumentError('An attempt needs a lab id.');
  if (!Object.hasOwn(SEEDS, a.seedId)) throw new UnknownSeedError(a.seedId);
  if (parseInstant(a.startAt) === null) throw new InvalidArgumentError(`Start time '${a.startAt}' is not an ISO 8601 date and time with an offset.`);
  const problem = typeof a.learner === 'string' ? learnerProblem(a.learner) : null;
  if (problem) throw new InvalidArgumentError(`Learner name or student ID: ${problem}`);
}

/** Body of createAttempt, for use inside a rw transaction over attempts and meta. */
async function insertAttempt(db: PimLabDb, a: NewAttempt): Promise<AttemptRow> {
  checkNewAttempt(a);
  const at = recordTime(a.now);
  if (await db.attempts.get(a.id)) throw new AttemptExistsError(a.id);
  const siblings = await db.attempts.where('labId').equals(a.labId).toArray();
  const ordinal = siblings.reduce((max, s) => Math.max(max, s.ordinal), 0) + 1;
  const saved = a.learner === undefined ? (await db.meta.get(LEARNER_KEY))?.value : a.learner;
  const row: AttemptRow = {
    id: a.id,
    labId: a.labId,
    seedId: a.seedId,
    startAt: a.startAt,
    createdAt: at,
    updatedAt: at,
    length: 0,
    revision: 0,
    ordinal,
    title: a.title ?? `Attempt ${ordinal}`,
    // A saved name that is somehow not valid any more is left out rather than written into a file.
    learner: typeof saved === 'string' && learnerProblem(saved) === null ? saved : null,
  };
  await db.attempts.add(row);
  if (a.makeCurrent) await db.meta.put({ key: currentAttemptKey(a.labId), value: a.id });
  return row;
}

/** Starts an empty attempt. A lab may have any number of attempts. */
export function createAttempt(db: PimLabDb, a: NewAttempt): Promise<AttemptRow> {
  return db.transaction('rw', db.attempts, db.meta, () => insertAttempt(db, a));
}

export function setCurrentAttempt(db: PimLabDb, labId: string, attemptId: string): Promise<AttemptRow> {
  return db.transaction('rw', db.attempts, db.meta, async () => {
    const attempt = await db.attempts.get(attemptId);
    if (!attempt) throw new AttemptNotFoundError(attemptId);
    if (attempt.labId !== labId) throw new InvalidArgumentError(`Attempt '${attemptId}' belongs to lab '${attempt.labId}', not '${labId}'.`);
    await db.meta.put({ key: currentAttemptKey(labId), value: attemptId });
    return attempt;
  });
}

function parseEntry(entry: unknown): LogEntry {
  const parsed = logEntrySchema.safeParse(entry);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  throw new InvalidEntryError(`Invalid log entry: ${issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ')}`, issues);
}

export interface AppendOptions {
  /**
   * The attempt revision the entry was built against. When given, an append onto a log that was
   * rewritten in between (truncate + appends to the same length) is refused as a conflict too.
   */
  expectedRevision?: number;
  now?: string;
}

/**
 * Appends one entry in one rw transaction over attempts+entries: the entry is validated (zod), the
 * attempt must exist and `entry.seq` must equal its length (and the revision match, if given);
 * then the row is added and the attempt's length/revision/updatedAt bumped. Any failure — a typed
 * error or an IndexedDB one — aborts the transaction, so nothing is written.
 *
 * The store does not run the tenant's rules here (AttemptSession does, before appending); replay
 * re-runs them on restore.
 */
export function appendEntry(db: PimLabDb, attemptId: string, entry: LogEntry, opts: AppendOptions = {}): Promise<AttemptRow> {
  return db.transaction('rw', db.attempts, db.entries, async () => {
    const valid = parseEntry(entry);
    const updatedAt = recordTime(opts.now);
    const attempt = await db.attempts.get(attemptId);
    if (!attempt) throw new AttemptNotFoundError(attemptId);
    if (valid.seq !== attempt.length || (opts.expectedRevision !== undefined && opts.expectedRevision !== attempt.revision))
      throw new AppendConflictError(attemptId, attempt.length, valid.seq, opts.expectedRevision, attempt.revision);
    await db.entries.add({ attemptId, seq: valid.seq, at: valid.at, actor: valid.actor, command: valid.command });
    const next: AttemptRow = { ...attempt, length: attempt.length + 1, revision: attempt.revision + 1, updatedAt };
    await db.attempts.put(next);
    return next;
  });
}

export interface ReadOptions {
  /**
   * 'cheap' (default): structural checks only — seqs contiguous from 0, fields of the right kinds.
   * Rows were validated with zod on append and restore re-runs every rule, so re-parsing 10,000
   * rows with zod on every reload would cost time and catch nothing new. 'full' re-parses each row
   * with logEntrySchema (for exports or diagnostics).
   */
  validate?: 'cheap' | 'full';
}

function checkRows(attemptId: string, rows: EntryRow[], validate: 'cheap' | 'full'): LogEntry[] {
  const out: LogEntry[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.seq !== i) throw new CorruptLogError(attemptId, `Attempt '${attemptId}': entry ${i} is missing (found seq ${row.seq}).`, i);
    if (validate === 'full') {
      try {
        out[i] = parseEntry(toEntry(row));
      } catch (e) {
        throw new CorruptLogError(attemptId, `Attempt '${attemptId}': entry ${i} is invalid. ${(e as Error).message}`, i);
      }
      continue;
    }
    const c = row.command as unknown;
    if (typeof row.at !== 'string' || typeof row.actor !== 'string' || typeof c !== 'object' || c === null || typeof (c as { type?: unknown }).type !== 'string')
      throw new CorruptLogError(attemptId, `Attempt '${attemptId}': entry ${i} is not a log entry.`, i);
    out[i] = toEntry(row);
  }
  return out;
}

/** The attempt's log in seq order (one range read on the [attemptId+seq] primary key). */
export async function readEntries(db: PimLabDb, attemptId: string, opts: ReadOptions = {}): Promise<LogEntry[]> {
  return checkRows(attemptId, await entryRange(db, attemptId).toArray(), opts.validate ?? 'cheap');
}

export type RestoreResult = { ok: true; attempt: AttemptRow; state: TenantState; entries: LogEntry[] } | { ok: false; error: RestoreError };

/**
 * Rebuilds the attempt's tenant: replay(createTenant(seed, startAt), entries), re-running every rule.
 * The attempt row and its entries are read in one read transaction. Failures are returned, never
 * thrown (IndexedDB failures aside), and nothing is ever deleted.
 */
export async function restoreAttempt(db: PimLabDb, attemptId: string, opts: ReadOptions = {}): Promise<RestoreResult> {
  const { attempt, rows } = await db.transaction('r', db.attempts, db.entries, async () => ({
    attempt: await db.attempts.get(attemptId),
    rows: await entryRange(db, attemptId).toArray(),
  }));
  if (!attempt) return { ok: false, error: { code: 'AttemptNotFound', attemptId, message: `Attempt '${attemptId}' does not exist.` } };
  const seed = Object.hasOwn(SEEDS, attempt.seedId) ? SEEDS[attempt.seedId] : undefined;
  if (!seed) return { ok: false, error: { code: 'UnknownSeed', attempt, seedId: attempt.seedId, message: `There is no tenant seed '${attempt.seedId}'.` } };
  let entries: LogEntry[];
  try {
    entries = checkRows(attemptId, rows, opts.validate ?? 'cheap');
  } catch (e) {
    const err = e as CorruptLogError;
    return { ok: false, error: { code: 'CorruptLog', attempt, message: err.message, ...(err.seq !== undefined ? { seq: err.seq } : {}) } };
  }
  if (entries.length !== attempt.length)
    return { ok: false, error: { code: 'CorruptLog', attempt, message: `Attempt '${attemptId}' records ${attempt.length} entries but its log holds ${entries.length}.` } };
  let initial: TenantState;
  try {
    initial = createTenant(seed, attempt.startAt);
  } catch (e) {
    return { ok: false, error: { code: 'BadSeed', attempt, message: (e as Error).message } };
  }
  let result: ReturnType<typeof replay>;
  try {
    result = replay(initial, entries);
  } catch (e) {
    // Only a row the cheap checks let through could make the core throw.
    return { ok: false, error: { code: 'CorruptLog', attempt, message: `Attempt '${attemptId}' could not be replayed: ${(e as Error).message}` } };
  }
  if (!result.ok)
    return {
      ok: false,
      error: {
        code: 'ReplayRefused',
        attempt,
        message: `Entry ${result.failedAt} of attempt '${attemptId}' is refused by the lab's rules: ${result.error.code}: ${result.error.message}`,
        failedAt: result.failedAt,
        entry: result.entry,
        error: result.error,
        state: result.state,
      },
    };
  return { ok: true, attempt, state: result.state, entries };
}

export interface ResetOptions {
  id: string;
  startAt: string;
  now?: string;
  /** Defaults to the seed of the lab's current (else latest) attempt. */
  seedId?: string;
  title?: string;
}

/**
 * Reset lab: starts a NEW attempt for the lab and makes it current, in one transaction. Earlier
 * attempts stay, listed and restorable — resetting never loses work.
 */
export function resetLab(db: PimLabDb, labId: string, opts: ResetOptions): Promise<AttemptRow> {
  return db.transaction('rw', db.attempts, db.meta, async () => {
    let seedId = opts.seedId;
    if (seedId === undefined) {
      const meta = await db.meta.get(currentAttemptKey(labId));
      const current = typeof meta?.value === 'string' ? await db.attempts.get(meta.value) : undefined;
      const previous = current?.labId === labId ? current : (await listAttempts(db, labId))[0];
      seedId = previous?.seedId;
    }
    if (seedId === undefined) throw new InvalidArgumentError(`Lab '${labId}' has no attempt to take the seed from; pass seedId.`);
    return insertAttempt(db, { id: opts.id, labId, seedId, startAt: opts.startAt, makeCurrent: true, ...(opts.now !== undefined ? { now: opts.now } : {}), ...(opts.title !== undefined ? { title: opts.title } : {}) });
  });
}

export interface TruncateOptions {
  /** Refuse (AppendConflictError) if the attempt's revision is no longer this one. */
  expectedRevision?: number;
  now?: string;
}

/**
 * Undo back to a point: keeps entries with seq < toSeq (so the length becomes toSeq) and drops the
 * rest, with any snapshot past that point, in one transaction. toSeq = length is a no-op.
 */
export function truncateAttempt(db: PimLabDb, attemptId: string, toSeq: number, opts: TruncateOptions = {}): Promise<AttemptRow> {
  return db.transaction('rw', [db.attempts, db.entries, db.snapshots], async () => {
    const updatedAt = recordTime(opts.now);
    const attempt = await db.attempts.get(attemptId);
    if (!attempt) throw new AttemptNotFoundError(attemptId);
    if (opts.expectedRevision !== undefined && opts.expectedRevision !== attempt.revision)
      throw new AppendConflictError(attemptId, attempt.length, attempt.length, opts.expectedRevision, attempt.revision);
    if (!Number.isInteger(toSeq) || toSeq < 0 || toSeq > attempt.length)
      throw new InvalidArgumentError(`Cannot truncate attempt '${attemptId}' to ${toSeq}: it has ${attempt.length} entries.`);
    if (toSeq === attempt.length) return attempt;
    await db.entries.where('[attemptId+seq]').between([attemptId, toSeq], [attemptId, Dexie.maxKey], true, true).delete();
    await db.snapshots.where('[attemptId+version]').between([attemptId, toSeq], [attemptId, Dexie.maxKey], false, true).delete();
    const next: AttemptRow = { ...attempt, length: toSeq, revision: attempt.revision + 1, updatedAt };
    await db.attempts.put(next);
    return next;
  });
}

/** Deletes the attempt, its log, snapshots and step progress, and the lab's current pointer if it named it. */
export function deleteAttempt(db: PimLabDb, attemptId: string): Promise<boolean> {
  return db.transaction('rw', [db.attempts, db.entries, db.snapshots, db.meta], async () => {
    const attempt = await db.attempts.get(attemptId);
    if (!attempt) return false;
    await entryRange(db, attemptId).delete();
    await db.snapshots.where('[attemptId+version]').between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey], true, true).delete();
    await db.attempts.delete(attemptId);
    await db.meta.delete(progressKey(attemptId));
    const key = currentAttemptKey(attempt.labId);
    const meta = await db.meta.get(key);
    if (meta?.value === attemptId) await db.meta.delete(key);
    return true;
  });
}
