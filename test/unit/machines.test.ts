import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import {
  ACTIVATION_STAGES,
  activationContext,
  activationMachine,
  assignmentLifecycleContext,
  assignmentLifecycleMachine,
  comparisonKey,
  HOUR_MS,
  startByComparison,
  stepMachine,
  type ActivationEvent,
  type ActivationInput,
  type AssignmentLifecycleEvent,
  type AssignmentLifecycleInput,
} from '../../src/tenant';

// Model-based tests of the two schedule machines with xstate/graph. Time is an event (TICK {now}),
// so the graph is finite once the events are a finite set: every state offers TICKs at the instants
// that matter for its own window (before the start, at the start, in between, at the end, after the
// end) and the other events with a few meaningful payloads. States are serialized by value plus the
// facts the guards read (approval required, started, ended, permanent), not by the raw clock, so
// that context values do not explode the graph. Every simple path is then replayed from scratch
// with `transition` and the invariants are checked on the real snapshots.

const T0 = Date.UTC(2025, 1, 26, 16, 0, 0);
const H = HOUR_MS;

type LifecycleSnapshot = SnapshotFrom<typeof assignmentLifecycleMachine>;
type ActivationSnapshot = SnapshotFrom<typeof activationMachine>;

/**
 * Events carry a label naming them relative to the snapshot's own window ("TICK at end"). The graph
 * keys edges by label, and a path is replayed by label: each step re-derives the concrete event from
 * the snapshot actually reached, so merging snapshots that differ only in raw times stays sound.
 * Instants are clamped to `now` (time never runs backwards), so every label exists in every state.
 */
type Labelled<E> = E & { label: string };
const at = <E extends EventObject>(label: string, e: E): Labelled<E> => ({ ...e, label });

function lifecycleEvents(s: LifecycleSnapshot): Labelled<AssignmentLifecycleEvent>[] {
  const { now, startMs, endMs } = s.context;
  const clamp = (t: number) => Math.max(now, t);
  const later = endMs ?? startMs + 1000 * H; // "much later" for a permanent window
  const between = endMs === null ? clamp(startMs) + 5 * H : Math.floor((clamp(startMs) + endMs) / 2);
  return [
    at('TICK before start', { type: 'TICK', now: clamp(startMs - H) }),
    at('TICK at start', { type: 'TICK', now: clamp(startMs) }),
    at('TICK between', { type: 'TICK', now: clamp(between) }),
    at('TICK at end', { type: 'TICK', now: clamp(later) }),
    at('TICK after end', { type: 'TICK', now: clamp(later + H) }),
    at('APPROVE now', { type: 'APPROVE', now }),
    at('APPROVE at start', { type: 'APPROVE', now: clamp(startMs) }),
    at('APPROVE after end', { type: 'APPROVE', now: clamp(later + H) }),
    at('DENY', { type: 'DENY' }),
    at('CANCEL', { type: 'CANCEL' }),
    at('REMOVE', { type: 'REMOVE' }),
    at('EXTEND', { type: 'EXTEND', endMs: endMs === null ? null : endMs + 10 * H }),
    // Renewal windows: from now, time-bound, with and without approval; starting later; permanent.
    at('RENEW now', { type: 'RENEW', now, startMs: now, endMs: now + 10 * H, approvalRequired: false }),
    at('RENEW now with approval', { type: 'RENEW', now, startMs: now, endMs: now + 10 * H, approvalRequired: true }),
    at('RENEW later', { type: 'RENEW', now, startMs: now + 2 * H, endMs: now + 12 * H, approvalRequired: false }),
    at('RENEW permanent', { type: 'RENEW', now, startMs: now, endMs: null, approvalRequired: false }),
  ];
}

