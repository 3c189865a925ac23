import 'fake-indexeddb/auto';
import Dexie, { type Observable } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  activationRequest,
  assignmentRequest,
  eligibilityRequest,
  HOUR_MS,
  MINUTE_MS,
  MY_DIRECTORY_SEED,
  registerSeed,
  summarizePassword,
  toInstant,
  type Command,
  type ExecuteResult,
  type LogEntry,
  type TenantState,
} from '../../src/tenant';
import {
  appendEntry,
  AppendConflictError,
  AttemptExistsError,
  AttemptNotFoundError,
  AttemptSession,
  createAttempt,
  currentAttempt,
  deleteAttempt,
  getAttempt,
  InvalidArgumentError,
  InvalidEntryError,
  listAttempts,
  markStepVisited,
  observeLabProgress,
  progressKey,
  readVisited,
  observeAttempt,
  observeAttempts,
  observeCurrentAttempt,
  PimLabDb,
  readEntries,
  resetLab,
  restoreAttempt,
  SCHEMA_VERSION,
  setCurrentAttempt,
  STORES,
  truncateAttempt,
  UnknownSeedError,
  type AttemptRow,
} from '../../src/store';
import { activate, ADMIN, DEMO, Lab, makeDemoEligible, newUser, ROLE, START } from './helpers';

// ---------- fixtures ----------

const SEED = MY_DIRECTORY_SEED.id;
const LAB = 'shared-seed';
const NOW = '2025-03-01T10:00:00.000Z';

let counter = 0;
const names = new Set<string>();
const instances: PimLabDb[] = [];

/** A database on a fresh name (or a second instance on an existing one: "another tab"). */
function openDb(name = `pim-lab-test-${process.pid}-${++counter}`): PimLabDb {
  names.add(name);
  const db = new PimLabDb(name);
  instances.push(db);
  return db;
}

afterEach(async () => {
  for (const db of instances.splice(0)) db.close();
  for (const name of [...names]) await Dexie.delete(name);
  names.clear();
});

/** The helpers' Lab, also recording each accepted entry as the store will log it. */
class RecordingLab extends Lab {
  entries: LogEntry[] = [];
  /** State after each accepted entry: states[k] = fold of entries[0..k). */
  states: TenantState[] = [this.state];
  override run(actor: string, command: Command): ExecuteResult {
    const at = this.now;
    const result = super.run(actor, command);
    if (result.ok) {
      // After the run: the helpers' Lab may have logged a sign-in first (through this method).
      this.entries.push({ seq: this.seq - 1, at, actor, command });
      this.states.push(result.state);
    }
    return result;
  }
}

/** The seed story of test/unit/seed-story.test.ts, refusals included (they are not logged). */
function seedStory(): RecordingLab {
  const lab = new RecordingLab();
  expect(lab.run(DEMO, newUser(1)).ok).toBe(false);
  lab.advance(MINUTE_MS);
  lab.must(ADMIN, makeDemoEligible());
  expect(lab.run(DEMO, newUser(2)).ok).toBe(false);
  lab.advance(2 * MINUTE_MS);
  lab.must(DEMO, { type: 'signIn' });
  lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
  lab.must(DEMO, activate());
  lab.advance(MINUTE_MS);
  lab.must(DEMO, newUser(3));
  lab.advance(8 * HOUR_MS);
  expect(lab.run(DEMO, newUser(4)).ok).toBe(false);
  lab.must(DEMO, { type: 'advanceClock' });
  return lab;
}

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A pseudo-random but reproducible session of admins and users until `n` commands were accepted. */
function generatedLab(n: number, seed = 7): RecordingLab {
  const lab = new RecordingLab();
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const users = [DEMO];
  const roles = [ROLE.userAdministrator, ROLE.helpdeskAdministrator, ROLE.passwordAdministrator, ROLE.globalReader];
  const steps = [0, 0, MINUTE_MS, 3 * MINUTE_MS, 6 * MINUTE_MS, 20 * MINUTE_MS, HOUR_MS, 9 * HOUR_MS];
  let ids = 0;
  for (let tries = 0; lab.entries.length < n && tries < 50_000; tries++) {
    lab.advance(pick(steps));
    const u = pick(users);
    const role = pick(roles);
    const k = rnd();
    const target = { id: `req-${++ids}`, principalId: u, roleDefinitionId: role };
    if (k < 0.1) {
      const name = `g${ids}`;
      if (lab.run(ADMIN, newUser(name)).ok) users.push(`user-${name}`);
    } else if (k < 0.24) {
      const end = rnd() < 0.5 ? null : toInstant(lab.nowMs + 30 * 24 * HOUR_MS);
      lab.run(ADMIN, eligibilityRequest('adminAssign', { ...target, scheduleInfo: { startDateTime: null, expiration: end ? { type: 'afterDateTime', endDateTime: end, duration: null } : { type: 'noExpiration', endDateTime: null, duration: null } } }));
    } else if (k < 0.36) {
      lab.run(u, { type: 'signIn' });
    } else if (k < 0.48) {
      lab.run(u, { type: 'completeMfa', method: pick(['microsoftAuthenticator', 'sms', 'fido2'] as const) });
    } else if (k < 0.64) {
      lab.run(u, activationRequest({ ...target, duration: pick(['PT30M', 'PT1H', 'PT2H', 'PT8H', 'PT10H']), justification: pick(['Onboarding', 'Ticket 42', '']) }));
    } else if (k < 0.7) {
      lab.run(u, assignmentRequest('selfDeactivate', target));
    } else if (k < 0.75) {
      lab.run(ADMIN, eligibilityRequest('adminRemove', target));
    } else if (k < 0.83) {
      const name = `h${ids}`;
      if (lab.run(u, newUser(name)).ok) users.push(`user-${name}`);
    } else if (k < 0.89) {
      lab.run(pick([ADMIN, u]), { type: 'resetPassword', userId: pick(users), forceChangePasswordNextSignIn: true, password: summarizePassword('N3w-Passw0rd') });
    } else if (k < 0.93) {
      lab.run(pick([ADMIN, u]), { type: 'updateRoleSettings', roleDefinitionId: role, settings: pick([{ activationMaximumDuration: 'PT4H' }, { requireMfaOnActivation: rnd() < 0.5 }, { requireJustificationOnActivation: rnd() < 0.5 }]) });
    } else {
      lab.run(pick([ADMIN, u]), { type: 'advanceClock' });
    }
  }
  expect(lab.entries).toHaveLength(n);
  return lab;
}

