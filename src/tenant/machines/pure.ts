import { createActor, type ActorScope, type AnyStateMachine, type EventFromLogic, type InputFrom, type SnapshotFrom } from 'xstate';

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
