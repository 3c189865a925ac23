import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_START, futureEligibilitiesLog } from '../../bench/adversarialLog';
import { decide, DEMO_USER_ID, eligibilityRequest, MAIN_ACCOUNT_ID, parseInstant, replay, ROLE, schedule, tickEvents, toInstant, DAY_MS, type RoleSchedule, type TenantState } from '../../src/tenant';
import { dueBy, emptyLine, endMoved, insertLive, overlappingLive, popDue, pushDue, removeLive, type DueTime } from '../../src/tenant/scheduleIndex';

// Replay is linear in the log (issue 9, item 6): what one entry costs must not grow with the
// entries before it. Timings belong to `npm run bench` (the 100,000-entry adversarial replay);
// here the work is counted instead: the schedule lookups one decision and one tick make are the
// same after 300 eligibilities as after 3,000. The indexes that make it so are checked against
// brute force.

/** A Map that counts the values it hands out, by lookup or by iteration. */
class CountingMap<K, V> extends Map<K, V> {
  reads = 0;
  override get(key: K) {
    this.reads += 1;
    return super.get(key);
  }
  override values(): MapIterator<V> {
    return super.values().map((v) => {
      this.reads += 1;
      return v;
    }) as unknown as MapIterator<V>;
  }
  override entries(): MapIterator<[K, V]> {
    return super.entries().map((e) => {
      this.reads += 1;
      return e;
    }) as unknown as MapIterator<[K, V]>;
  }
  override [Symbol.iterator]() {
    return this.entries();
  }
}

function replayed(count: number): TenantState {
  const { initial, entries } = futureEligibilitiesLog(count);
  const result = replay(initial, entries);
  if (!result.ok) throw new Error(`refused entry ${result.failedAt}: ${result.error.message}`);
  return result.state;
}

/** Schedule reads (lookups and iteration of schedules and of the per-principal list) made by `work`. */
function readsOf(state: TenantState, work: (s: TenantState) => unknown): number {
  const schedules = new CountingMap(state.schedules);
  const byPrincipal = new CountingMap(state.scheduleIdsByPrincipal);
  work({ ...state, schedules, scheduleIdsByPrincipal: byPrincipal });
  return schedules.reads + byPrincipal.reads;
}

describe('one entry costs the same however long the log before it', () => {
  const small = replayed(300);
  const large = replayed(3000);
  const base = parseInstant(ADVERSARIAL_START)!;

  it('deciding one more eligibility (overlap checked against thousands) reads as many schedules', () => {
    const next = (state: TenantState, n: number) => {
      const atMs = state.nowMs + 1000;
      const entry = {
        seq: state.version,
        at: toInstant(atMs),
        actor: MAIN_ACCOUNT_ID,
        command: eligibilityRequest('adminAssign', { id: `next-${n}`, principalId: DEMO_USER_ID, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(toInstant(base + n * DAY_MS), toInstant(base + (n + 1) * DAY_MS)) }),
      };
      return readsOf(state, (s) => {
        const d = decide(s, entry, atMs);
        expect(d.ok).toBe(true);
      });
    };
    const few = next(small, 300);
    expect(few).toBeLessThan(20);
    expect(next(large, 3000)).toBe(few);
  });

  it('an overlapping eligibility is still found among thousands, at the same cost', () => {
    const overlapping = (state: TenantState) => {
      const atMs = state.nowMs + 1000;
      const entry = {
        seq: state.version,
        at: toInstant(atMs),
        actor: MAIN_ACCOUNT_ID,
        command: eligibilityRequest('adminAssign', { id: 'overlap', principalId: DEMO_USER_ID, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(toInstant(base + 150.5 * DAY_MS), toInstant(base + 151.5 * DAY_MS)) }),
      };
      let code = '';
      const reads = readsOf(state, (s) => {
        const d = decide(s, entry, atMs);
        code = d.ok ? 'ok' : d.error.code;
      });
      return { code, reads };
    };
    const few = overlapping(small);
    expect(few.code).toBe('RoleAssignmentExists');
    expect(overlapping(large)).toEqual(few);
  });

  it('a tick finds the one eligibility due among thousands that are not, at the same cost', () => {
    const tick = (state: TenantState) => {
      let events: ReturnType<typeof tickEvents> = [];
      const reads = readsOf(state, (s) => (events = tickEvents(s, base + 1.5 * DAY_MS)));
      return { reads, transitions: events.filter((e) => e.type === 'scheduleTransitioned').map((e) => e.type === 'scheduleTransitioned' && e.scheduleId) };
    };
    const few = tick(small);
    expect(few.transitions).toEqual(['window-1']);
    expect(tick(large)).toEqual(few);
  });
});

