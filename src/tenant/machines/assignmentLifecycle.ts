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
  },
  actions: {
    recordNow: assign({
      now: ({ context, event }) => ('now' in event ? Math.max(context.now, event.now) : context.now),
    }),
    recordExtension: assign({
      endMs: ({ context, event }) => (event.type === 'EXTEND' ? event.endMs : context.endMs),
    }),
    recordRenewal: assign(({ context, event }) =>
      event.type === 'RENEW'
        ? { now: event.now, startMs: event.startMs, endMs: event.endMs, approvalRequired: event.approvalRequired }
        : context,
    ),
  },
}).createMachine({
  id: 'assignmentLifecycle',
  context: ({ input }) => ({
    now: input.now,
    startMs: input.startMs,
    endMs: input.endMs,
    approvalRequired: input.approvalRequired ?? false,
  }),
  initial: 'requested',
  states: {
    requested: {
      always: [
        { guard: 'approvalRequired', target: 'pendingApproval' },
        { target: 'approved' },
      ],
    },
    pendingApproval: {
      on: {
        APPROVE: { target: 'approved', actions: 'recordNow' },
        DENY: 'denied',
        CANCEL: 'canceled',
      },
    },
    // Transient: decides where an approved (or approval-free) request lands at `now`.
    approved: {
      always: [
        { guard: 'hasEnded', target: 'expired' },
        { guard: 'startsLater', target: 'scheduled' },
        { target: 'active' },
      ],
    },
    scheduled: {
      on: {
        TICK: { target: 'approved', actions: 'recordNow' },
        REMOVE: 'removed',
        CANCEL: 'canceled',
      },
    },
    active: {
      on: {
        TICK: { target: 'approved', actions: 'recordNow' },
        REMOVE: 'removed',
        EXTEND: { target: 'approved', actions: 'recordExtension' },
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