function activationEvents(s: ActivationSnapshot): Labelled<ActivationEvent>[] {
  const { now, startMs, endMs } = s.context;
  const clamp = (t: number) => Math.max(now, t);
  return [
    at('TICK before start', { type: 'TICK', now: clamp(startMs - H) }),
    at('TICK at start', { type: 'TICK', now: clamp(startMs) }),
    at('TICK between', { type: 'TICK', now: clamp(Math.floor((clamp(startMs) + endMs) / 2)) }),
    at('TICK at end', { type: 'TICK', now: clamp(endMs) }),
    at('TICK after end', { type: 'TICK', now: clamp(endMs + H) }),
    at('TICK a day later', { type: 'TICK', now: now + 24 * H }),
    at('APPROVE now', { type: 'APPROVE', now }),
    at('APPROVE at start', { type: 'APPROVE', now: clamp(startMs) }),
    at('APPROVE after end', { type: 'APPROVE', now: clamp(endMs + H) }),
    at('DENY', { type: 'DENY' }),
    at('CANCEL', { type: 'CANCEL' }),
    at('STAGE_COMPLETED', { type: 'STAGE_COMPLETED' }),
    at('DEACTIVATE', { type: 'DEACTIVATE' }),
    at('REMOVE', { type: 'REMOVE' }),
    at('EXTEND', { type: 'EXTEND', endMs: endMs + 10 * H }),
  ];
}

// ---------- serialization: value + the facts the guards read ----------

function serializeLifecycle(s: LifecycleSnapshot): string {
  const c = s.context;
  return JSON.stringify([s.value, c.approvalRequired, c.now >= c.startMs, c.endMs !== null && c.now >= c.endMs, c.endMs === null]);
}

function serializeActivation(s: ActivationSnapshot): string {
  const c = s.context;
  return JSON.stringify([s.value, c.approvalRequired, c.now >= c.startMs, c.now >= c.endMs]);
}

const serializeEvent = (e: EventObject) => (e as Labelled<EventObject>).label ?? e.type;

// ---------- inputs covering the guards ----------

const lifecycleInputs: { name: string; input: AssignmentLifecycleInput }[] = [];
for (const approvalRequired of [false, true]) {
  for (const [startName, startMs] of [['start now', T0], ['start later', T0 + 2 * H]] as const) {
    for (const [endName, endMs] of [['permanent', null], ['time-bound', T0 + 10 * H]] as const) {
      lifecycleInputs.push({ name: `${approvalRequired ? 'approval' : 'no approval'}, ${startName}, ${endName}`, input: { now: T0, startMs, endMs, approvalRequired } });
    }
  }
  // A window that is already over when the request is decided.
  lifecycleInputs.push({
    name: `${approvalRequired ? 'approval' : 'no approval'}, already ended`,
    input: { now: T0 + 20 * H, startMs: T0, endMs: T0 + 10 * H, approvalRequired },
  });
}

const activationInputs: { name: string; input: ActivationInput }[] = [];
for (const approvalRequired of [false, true]) {
  for (const [startName, startMs] of [['start now', T0], ['start later', T0 + 2 * H]] as const) {
    activationInputs.push({ name: `${approvalRequired ? 'approval' : 'no approval'}, ${startName}`, input: { now: T0, startMs, endMs: startMs + 8 * H, approvalRequired } });
  }
  activationInputs.push({
    name: `${approvalRequired ? 'approval' : 'no approval'}, already ended`,
    input: { now: T0 + 20 * H, startMs: T0, endMs: T0 + 8 * H, approvalRequired },
  });
}

// ---------- helpers ----------

const stateKeys = (m: AnyStateMachine) => Object.keys(m.root.states).sort();
/** Event types some state of the machine reacts to. */
const handledEventTypes = (m: AnyStateMachine) => [...new Set(Object.values(m.root.states).flatMap((node) => Object.keys(node.on)))].sort();
const finalKeys = (m: AnyStateMachine) =>
  Object.entries(m.root.states)
    .filter(([, node]) => node.type === 'final')
    .map(([key]) => key)
    .sort();

interface Walk<S> {
  /** The resting snapshots from the initial one to the end of the path, with the event that led to each. */
  trail: { event: EventObject | null; snapshot: S }[];
}

/** Replays a path by its event labels from the initial snapshot with the real machine. */
function replay<S extends AnyMachineSnapshot>(
  machine: AnyStateMachine,
  input: unknown,
  labels: string[],
  events: (s: S) => Labelled<EventObject>[],
): Walk<S> {
  let snapshot = initialTransition(machine, input as never)[0] as S;
  const trail: Walk<S>['trail'] = [{ event: null, snapshot }];
  for (const label of labels) {
    const event = events(snapshot).find((e) => e.label === label);
    if (!event) throw new Error(`no event '${label}' in state ${String(snapshot.value)}`);
    snapshot = transition(machine, snapshot as never, event as never)[0] as S;
    trail.push({ event, snapshot });
  }
  return { trail };
}