/** What the brief asks to compare, in the maps' own (insertion) order. */
function summary(s: TenantState) {
  return {
    nowMs: s.nowMs,
    version: s.version,
    users: [...s.users.values()],
    schedules: [...s.schedules.values()].map((x) => ({
      id: x.id,
      kind: x.kind,
      principalId: x.principalId,
      roleDefinitionId: x.roleDefinitionId,
      startMs: x.startMs,
      endMs: x.endMs,
      endedMs: x.endedMs,
      endReason: x.endReason,
      status: x.status,
      lifecycle: x.lifecycle.value,
    })),
    requests: [...s.requests.values()],
    policies: [...s.policies.values()],
    sessions: [...s.sessions.values()],
    audits: s.audits,
  };
}

function expectSameTenant(actual: TenantState, expected: TenantState) {
  expect(summary(actual)).toEqual(summary(expected));
  // And the whole state: XState snapshots and the core's internal indexes included.
  expect(actual).toEqual(expected);
}

async function newAttempt(db: PimLabDb, id = 'a1', extra: Partial<Parameters<typeof createAttempt>[1]> = {}): Promise<AttemptRow> {
  return createAttempt(db, { id, labId: LAB, seedId: SEED, startAt: START, now: NOW, ...extra });
}

async function appendAll(db: PimLabDb, attemptId: string, entries: readonly LogEntry[]) {
  for (const e of entries) await appendEntry(db, attemptId, e, { now: NOW });
}

/** Resolves with the first value of `obs` that satisfies `pred` (rejects after `ms`). */
function nextMatching<T>(obs: Observable<T>, pred: (v: T) => boolean, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    let sub: { unsubscribe(): void } | undefined;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      f();
      queueMicrotask(() => sub?.unsubscribe());
    };
    const timer = setTimeout(() => finish(() => reject(new Error('no matching liveQuery value in time'))), ms);
    sub = obs.subscribe({ next: (v) => pred(v) && finish(() => resolve(v)), error: (e) => finish(() => reject(e)) });
    if (done) sub.unsubscribe();
  });
}

async function logOf(db: PimLabDb, attemptId: string) {
  return { entries: await readEntries(db, attemptId), attempt: await getAttempt(db, attemptId) };
}

// ---------- schema ----------

describe('store schema', () => {
  const PINNED = [
    { name: 'attempts', primKey: 'id', indexes: ['[labId+createdAt]', 'labId'] },
    { name: 'entries', primKey: '[attemptId+seq]', indexes: [] },
    { name: 'meta', primKey: 'key', indexes: [] },
    { name: 'snapshots', primKey: '[attemptId+version]', indexes: [] },
  ];
  const declared = (db: PimLabDb) =>
    db.tables
      .map((t) => ({ name: t.name, primKey: t.schema.primKey.src, indexes: t.schema.indexes.map((i) => i.src).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));

  it('is version 2 with exactly the pinned tables, primary keys and indexes', async () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(STORES).toEqual({ attempts: 'id, labId, [labId+createdAt]', entries: '[attemptId+seq]', snapshots: '[attemptId+version]', meta: 'key' });
    const db = openDb();
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(declared(db)).toEqual(PINNED);
    // What IndexedDB itself holds (Dexie stores version × 10).
    const idb = db.backendDB();
    expect(idb.version).toBe(SCHEMA_VERSION * 10);
    expect([...idb.objectStoreNames].sort()).toEqual(PINNED.map((t) => t.name));
    const tx = idb.transaction([...idb.objectStoreNames], 'readonly');
    expect(tx.objectStore('entries').keyPath).toEqual(['attemptId', 'seq']);
    expect(tx.objectStore('snapshots').keyPath).toEqual(['attemptId', 'version']);
    expect(tx.objectStore('attempts').keyPath).toBe('id');
    expect([...tx.objectStore('attempts').indexNames].sort()).toEqual(['[labId+createdAt]', 'labId']);
  });

  it('opens an existing database created by the current version, data intact', async () => {
    const first = openDb();
    const lab = seedStory();
    await newAttempt(first, 'a1', { makeCurrent: true });
    await appendAll(first, 'a1', lab.entries);
    const name = first.name;
    first.close();

    // A raw open (no Dexie) sees the database at the current version.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(raw.version).toBe(SCHEMA_VERSION * 10);
    raw.close();

    const again = openDb(name);
    await again.open();
    expect(again.verno).toBe(SCHEMA_VERSION);
    expect(declared(again)).toEqual(declared(first));
    expect((await currentAttempt(again, LAB))?.id).toBe('a1');
    const restored = await restoreAttempt(again, 'a1');
    expect(restored.ok).toBe(true);
    if (restored.ok) expectSameTenant(restored.state, lab.state);
  });
});