// ---------- the indexes against brute force ----------

interface Interval {
  id: string;
  startMs: number;
  endMs: number | null;
}

const asSchedule = (i: Interval) => ({ id: i.id, startMs: i.startMs, endMs: i.endMs, endedMs: null }) as unknown as RoleSchedule;

const op = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), start: fc.integer({ min: 0, max: 60 }), length: fc.option(fc.integer({ min: 1, max: 15 }), { freq: 6 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('extend' as const), pick: fc.nat(), by: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('query' as const), start: fc.integer({ min: -5, max: 80 }), length: fc.option(fc.integer({ min: 1, max: 20 }), { freq: 6 }) }),
);

describe('the live line (schedules by principal, role and scope, sorted by start)', () => {
  it('answers overlap queries exactly as a scan would, disjoint or not', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.boolean(), (ops, onlyDisjoint) => {
        const line = emptyLine();
        const live = new Map<string, Interval>();
        let n = 0;
        const overlaps = (i: Interval, start: number, end: number | null) => i.startMs < (end ?? Infinity) && start < (i.endMs ?? Infinity);
        for (const o of ops) {
          const ids = [...live.keys()];
          if (o.kind === 'insert') {
            const i = { id: `s${n++}`, startMs: o.start, endMs: o.length === null ? null : o.start + o.length };
            // As the tenant's rules do, or (the other half of the runs) anything at all.
            if (onlyDisjoint && [...live.values()].some((j) => overlaps(j, i.startMs, i.endMs))) continue;
            live.set(i.id, i);
            insertLive(line, asSchedule(i));
          } else if (o.kind === 'remove' && ids.length) {
            const i = live.get(ids[o.pick % ids.length]!)!;
            live.delete(i.id);
            removeLive(line, asSchedule(i));
          } else if (o.kind === 'extend' && ids.length) {
            const i = live.get(ids[o.pick % ids.length]!)!;
            if (i.endMs === null) continue;
            const moved = { ...i, endMs: i.endMs + o.by };
            live.set(i.id, moved);
            endMoved(line, asSchedule(moved));
          } else if (o.kind === 'query') {
            const end = o.length === null ? null : o.start + o.length;
            const expected = [...live.values()].filter((i) => overlaps(i, o.start, end)).map((i) => i.id).sort();
            expect([...overlappingLive(line, o.start, end)].sort()).toEqual(expected);
          }
          expect([...line.ids].sort()).toEqual([...live.keys()].sort());
          expect(line.starts).toEqual([...line.starts].sort((a, b) => a - b));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('the due times (a min-heap whose superseded entries are skipped)', () => {
  it('yields an id once when its due time came back to an earlier value', () => {
    const heap: DueTime[] = [];
    const current = new Map<string, number>();
    for (const dueMs of [26, 0, 26]) {
      current.set('s20', dueMs);
      pushDue(heap, { dueMs, id: 's20' });
    }
    expect(dueBy(heap, current, 26)).toEqual(['s20']);
  });

  it('yields exactly the current due times at or before any instant', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 100 })), { maxLength: 80 }), fc.integer({ min: 0, max: 100 }), fc.nat(10), (sets, atMs, pops) => {
        const heap: DueTime[] = [];
        const current = new Map<string, number>();
        for (const [n, dueMs] of sets) {
          const id = `s${n}`;
          if (current.get(id) === dueMs) continue;
          current.set(id, dueMs);
          pushDue(heap, { dueMs, id });
        }
        // Dropping superseded entries from the top, as evolve does, changes nothing that is current.
        for (let i = 0; i < pops && heap.length && current.get(heap[0]!.id) !== heap[0]!.dueMs; i++) popDue(heap);
        const expected = [...current].filter(([, due]) => due <= atMs).map(([id]) => id).sort();
        expect(dueBy(heap, current, atMs).sort()).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