const pathLabels = (steps: readonly { event: EventObject }[]) =>
  steps.map((s) => s.event).filter((e) => e.type !== 'xstate.init').map((e) => (e as Labelled<EventObject>).label);

const describeWalk = (input: string, walk: Walk<{ value: unknown }>) =>
  `${input}: ${walk.trail.map((t) => `${t.event ? JSON.stringify(t.event) : 'init'} → ${String(t.snapshot.value)}`).join(' ; ')}`;

interface Exploration<S> {
  simplePaths: number;
  shortestPaths: number;
  reached: Set<string>;
  walks: { input: string; walk: Walk<S> }[];
  /** For every final-state vertex of the adjacency maps: how many events lead out of it. */
  finalVertexTransitions: number[];
}

function explore<S extends AnyMachineSnapshot>(
  machine: AnyStateMachine,
  inputs: { name: string; input: unknown }[],
  events: (s: S) => Labelled<EventObject>[],
  serializeState: (s: S) => string,
): Exploration<S> {
  const out: Exploration<S> = { simplePaths: 0, shortestPaths: 0, reached: new Set(), walks: [], finalVertexTransitions: [] };
  for (const { name, input } of inputs) {
    const options = { input, events, serializeState, serializeEvent } as never;
    const simple = getSimplePaths(machine, options);
    const shortest = getShortestPaths(machine, options);
    expect(simple.length, `${name}: simple paths`).toBeGreaterThan(0);
    out.simplePaths += simple.length;
    out.shortestPaths += shortest.length;

    const reachedHere = new Set<string>();
    for (const path of simple) {
      const walk = replay(machine, input, pathLabels(path.steps), events);
      const end = walk.trail.at(-1)!.snapshot;
      // The abstraction is sound: replaying the path lands in the state the graph says, with the same facts.
      expect(serializeState(end), describeWalk(name, walk)).toBe(serializeState(path.state as S));
      for (const { snapshot } of walk.trail) reachedHere.add(String(snapshot.value));
      out.walks.push({ input: name, walk });
    }
    // Shortest paths reach exactly the same states as the simple paths.
    const reachedShortest = new Set(shortest.map((p) => String((p.state as S).value)));
    expect([...reachedShortest].sort(), `${name}: shortest vs simple`).toEqual([...reachedHere].sort());
    for (const v of reachedHere) out.reached.add(v);

    const adjacency = getAdjacencyMap(machine, options);
    for (const [key, vertex] of Object.entries(adjacency)) {
      const snap = vertex.state as S;
      // Every event is offered in every state; for a final vertex all of them must be self-loops.
      if (snap.status === 'done')
        out.finalVertexTransitions.push(Object.values(vertex.transitions).filter((t) => serializeState((t as { state: S }).state) !== key).length);
    }
  }
  return out;
}

/**
 * The structural checks both machines share: the exploration found paths, every handled event type
 * is offered, every non-transient state is reached, and the final states are exactly `final` and
 * never move again.
 */
