import {
  createActor,
  type ActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type ContextFrom,
  type EventFromLogic,
  type InputFrom,
  type SnapshotFrom,
  type StateValue,
} from 'xstate';

// Pure transitions over our domain machines, as xstate's `initialTransition` / `transition` do, but
// with one inert actor scope per machine instead of a throwaway actor per call: the throwaway actor
// costs ~80 µs a call (it also computes an initial state without input), which a 10,000-entry replay
// cannot afford. This is safe because the domain machines have no children, no delays and only
// `assign` actions: the scope is never written to.

const scopes = new WeakMap<AnyStateMachine, ActorScope<any, any>>();

function scopeOf<M extends AnyStateMachine>(machine: M, input: InputFrom<M>): ActorScope<any, any> {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine, { input });
    scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      emit: () => {},
      system: self.system,
      stopChild: () => {},
      actionExecutor: () => {},
    };
    scopes.set(machine, scope);
  }
  return scope;
}

/** The machine's initial snapshot for `input` (eventless transitions taken). */
export function startMachine<M extends AnyStateMachine>(machine: M, input: InputFrom<M>): SnapshotFrom<M> {
  return machine.getInitialSnapshot(scopeOf(machine, input), input) as SnapshotFrom<M>;
}

/** The snapshot after `event`; an event the current state does not handle leaves it unchanged. */
export function stepMachine<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): SnapshotFrom<M> {
  const scope = scopes.get(machine) ?? scopeOf(machine, (snapshot as { context: unknown }).context as InputFrom<M>);
  return machine.transition(snapshot, event, scope) as SnapshotFrom<M>;
}

const resolved = new WeakMap<AnyStateMachine, Map<string, AnyMachineSnapshot>>();

/**
 * `machine.resolveState({ value, context })`, made once per state value: every later snapshot of
 * that value shares the resolved one's fields (its state nodes, tags, empty children) and has its
 * own context. xstate never mutates a snapshot, so sharing is safe, and a replay of 100,000 entries
 * neither resolves nor keeps 100,000 copies of the same state nodes. For machines whose snapshots
 * hold no children and no history (the domain machines: see above).
 */
export function resolveSnapshot<M extends AnyStateMachine>(machine: M, value: StateValue, context: ContextFrom<M>): SnapshotFrom<M> {
  let byValue = resolved.get(machine);
  if (!byValue) resolved.set(machine, (byValue = new Map()));
  const key = typeof value === 'string' ? value : JSON.stringify(value);
  let template = byValue.get(key);
  if (!template) byValue.set(key, (template = machine.resolveState({ value, context }) as AnyMachineSnapshot));
  return { ...template, context } as SnapshotFrom<M>;
}

/**
 * How a context's fields compare with one another: for each field in order, its kind (N number,
 * T/F boolean, 0 null, U undefined) and, for a number, how it compares (<, =, >, ? for NaN) with
 * every later number. Two contexts with the same key satisfy exactly the same guards among those
 * that only test booleans, null and the order of fields. Null for a context with other kinds of
 * values (strings, objects), which this key does not describe.
 */
export function comparisonKey(context: Readonly<Record<string, unknown>>): string | null {
  const values = Object.values(context);
  let key = '';
  for (let i = 0; i < values.length; i++) {
    const a = values[i];
    if (typeof a === 'number') {
      key += 'N';
      for (let j = i + 1; j < values.length; j++) {
        const b = values[j];
        if (typeof b === 'number') key += a < b ? '<' : a > b ? '>' : a === b ? '=' : '?';
      }
    } else if (typeof a === 'boolean') key += a ? 'T' : 'F';
    else if (a === null) key += '0';
    else if (a === undefined) key += 'U';
    else return null;
  }
  return key;
}

/**
 * A cheaper startMachine for a machine whose initial transition (1) assigns nothing, so the initial
 * context is `context(input)`, and (2) picks its state with guards that only compare the context's
 * fields with one another (booleans, null, which time comes first), as the schedule machines'
 * transient states do. Running the initial transition costs ~14 µs (the context factory, entering
 * the transient state, choosing among its `always` transitions); replay and createTenant start one
 * machine per schedule. So the state reached is remembered per comparisonKey of the context, and a
 * later input with the same key gets its snapshot from `machine.resolveState` (xstate's public way
 * to build a snapshot from a state value and a context), resolved once per value (resolveSnapshot).
 *
 * `context` must be the very function the machine's `context` calls. Condition (1) is checked on
 * every full start (a start whose context is not `context(input)` is not remembered); condition (2)
 * is the machine's promise, documented at its transient state and checked against xstate's
 * `initialTransition` by test/unit/machines.test.ts.
 */
export function startByComparison<M extends AnyStateMachine>(machine: M, context: (input: InputFrom<M>) => ContextFrom<M>): (input: InputFrom<M>) => SnapshotFrom<M> {
  const states = new Map<string, StateValue>();
  return (input) => {
    const initialContext = context(input);
    const key = comparisonKey(initialContext);
    const value = key === null ? undefined : states.get(key);
    if (value !== undefined) return resolveSnapshot(machine, value, initialContext);
    const snapshot = startMachine(machine, input);
    const { status, context: reached, value: start } = snapshot as AnyMachineSnapshot;
    if (key !== null && status !== 'error' && sameFields(reached, initialContext)) states.set(key, start);
    return snapshot;
  };
}

function sameFields(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && Object.is(a[k], b[k]));
}
