import { assign, setup } from 'xstate';

// The lifecycle of one role eligibility schedule or (standing) role assignment schedule, as PIM's
// Assignments blade shows it: requested → (pending approval) → scheduled → active → expired or
// removed; an expired assignment can be renewed and an active one extended. Time is an event (TICK
// with the tenant's `now`), never a timer, so every path can be walked by xstate/graph and replay is
// deterministic.

export interface AssignmentLifecycleInput {
  now: number;
  startMs: number;
  /** null: permanent. */
  endMs: number | null;
  approvalRequired?: boolean;
}

export interface AssignmentLifecycleContext {
  now: number;
  startMs: number;
  endMs: number | null;
  approvalRequired: boolean;
}

export type AssignmentLifecycleEvent =
  | { type: 'TICK'; now: number }
  | { type: 'APPROVE'; now: number }
  | { type: 'DENY' }
  | { type: 'CANCEL' }
  | { type: 'REMOVE' }
  | { type: 'EXTEND'; endMs: number | null }
  | { type: 'RENEW'; now: number; startMs: number; endMs: number | null; approvalRequired: boolean };

/** The machine's context for an input: also what startLifecycle (events.ts) builds snapshots with. */
export const assignmentLifecycleContext = (input: AssignmentLifecycleInput): AssignmentLifecycleContext => ({
  now: input.now,
  startMs: input.startMs,
  endMs: input.endMs,
  approvalRequired: input.approvalRequired ?? false,
});

const timeOf = (context: AssignmentLifecycleContext, event: AssignmentLifecycleEvent) =>
  'now' in event ? Math.max(context.now, event.now) : context.now;

export const assignmentLifecycleMachine = setup({
  types: {
    input: {} as AssignmentLifecycleInput,
    context: {} as AssignmentLifecycleContext,
    events: {} as AssignmentLifecycleEvent,
  },
  guards: {
    approvalRequired: ({ context }) => context.approvalRequired,
    startsLater: ({ context }) => context.startMs > context.now,
    hasEnded: ({ context }) => context.endMs !== null && context.now >= context.endMs,
    endedBy: ({ context, event }) => context.endMs !== null && timeOf(context, event) >= context.endMs,
    startedBy: ({ context, event }) => timeOf(context, event) >= context.startMs,
  },
  actions: {
    recordNow: assign({ now: ({ context, event }) => timeOf(context, event) }),
    recordExtension: assign({
      endMs: ({ context, event }) => (event.type === 'EXTEND' ? event.endMs : context.endMs),
    }),
    recordRenewal: assign(({ context, event }) =>
      event.type === 'RENEW'
        ? { now: timeOf(context, event), startMs: event.startMs, endMs: event.endMs, approvalRequired: event.approvalRequired }
        : context,
    ),
  },
}).createMachine({
  id: 'assignmentLifecycle',
  context: ({ input }) => assignmentLifecycleContext(input),
  initial: 'requested',
  states: {
    // Transient: where a request (or a renewal) lands at `now`. Its guards only compare context
    // fields with one another and it assigns nothing, which startByComparison (pure.ts) relies on.
    requested: {
      always: [
        { guard: 'approvalRequired', target: 'pendingApproval' },
        { guard: 'hasEnded', target: 'expired' },
        { guard: 'startsLater', target: 'scheduled' },
        { target: 'active' },
      ],
    },
    pendingApproval: {
      on: {
        APPROVE: [
          { guard: 'endedBy', target: 'expired', actions: 'recordNow' },
          { guard: 'startedBy', target: 'active', actions: 'recordNow' },
          { target: 'scheduled', actions: 'recordNow' },
        ],
        DENY: 'denied',
        CANCEL: 'canceled',
      },
    },
    scheduled: {
      on: {
        TICK: [
          { guard: 'endedBy', target: 'expired', actions: 'recordNow' },
          { guard: 'startedBy', target: 'active', actions: 'recordNow' },
          { actions: 'recordNow' },
        ],
        REMOVE: 'removed',
        CANCEL: 'canceled',
      },
    },
    active: {
      on: {
        TICK: [{ guard: 'endedBy', target: 'expired', actions: 'recordNow' }, { actions: 'recordNow' }],
        REMOVE: 'removed',
        // An extension moves the end (or makes it permanent); an end already passed expires it.
        EXTEND: { target: 'requested', actions: 'recordExtension' },
      },
    },
    expired: {
      on: {
        RENEW: { target: 'requested', actions: 'recordRenewal' },
      },
    },
    removed: { type: 'final' },
    denied: { type: 'final' },
    canceled: { type: 'final' },
  },
});