// ---------- append and restore ----------

describe('append, then restore by replay', () => {
  it('restores the seed story to the same tenant as the in-memory fold', async () => {
    const db = openDb();
    const lab = seedStory();
    // The helpers' Lab signs each account in before its first command, as the portal does.
    expect(lab.entries.map((e) => e.command.type)).toEqual(['signIn', 'signIn', 'roleEligibilityScheduleRequest', 'signIn', 'completeMfa', 'roleAssignmentScheduleRequest', 'createUser', 'advanceClock']);
    await newAttempt(db);
    await appendAll(db, 'a1', lab.entries);

    const restored = await restoreAttempt(db, 'a1');
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.attempt).toMatchObject({ id: 'a1', length: lab.entries.length, revision: lab.entries.length });
    expect(restored.entries).toEqual(lab.entries);
    expectSameTenant(restored.state, lab.state);
    // Spot checks that the story really happened.
    expect(restored.state.users.get('user-3')?.userPrincipalName).toBe('user3@mydirectory.onmicrosoft.com');
    expect(restored.state.audits.some((a) => a.activityDisplayName === 'Remove member from role (PIM activation expired)')).toBe(true);
  });

  it('restores a generated 200-entry log to the same tenant as the in-memory fold', async () => {
    const db = openDb();
    const lab = generatedLab(200);
    expect(new Set(lab.entries.map((e) => e.command.type)).size).toBeGreaterThanOrEqual(6);
    await newAttempt(db);
    await appendAll(db, 'a1', lab.entries);
    const restored = await restoreAttempt(db, 'a1');
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.entries).toEqual(lab.entries);
    expectSameTenant(restored.state, lab.state);
  });

  it('a new PimLabDb instance on the same name restores the same state', async () => {
    const db = openDb();
    const lab = generatedLab(60, 11);
    await newAttempt(db);
    await appendAll(db, 'a1', lab.entries);
    db.close();
    const reopened = openDb(db.name);
    const restored = await restoreAttempt(reopened, 'a1');
    expect(restored.ok).toBe(true);
    if (restored.ok) expectSameTenant(restored.state, lab.state);
  });

  it('reads entries in seq order (cheap and full validation agree) and only those of the attempt', async () => {
    const db = openDb();
    const lab = seedStory();
    await newAttempt(db, 'a1');
    await newAttempt(db, 'a0');
    await newAttempt(db, 'a2');
    await appendAll(db, 'a1', lab.entries);
    await appendAll(db, 'a0', lab.entries.slice(0, 2));
    await appendAll(db, 'a2', lab.entries.slice(0, 3));
    expect(await readEntries(db, 'a1')).toEqual(lab.entries);
    expect(await readEntries(db, 'a1', { validate: 'full' })).toEqual(lab.entries);
    expect(await readEntries(db, 'a0')).toEqual(lab.entries.slice(0, 2));
    expect(await readEntries(db, 'nope')).toEqual([]);
  });

  it('returns a typed error for a log the rules refuse, and deletes nothing', async () => {
    const db = openDb();
    await newAttempt(db);
    // appendEntry checks shape and order, not the rules: a forged entry gets in, replay catches it.
    const forged: LogEntry[] = [
      { seq: 0, at: START, actor: ADMIN, command: { type: 'signIn' } },
      { seq: 1, at: START, actor: DEMO, command: newUser(9) },
      { seq: 2, at: START, actor: ADMIN, command: { type: 'advanceClock' } },
    ];
    await appendAll(db, 'a1', forged);
    const restored = await restoreAttempt(db, 'a1');
    expect(restored.ok).toBe(false);
    if (restored.ok) return;
    expect(restored.error.code).toBe('ReplayRefused');
    if (restored.error.code !== 'ReplayRefused') return;
    expect(restored.error.failedAt).toBe(1);
    expect(restored.error.entry).toEqual(forged[1]);
    expect(restored.error.error.code).toBe('Authorization_RequestDenied');
    expect(restored.error.state.version).toBe(1);
    expect(await readEntries(db, 'a1')).toEqual(forged);
    expect((await getAttempt(db, 'a1'))?.length).toBe(3);
    // A session cannot be opened on it either, with the same typed error.
    const opened = await AttemptSession.open(db, 'a1');
    expect(opened.ok || opened.error.code).toBe('ReplayRefused');
  });

  it('reports a missing attempt, a gap in the log and time running backwards as typed errors', async () => {
    const db = openDb();
    expect(await restoreAttempt(db, 'missing')).toMatchObject({ ok: false, error: { code: 'AttemptNotFound', attemptId: 'missing' } });

    const lab = seedStory();
    await newAttempt(db);
    await appendAll(db, 'a1', lab.entries);
    await db.entries.delete(['a1', 2]); // simulate corruption behind the store's back
    expect(await restoreAttempt(db, 'a1')).toMatchObject({ ok: false, error: { code: 'CorruptLog', seq: 2 } });

    await newAttempt(db, 'back');
    await appendAll(db, 'back', [
      { seq: 0, at: '2025-02-26T17:00:00Z', actor: ADMIN, command: { type: 'signIn' } },
      { seq: 1, at: '2025-02-26T16:50:00Z', actor: ADMIN, command: { type: 'signIn' } },
    ]);
    expect(await restoreAttempt(db, 'back')).toMatchObject({ ok: false, error: { code: 'ReplayRefused', failedAt: 1, error: { code: 'ClockMovedBackwards' } } });
    expect(await readEntries(db, 'back')).toHaveLength(2);
  });
});