function structuralTests<S extends AnyMachineSnapshot>(spec: {
  name: string;
  machine: AnyStateMachine;
  inputs: readonly { name: string; input: unknown }[];
  events: (s: S) => EventObject[];
  transient: readonly string[];
  final: readonly string[];
  result: () => Exploration<S>;
}) {
  const { machine, transient, final } = spec;
  it('walks every simple path for every input', () => {
    const result = spec.result();
    console.log(`${spec.name}: ${result.simplePaths} simple paths, ${result.shortestPaths} shortest paths over ${spec.inputs.length} inputs`);
    expect(result.simplePaths).toBeGreaterThan(spec.inputs.length);
  });

  it('offers every event type the machine handles', () => {
    const initial = initialTransition(machine, spec.inputs[0]!.input)[0] as S;
    expect([...new Set(spec.events(initial).map((e) => e.type))].sort()).toEqual(handledEventTypes(machine));
  });

  it('reaches every state node except the transient ones, which are never a resting state', () => {
    for (const key of transient) {
      const node = machine.root.states[key]!;
      expect(node.always?.length ?? 0, `${key} has always transitions`).toBeGreaterThan(0);
      expect(Object.keys(node.on), `${key} has no event transitions`).toEqual([]);
    }
    const resting = stateKeys(machine).filter((k) => !transient.includes(k));
    expect([...spec.result().reached].sort()).toEqual(resting);
  });

  it(`final states are exactly ${final.join(', ')}, with no outgoing transitions`, () => {
    const result = spec.result();
    expect(finalKeys(machine)).toEqual(final);
    for (const key of final) {
      const node = machine.root.states[key]!;
      expect(Object.keys(node.on)).toEqual([]);
      expect(node.always ?? []).toEqual([]);
      expect(node.transitions.size).toBe(0);
    }
    expect(result.finalVertexTransitions.length).toBeGreaterThan(0);
    expect(result.finalVertexTransitions.every((n) => n === 0)).toBe(true);
    // No event moves a finished schedule.
    for (const { walk } of result.walks) {
      const end = walk.trail.at(-1)!.snapshot;
      if (end.status !== 'done') continue;
      for (const e of spec.events(end)) {
        const next = transition(machine, end, e)[0];
        expect(next.value).toBe(end.value);
        expect(next.status).toBe('done');
      }
    }
  });
}

// ---------- the assignment lifecycle ----------

describe('assignmentLifecycleMachine (model-based, xstate/graph)', () => {
  const TRANSIENT = ['requested'];
  const FINAL = ['canceled', 'denied', 'removed'];
  let result: Exploration<LifecycleSnapshot>;
  beforeAll(() => {
    result = explore(assignmentLifecycleMachine, lifecycleInputs, lifecycleEvents, serializeLifecycle);
  });

  structuralTests({
    name: 'assignmentLifecycle',
    machine: assignmentLifecycleMachine,
    inputs: lifecycleInputs,
    events: lifecycleEvents,
    transient: TRANSIENT,
    final: FINAL,
    result: () => result,
  });

  it('holds its invariants along every path', () => {
    for (const { input, walk } of result.walks) {
      const where = () => describeWalk(input, walk);
      let approved = false;
      let prev: string | null = null;
      let permanentSoFar = walk.trail[0]!.snapshot.context.endMs === null;
      for (const { event, snapshot } of walk.trail) {
        const value = String(snapshot.value);
        const c = snapshot.context;
        if (event?.type === 'RENEW') approved = false;
        if (event?.type === 'APPROVE' && prev === 'pendingApproval') approved = true;
        if (event?.type === 'RENEW' || event?.type === 'EXTEND') permanentSoFar &&= c.endMs === null;
        // Transient states are never a resting state.
        expect(TRANSIENT, where()).not.toContain(value);
        // Nothing gets past approval without an APPROVE when approval is required.
        if (c.approvalRequired && !approved) expect(['pendingApproval', 'denied', 'canceled'], where()).toContain(value);
        // Expired only when the clock has reached a (non-null) end.
        if (value === 'expired') {
          expect(c.endMs, where()).not.toBeNull();
          expect(c.now, where()).toBeGreaterThanOrEqual(c.endMs!);
        }
        // A permanent schedule never expires.
        if (permanentSoFar) expect(value, where()).not.toBe('expired');
        // Active only within the window, scheduled only before its start.
        if (value === 'active') {
          expect(c.now, where()).toBeGreaterThanOrEqual(c.startMs);
          if (c.endMs !== null) expect(c.now, where()).toBeLessThan(c.endMs);
        }
        if (value === 'scheduled') expect(c.now, where()).toBeLessThan(c.startMs);
        // Once final, always final.
        if (prev !== null && FINAL.includes(prev)) expect(value, where()).toBe(prev);
        if (FINAL.includes(value)) expect(snapshot.status, where()).toBe('done');
        prev = value;
      }
    }
  });
});

// ---------- the activation ----------