// ---------- failed appends ----------

describe('a failed append leaves the log unchanged', () => {
  async function prepared() {
    const db = openDb();
    const lab = seedStory();
    await newAttempt(db);
    await appendAll(db, 'a1', lab.entries.slice(0, 3));
    return { db, lab, before: await logOf(db, 'a1') };
  }

  it('seq conflict: an entry built against an older or newer log is refused with AppendConflictError', async () => {
    const { db, lab, before } = await prepared();
    // This tab built its entry against a log of 2 entries (another tab appended the third first), or skips ahead.
    const stale = lab.entries[2]!;
    const err = await appendEntry(db, 'a1', stale).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppendConflictError);
    expect(err).toMatchObject({ code: 'AppendConflict', attemptId: 'a1', expected: 3, actual: 2 });
    const ahead = await appendEntry(db, 'a1', { ...lab.entries[3]!, seq: 4 }).catch((e: unknown) => e);
    expect(ahead).toMatchObject({ expected: 3, actual: 4 });
    expect(await logOf(db, 'a1')).toEqual(before);
  });

  it('revision conflict: same length but rewritten log is refused when the revision is given', async () => {
    const { db, lab, before } = await prepared();
    const err = await appendEntry(db, 'a1', lab.entries[3]!, { expectedRevision: before.attempt!.revision - 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppendConflictError);
    expect(err).toMatchObject({ expected: 3, actual: 3, expectedRevision: 2, actualRevision: 3 });
    expect(await logOf(db, 'a1')).toEqual(before);
  });

  it('invalid entries are refused with InvalidEntryError', async () => {
    const { db, lab, before } = await prepared();
    const next = lab.entries[3]!;
    const bad: unknown[] = [
      { ...next, at: 'yesterday' },
      { ...next, actor: '' },
      { ...next, seq: -1 },
      { ...next, command: { type: 'dropTables' } },
      { ...next, command: { ...lab.entries.find((e) => e.command.type === 'createUser')!.command, id: '' } },
      { seq: 3, at: next.at },
    ];
    for (const entry of bad) {
      const err = await appendEntry(db, 'a1', entry as LogEntry).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidEntryError);
      expect((err as InvalidEntryError).issues.length).toBeGreaterThan(0);
    }
    expect(await appendEntry(db, 'missing', next).catch((e: unknown) => e)).toBeInstanceOf(AttemptNotFoundError);
    expect(await logOf(db, 'a1')).toEqual(before);
  });

  it('an entry the core refuses (AttemptSession.dispatch) writes nothing and keeps the state', async () => {
    const { db, before } = await prepared();
    const opened = await AttemptSession.open(db, 'a1');
    if (!opened.ok) throw new Error(opened.error.message);
    const session = opened.session;
    const state = session.state;
    const at = toInstant(state.nowMs + MINUTE_MS);
    // demouser is eligible but has not activated: cannot create users.
    const refused = await session.dispatch(DEMO, newUser(5), at);
    expect(refused).toMatchObject({ ok: false, reason: 'refused', error: { code: 'Authorization_RequestDenied' } });
    // Time running backwards is refused by the core too.
    expect(await session.dispatch(ADMIN, { type: 'signIn' }, START)).toMatchObject({ ok: false, reason: 'refused', error: { code: 'ClockMovedBackwards' } });
    // Malformed input never reaches the core.
    expect(await session.dispatch(ADMIN, { type: 'signIn' }, 'not a time')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(session.state).toBe(state);
    expect(session.length).toBe(3);
    expect(await logOf(db, 'a1')).toEqual(before);
  });

  it('an exception thrown inside the append transaction rolls back the entry row too', async () => {
    const { db, lab, before } = await prepared();
    // Fails the attempts write, which comes after the entries.add in the same transaction.
    db.attempts.hook('updating', () => {
      throw new Error('disk on fire');
    });
    await expect(appendEntry(db, 'a1', lab.entries[3]!)).rejects.toThrow('disk on fire');
    expect(await logOf(db, 'a1')).toEqual(before);

    // Through a session: the dispatch rejects, the db and the session's state stay as they were.
    const opened = await AttemptSession.open(db, 'a1');
    if (!opened.ok) throw new Error(opened.error.message);
    const state = opened.session.state;
    const entry = lab.entries[3]!;
    await expect(opened.session.dispatch(entry.actor, entry.command, entry.at)).rejects.toThrow('disk on fire');
    expect(opened.session.state).toBe(state);
    expect(opened.session.length).toBe(3);
    expect(await logOf(db, 'a1')).toEqual(before);
  });
});

// ---------- sessions ----------

describe('AttemptSession', () => {
  it('dispatches the seed story: appends each accepted command and folds like the core', async () => {
    const db = openDb();
    const lab = seedStory();
    await newAttempt(db);
    const opened = await AttemptSession.open(db, 'a1');
    if (!opened.ok) throw new Error(opened.error.message);
    const session = opened.session;
    let notified = 0;
    session.subscribe(() => notified++);
    for (const e of lab.entries) {
      const r = await session.dispatch(e.actor, e.command, e.at, { now: NOW });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.entry).toEqual(e);
    }
    expect(notified).toBe(lab.entries.length);
    expectSameTenant(session.state, lab.state);
    expect(await readEntries(db, 'a1')).toEqual(lab.entries);
  });

  it('logs the parsed command (defaults filled), so replay sees exactly what ran', async () => {
    const db = openDb();
    await newAttempt(db);
    const opened = await AttemptSession.open(db, 'a1');
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.session.dispatch(ADMIN, { type: 'signIn' }, START);
    const r = await opened.session.dispatch(ADMIN, { type: 'completeMfa' }, START);
    expect(r.ok).toBe(true);
    expect((await readEntries(db, 'a1'))[1]!.command).toEqual({ type: 'completeMfa', method: 'microsoftAuthenticator' });
  });

  it('serializes concurrent dispatches of one session', async () => {
    const db = openDb();
    await newAttempt(db);
    const opened = await AttemptSession.open(db, 'a1');
    if (!opened.ok) throw new Error(opened.error.message);
    const results = await Promise.all([
      opened.session.dispatch(ADMIN, { type: 'signIn' }, START),
      opened.session.dispatch(DEMO, { type: 'signIn' }, START),
      opened.session.dispatch(ADMIN, { type: 'advanceClock' }, '2025-02-26T17:00:00Z'),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect((await readEntries(db, 'a1')).map((e) => e.seq)).toEqual([0, 1, 2]);
  });

  it('on a conflict with another tab, re-restores from the db and lets the caller retry', async () => {
    const name = openDb().name;
    const tabA = openDb(name);
    const tabB = openDb(name);
    await newAttempt(tabA);
    const a = await AttemptSession.open(tabA, 'a1');
    const b = await AttemptSession.open(tabB, 'a1');
    if (!a.ok || !b.ok) throw new Error('open failed');
    const lab = seedStory();
    // Two sign-ins, the eligibility, demouser's sign-in.
    const [s0, s1, e0, e1] = [lab.entries[0]!, lab.entries[1]!, lab.entries[2]!, lab.entries[3]!];

    for (const e of [s0, s1, e0]) expect((await a.session.dispatch(e.actor, e.command, e.at)).ok).toBe(true);
    const conflict = await b.session.dispatch(s0.actor, s0.command, s0.at);
    expect(conflict).toMatchObject({ ok: false, reason: 'conflict', conflict: { expected: 3, actual: 0 } });
    expect(b.session.length).toBe(3);
    expectSameTenant(b.session.state, a.session.state);
    // The retry on the fresh state: e0 again is now refused by the rules (the request exists), e1 passes.
    expect(await b.session.dispatch(e0.actor, e0.command, e0.at)).toMatchObject({ ok: false, reason: 'refused' });
    expect((await b.session.dispatch(e1.actor, e1.command, e1.at)).ok).toBe(true);
    expect(await readEntries(tabA, 'a1')).toEqual(lab.entries.slice(0, 4));

    // Tab A is now behind; sync() catches it up without a dispatch.
    expect(await a.session.sync()).toEqual({ reloaded: true });
    expect(await a.session.sync()).toEqual({ reloaded: false });
    expectSameTenant(a.session.state, lab.states[4]!);
  });

  it('detects a log rewritten to the same length in another tab (undo + new entries)', async () => {
    const db = openDb();
    const lab = seedStory();
    await newAttempt(db);
    await appendAll(db, 'a1', lab.entries.slice(0, 5));
    const opened = await AttemptSession.open(db, 'a1');
    if (!opened.ok) throw new Error(opened.error.message);
    // "Another tab": undoes demouser's MFA and logs an admin sign-in instead: same length 5, other log.
    await truncateAttempt(db, 'a1', 4);
    await appendEntry(db, 'a1', { seq: 4, at: lab.entries[4]!.at, actor: ADMIN, command: { type: 'signIn' } });
    const e3 = lab.entries[5]!;
    const r = await opened.session.dispatch(e3.actor, e3.command, e3.at);
    expect(r).toMatchObject({ ok: false, reason: 'conflict', conflict: { expected: 5, actual: 5 } });
    expect(opened.session.state.sessions.get(DEMO)?.mfaCompletedMs).toBeNull();
    // The activation now fails the MFA rule, as it should on the rewritten log.
    expect(await opened.session.dispatch(e3.actor, e3.command, e3.at)).toMatchObject({ ok: false, reason: 'refused', error: { failedRules: ['MfaRule'] } });
  });

  it('reports a deleted attempt as notFound', async () => {
    const db = openDb();
    await newAttempt(db);
    const opened = await AttemptSession.open(db, 'a1');
    if (!opened.ok) throw new Error(opened.error.message);
    await deleteAttempt(db, 'a1');
    expect(await opened.session.dispatch(ADMIN, { type: 'signIn' }, START)).toMatchObject({ ok: false, reason: 'notFound' });
    expect(await AttemptSession.open(db, 'a1')).toMatchObject({ ok: false, error: { code: 'AttemptNotFound' } });
  });
});

// ---------- attempts per lab ----------

describe('attempts per lab', () => {
  it('keeps several attempts per lab, lists them newest first and per lab', async () => {
    const db = openDb();
    await newAttempt(db, 'x', { now: '2025-03-01T10:00:00Z' });
    await newAttempt(db, 'y', { now: '2025-03-01T10:00:00.500Z' }); // later, though 'Z' > '.' as text
    await newAttempt(db, 'z', { now: '2025-03-01T12:00:00+01:00' }); // = 11:00Z
    await newAttempt(db, 'w', { now: '2025-03-01T10:00:00Z' }); // tie with x: later ordinal first
    await createAttempt(db, { id: 'other', labId: 'another-lab', seedId: SEED, startAt: START, now: '2025-03-02T00:00:00Z' });
    const list = await listAttempts(db, LAB);
    expect(list.map((a) => a.id)).toEqual(['z', 'y', 'w', 'x']);
    expect(list.map((a) => a.ordinal)).toEqual([3, 2, 4, 1]);
    expect(list.find((a) => a.id === 'z')).toMatchObject({ title: 'Attempt 3', createdAt: '2025-03-01T11:00:00.000Z', length: 0, seedId: SEED, startAt: START });
    expect((await listAttempts(db, 'another-lab')).map((a) => a.id)).toEqual(['other']);
    expect(await listAttempts(db, 'no-such-lab')).toEqual([]);
  });

  it('refuses an unknown seed, a bad start time and a duplicate id, writing nothing', async () => {
    const db = openDb();
    await newAttempt(db, 'a1');
    await expect(newAttempt(db, 'a2', { seedId: 'nope' })).rejects.toBeInstanceOf(UnknownSeedError);
    await expect(newAttempt(db, 'a2', { startAt: '2025-02-26' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(newAttempt(db, 'a1')).rejects.toBeInstanceOf(AttemptExistsError);
    expect((await listAttempts(db, LAB)).map((a) => a.id)).toEqual(['a1']);
  });

  it("starts and restores an attempt from a lab's own starting tenant once it is registered", async () => {
    const db = openDb();
    const seed = {
      id: 'lab:store-test',
      tenantId: 'lab-store-test',
      displayName: 'Contoso',
      domains: ['contoso.onmicrosoft.com'],
      users: [
        { id: 'u-admin', userPrincipalName: 'admin@contoso.onmicrosoft.com', displayName: 'Main Account' },
        { id: 'u-megan', userPrincipalName: 'megan@contoso.onmicrosoft.com', displayName: 'Megan Bowen' },
      ],
      roleAssignments: [{ principalId: 'u-admin', role: 'Global Administrator', assignmentType: 'active' as const }],
    };
    await expect(createAttempt(db, { id: 'l1', labId: 'store-test', seedId: seed.id, startAt: START })).rejects.toBeInstanceOf(UnknownSeedError);
    registerSeed(seed);
    registerSeed({ ...seed }); // the same tenant again (another island of the page): fine
    expect(() => registerSeed({ ...seed, displayName: 'Fabrikam' })).toThrow(/already registered with other content/);
    await createAttempt(db, { id: 'l1', labId: 'store-test', seedId: seed.id, startAt: START });
    await appendEntry(db, 'l1', { seq: 0, at: START, actor: 'u-megan', command: { type: 'signIn' } });
    const restored = await restoreAttempt(db, 'l1');
    expect(restored.ok && [...restored.state.users.values()].map((u) => u.userPrincipalName)).toEqual(['admin@contoso.onmicrosoft.com', 'megan@contoso.onmicrosoft.com']);
  });

  it('current attempt: none at first, set explicitly or by makeCurrent, never across labs', async () => {
    const db = openDb();
    expect(await currentAttempt(db, LAB)).toBeUndefined();
    await newAttempt(db, 'a1');
    expect(await currentAttempt(db, LAB)).toBeUndefined();
    await newAttempt(db, 'a2', { makeCurrent: true });
    expect((await currentAttempt(db, LAB))?.id).toBe('a2');
    await setCurrentAttempt(db, LAB, 'a1');
    expect((await currentAttempt(db, LAB))?.id).toBe('a1');
    await expect(setCurrentAttempt(db, 'another-lab', 'a1')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(setCurrentAttempt(db, LAB, 'missing')).rejects.toBeInstanceOf(AttemptNotFoundError);
    expect(await currentAttempt(db, 'another-lab')).toBeUndefined();
  });

  it('Reset lab starts a new current attempt and keeps the earlier ones, with their work', async () => {
    const db = openDb();
    const lab = seedStory();
    await newAttempt(db, 'a1', { makeCurrent: true });
    await appendAll(db, 'a1', lab.entries);
    const fresh = await resetLab(db, LAB, { id: 'a2', startAt: '2025-03-05T09:00:00Z', now: '2025-03-05T09:00:00Z' });
    expect(fresh).toMatchObject({ id: 'a2', labId: LAB, seedId: SEED, length: 0, ordinal: 2 });
    expect((await currentAttempt(db, LAB))?.id).toBe('a2');
    expect((await listAttempts(db, LAB)).map((a) => a.id)).toEqual(['a2', 'a1']);
    const old = await restoreAttempt(db, 'a1');
    expect(old.ok).toBe(true);
    if (old.ok) expectSameTenant(old.state, lab.state);
    const restarted = await restoreAttempt(db, 'a2');
    expect(restarted.ok && restarted.state.version).toBe(0);
    expect(restarted.ok && restarted.state.nowMs).toBe(Date.parse('2025-03-05T09:00:00Z'));
    // Without any attempt to inherit from, the seed must be named.
    await expect(resetLab(db, 'another-lab', { id: 'b1', startAt: START })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect((await resetLab(db, 'another-lab', { id: 'b1', startAt: START, seedId: SEED })).ordinal).toBe(1);
    await expect(resetLab(db, LAB, { id: 'a1', startAt: START })).rejects.toBeInstanceOf(AttemptExistsError);
    expect((await currentAttempt(db, LAB))?.id).toBe('a2');
  });

  it('truncates back to a point (undo) in one step and continues from there', async () => {
    const db = openDb();
    const lab = seedStory();
    await newAttempt(db);
    await appendAll(db, 'a1', lab.entries);
    await db.snapshots.bulkPut([2, 5, 6].map((version) => ({ attemptId: 'a1', version, createdAt: NOW, state: null })));

    const cut = await truncateAttempt(db, 'a1', 3, { now: '2025-03-01T11:00:00Z' });
    expect(cut).toMatchObject({ length: 3, revision: lab.entries.length + 1, updatedAt: '2025-03-01T11:00:00.000Z' });
    expect(await readEntries(db, 'a1')).toEqual(lab.entries.slice(0, 3));
    expect((await db.snapshots.toArray()).map((s) => s.version)).toEqual([2]);
    const restored = await restoreAttempt(db, 'a1');
    expect(restored.ok).toBe(true);
    if (restored.ok) expectSameTenant(restored.state, lab.states[3]!);

    // The log continues at seq 3 (and replays to the full story again).
    await appendAll(db, 'a1', lab.entries.slice(3));
    const again = await restoreAttempt(db, 'a1');
    if (!again.ok) throw new Error(again.error.message);
    expectSameTenant(again.state, lab.state);

    expect(await truncateAttempt(db, 'a1', lab.entries.length)).toMatchObject({ length: lab.entries.length }); // no-op
    for (const bad of [-1, lab.entries.length + 1, 1.5]) await expect(truncateAttempt(db, 'a1', bad)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(truncateAttempt(db, 'a1', 0, { expectedRevision: 0 })).rejects.toBeInstanceOf(AppendConflictError);
    await expect(truncateAttempt(db, 'missing', 0)).rejects.toBeInstanceOf(AttemptNotFoundError);
    expect(await readEntries(db, 'a1')).toEqual(lab.entries);
    expect((await truncateAttempt(db, 'a1', 0)).length).toBe(0);
    expect(await readEntries(db, 'a1')).toEqual([]);
  });

  it('deletes an attempt with its log, snapshots, progress and current pointer, and nothing else', async () => {
    const db = openDb();
    const lab = seedStory();
    await newAttempt(db, 'a1');
    await newAttempt(db, 'a2', { makeCurrent: true });
    await appendAll(db, 'a1', lab.entries);
    await appendAll(db, 'a2', lab.entries.slice(0, 2));
    await db.snapshots.put({ attemptId: 'a2', version: 1, createdAt: NOW, state: null });
    await markStepVisited(db, 'a2', 3);
    await markStepVisited(db, 'a1', 1);
    expect(await deleteAttempt(db, 'a2')).toBe(true);
    expect(await deleteAttempt(db, 'a2')).toBe(false);
    expect(await getAttempt(db, 'a2')).toBeUndefined();
    expect(await readEntries(db, 'a2')).toEqual([]);
    expect(await db.snapshots.count()).toBe(0);
    expect(await currentAttempt(db, LAB)).toBeUndefined();
    expect(await readVisited(db, 'a2')).toEqual([]);
    expect(await readVisited(db, 'a1')).toEqual([1]);
    expect(await db.meta.count()).toBe(1);
    expect(await readEntries(db, 'a1')).toEqual(lab.entries);
  });
});

// ---------- progress ----------

describe('steps visited, per attempt', () => {
  it('records each step opened once, sorted, in its own attempt; Reset lab starts with none', async () => {
    const db = openDb();
    await newAttempt(db, 'a1', { makeCurrent: true });
    expect(await markStepVisited(db, 'a1', 3)).toEqual([3]);
    expect(await markStepVisited(db, 'a1', 1)).toEqual([1, 3]);
    expect(await markStepVisited(db, 'a1', 3)).toEqual([1, 3]);
    expect(await readVisited(db, 'a1')).toEqual([1, 3]);

    const progress = observeLabProgress(db, LAB);
    expect(await nextMatching(progress, (p) => p.attempt?.id === 'a1')).toMatchObject({ visited: [1, 3] });
    const afterReset = nextMatching(progress, (p) => p.attempt?.id === 'a2');
    await resetLab(db, LAB, { id: 'a2', startAt: START, now: '2025-03-02T00:00:00Z' });
    expect((await afterReset).visited).toEqual([]);
    expect(await readVisited(db, 'a1')).toEqual([1, 3]);
  });

  it('refuses a step that is not a whole number ≥ 0 or no attempt, and reads a malformed record as no visits', async () => {
    const db = openDb();
    expect(() => markStepVisited(db, 'a1', -1)).toThrow(InvalidArgumentError);
    expect(() => markStepVisited(db, 'a1', 1.5)).toThrow(InvalidArgumentError);
    expect(() => markStepVisited(db, '', 1)).toThrow(InvalidArgumentError);
    await db.meta.put({ key: progressKey('a1'), value: 'not a list' });
    expect(await readVisited(db, 'a1')).toEqual([]);
    await db.meta.put({ key: progressKey('a1'), value: [2, 2, 'x', -1, 0.5, 1] });
    expect(await readVisited(db, 'a1')).toEqual([1, 2]);
  });
});

// ---------- liveQuery ----------

describe('liveQuery', () => {
  it('observes an append on the same instance', async () => {
    const db = openDb();
    const lab = seedStory();
    await newAttempt(db);
    const obs = observeAttempt(db, 'a1');
    expect(await nextMatching(obs, (h) => h?.length === 0)).toEqual({ length: 0, revision: 0, updatedAt: NOW });
    const seen = nextMatching(obs, (h) => h?.length === 1);
    await appendEntry(db, 'a1', lab.entries[0]!, { now: '2025-03-01T10:05:00Z' });
    expect(await seen).toEqual({ length: 1, revision: 1, updatedAt: '2025-03-01T10:05:00.000Z' });
  });

  it('a second PimLabDb instance on the same name ("another tab") observes appends, truncation, resets and deletion made through the first', async () => {
    const name = openDb().name;
    const tabA = openDb(name);
    const tabB = openDb(name);
    const lab = seedStory();
    await newAttempt(tabA, 'a1', { makeCurrent: true });

    const head = observeAttempt(tabB, 'a1');
    await nextMatching(head, (h) => h?.length === 0);
    const appended = nextMatching(head, (h) => h?.length === 2);
    await appendAll(tabA, 'a1', lab.entries.slice(0, 2));
    expect(await appended).toMatchObject({ length: 2, revision: 2 });

    const truncated = nextMatching(head, (h) => h?.revision === 3);
    await truncateAttempt(tabA, 'a1', 1);
    expect(await truncated).toMatchObject({ length: 1, revision: 3 });

    const list = observeAttempts(tabB, LAB);
    const current = observeCurrentAttempt(tabB, LAB);
    expect((await nextMatching(current, (a) => a !== undefined))?.id).toBe('a1');
    const listed = nextMatching(list, (as) => as.length === 2);
    const switched = nextMatching(current, (a) => a?.id === 'a2');
    await resetLab(tabA, LAB, { id: 'a2', startAt: START, now: '2025-03-02T00:00:00Z' });
    expect((await listed).map((a) => a.id)).toEqual(['a2', 'a1']);
    expect((await switched)?.ordinal).toBe(2);

    const gone = nextMatching(head, (h) => h === undefined);
    await deleteAttempt(tabA, 'a1');
    expect(await gone).toBeUndefined();
  });
});