describe('activationMachine (model-based, xstate/graph)', () => {
  const TRANSIENT = ['submitted'];
  const FINAL = ['approvalExpired', 'canceled', 'deactivated', 'denied', 'expired', 'removed'];
  let result: Exploration<ActivationSnapshot>;
  beforeAll(() => {
    result = explore(activationMachine, activationInputs, activationEvents, serializeActivation);
  });

  structuralTests({
    name: 'activation',
    machine: activationMachine,
    inputs: activationInputs,
    events: activationEvents,
    transient: TRANSIENT,
    final: FINAL,
    result: () => result,
  });

  it('holds its invariants along every path', () => {
    for (const { input, walk } of result.walks) {
      const where = () => describeWalk(input, walk);
      let approved = false;
      let prev: string | null = null;
      const stages: number[] = [];
      for (const { event, snapshot } of walk.trail) {
        const value = String(snapshot.value);
        const c = snapshot.context;
        if (event?.type === 'APPROVE' && prev === 'pendingApproval') approved = true;
        expect(TRANSIENT, where()).not.toContain(value);
        // Approval: nothing but waiting or a refusal until someone approves.
        if (c.approvalRequired && !approved) expect(['pendingApproval', 'denied', 'canceled', 'approvalExpired'], where()).toContain(value);
        // Stages 1 → 2 → 3 in order: validating only from processing, active only from validating
        // (or from active itself, through checkingEnd), each by STAGE_COMPLETED.
        if (value === 'validating' && prev !== 'validating') {
          expect(prev, where()).toBe('processing');
          expect(event?.type, where()).toBe('STAGE_COMPLETED');
        }
        if (value === 'active' && prev !== 'active') {
          expect(prev, where()).toBe('validating');
          expect(event?.type, where()).toBe('STAGE_COMPLETED');
        }
        const stage = (activationMachine.root.states[value]!.meta as { stage?: number } | undefined)?.stage;
        if (stage !== undefined && stages.at(-1) !== stage) stages.push(stage);
        // An activation ends by itself only when the clock reaches its end.
        if (value === 'expired') expect(c.now, where()).toBeGreaterThanOrEqual(c.endMs);
        if (value === 'active') {
          expect(c.now, where()).toBeGreaterThanOrEqual(c.startMs);
          expect(c.now, where()).toBeLessThan(c.endMs);
        }
        if (value === 'waitingForStart') expect(c.now, where()).toBeLessThan(c.startMs);
        if (value === 'approvalExpired') expect(event?.type, where()).toBe('TICK');
        if (prev !== null && FINAL.includes(prev)) expect(value, where()).toBe(prev);
        if (FINAL.includes(value)) expect(snapshot.status, where()).toBe('done');
        prev = value;
      }
      // The stage sequence along the path is a prefix of 1, 2, 3.
      expect(stages, where()).toEqual([1, 2, 3].slice(0, stages.length));
    }
  });

  it('reaches active in every input only through processing and validating (shortest paths)', () => {
    for (const { name, input } of activationInputs) {
      const toActive = getShortestPaths(activationMachine, {
        input,
        events: activationEvents,
        serializeState: serializeActivation,
        serializeEvent,
        toState: (s: ActivationSnapshot) => s.value === 'active',
      } as never);
      if (input.now >= input.endMs) {
        expect(toActive, name).toEqual([]);
        continue;
      }
      expect(toActive.length, name).toBeGreaterThan(0);
      for (const p of toActive) {
        const values = replay(activationMachine, input, pathLabels(p.steps), activationEvents).trail.map((t) => String(t.snapshot.value));
        const i = values.indexOf('active');
        expect(values.slice(i - 2, i + 1), name).toEqual(['processing', 'validating', 'active']);
        if (input.approvalRequired) expect(pathLabels(p.steps).some((l) => l.startsWith('APPROVE')), name).toBe(true);
      }
    }
  });
});

describe('activation stages', () => {
  it('have the texts of the guide', () => {
    expect(ACTIVATION_STAGES.map((s) => s.text)).toEqual([
      'Processing your request and activating your role.',
      'Validating that your activation is successful.',
      'Activation completed successfully.',
    ]);
    expect(ACTIVATION_STAGES.map((s) => s.stage)).toEqual([1, 2, 3]);
  });

  it("match the machine's stage meta", () => {
    for (const s of ACTIVATION_STAGES) {
      expect(activationMachine.root.states[s.state]?.meta, s.state).toEqual({ stage: s.stage });
    }
    // No other state claims a stage.
    const withStage = Object.entries(activationMachine.root.states)
      .filter(([, node]) => (node.meta as { stage?: number } | undefined)?.stage !== undefined)
      .map(([key]) => key);
    expect(withStage.sort()).toEqual(ACTIVATION_STAGES.map((s) => s.state).sort());
    // And a live snapshot reports the stage of the state it is in.
    let snap = initialTransition(activationMachine, { now: T0, startMs: T0, endMs: T0 + 8 * H })[0];
    for (const s of ACTIVATION_STAGES) {
      expect(snap.value).toBe(s.state);
      expect(snap.getMeta()[`activation.${s.state}`]).toEqual({ stage: s.stage });
      snap = transition(activationMachine, snap, { type: 'STAGE_COMPLETED' })[0];
    }
  });
});

// ---------- starting by comparison (machines/pure.ts) ----------

/** Everything a snapshot holds but its methods and the machine itself. */
const snapshotData = (s: AnyMachineSnapshot) => ({
  value: s.value,
  context: s.context,
  status: s.status,
  output: s.output,
  error: s.error,
  children: s.children,
  historyValue: s.historyValue,
  tags: [...s.tags].sort(),
  nodes: s._nodes.map((n) => n.id).sort(),
  meta: s.getMeta(),
});

describe('startByComparison (the core starts its schedule machines with it)', () => {
  // Instants a few hours apart around T0, so that ties (start now, already ended) are frequent.
  const instant = fc.integer({ min: -3, max: 3 }).map((k) => T0 + k * H);
  const approval = fc.option(fc.boolean(), { nil: undefined });
  const lifecycleInput = fc.record({ now: instant, startMs: instant, endMs: fc.option(instant, { nil: null }), approvalRequired: approval });
  const activationInput = fc.record({ now: instant, startMs: instant, endMs: instant, approvalRequired: approval });

  function equalsInitialTransition<M extends AnyStateMachine>(machine: M, context: (input: never) => unknown, inputs: fc.Arbitrary<object>, events: (s: never) => EventObject[]) {
    const start = startByComparison(machine, context as never);
    const full = vi.spyOn(machine as AnyStateMachine, 'getInitialSnapshot');
    let runs = 0;
    let fullStarts = 0;
    try {
      fc.assert(
        fc.property(inputs, (input) => {
          runs += 1;
          const before = full.mock.calls.length;
          const fast = start(input as never) as AnyMachineSnapshot;
          fullStarts += full.mock.calls.length - before;
          const reference = initialTransition(machine, input as never)[0] as AnyMachineSnapshot;
          expect(snapshotData(fast)).toEqual(snapshotData(reference));
          // And it behaves the same from there on: every event leads where it leads from xstate's own start.
          for (const e of events(reference as never)) {
            const [next] = transition(machine, reference as never, e as never);
            expect(snapshotData(stepMachine(machine, fast as never, e as never) as AnyMachineSnapshot), e.type).toEqual(snapshotData(next as AnyMachineSnapshot));
          }
        }),
        { numRuns: 300 },
      );
      // The point of it: most starts skip xstate's initial transition.
      expect(fullStarts).toBeGreaterThan(0);
      expect(fullStarts).toBeLessThan(runs / 4);
    } finally {
      full.mockRestore();
    }
  }

  it('gives the assignment lifecycle the snapshot xstate’s initialTransition gives, for any window', () => {
    equalsInitialTransition(assignmentLifecycleMachine, assignmentLifecycleContext as never, lifecycleInput, lifecycleEvents as never);
  });

  it('gives the activation the snapshot xstate’s initialTransition gives, for any window', () => {
    equalsInitialTransition(activationMachine, activationContext as never, activationInput, activationEvents as never);
  });

  it('keys a context by the kinds of its fields and the order of its numbers', () => {
    expect(comparisonKey({ now: 2, startMs: 2, endMs: 5, approvalRequired: false })).toBe('N=<N<NF');
    expect(comparisonKey({ now: 2, startMs: 3, endMs: null, approvalRequired: true })).toBe('N<N0T');
    expect(comparisonKey({ a: Number.NaN, b: 1, c: undefined })).toBe('N?NU');
    expect(comparisonKey({ now: 1, who: 'x' })).toBeNull();
  });
});
