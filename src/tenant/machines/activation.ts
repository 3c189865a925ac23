import { assign, setup } from 'xstate';

// One self-activation of an eligible role (a selfActivate roleAssignmentScheduleRequest and the
// Activated assignment it creates). Stages 1–3 are the ones the portal's Status tab shows; the tenant
// core passes through them at once when it provisions the role, and the portal replays them with
// visible timing. Approval, extension and the approval timeout have their states already, for the
// approval workflow that builds on this machine.

export const ACTIVATION_STAGES = [
  { stage: 1, state: 'processing', text: 'Processing your request and activating your role.' },
  { stage: 2, state: 'validating', text: 'Validating that your activation is successful.' },
  { stage: 3, state: 'active', text: 'Activation completed successfully.' },
] as const;

export interface ActivationInput {
  now: number;
  startMs: number;
  endMs: number;
  approvalRequired?: boolean;
}

export interface ActivationContext {
  now: number;
  startMs: number;
  endMs: number;
  approvalRequired: boolean;
}

export type ActivationEvent =
  | { type: 'TICK'; now: number }
  | { type: 'APPROVE'; now: number }
  | { type: 'DENY' }
  | { type: 'CANCEL' }
  | { type: 'STAGE_COMPLETED' }
  | { type: 'DEACTIVATE' }
  | { type: 'EXTEND'; endMs: number };

export const activationMachine = setup({
  types: {
    input: {} as ActivationInput,
    context: {} as ActivationContext,
    events: {} as ActivationEvent,
  },
  guards: {
    approvalRequired: ({ context }) => context.approvalRequired,
    startsLater: ({ context }) => context.startMs > context.now,
    hasEnded: ({ context }) => context.now >= context.endMs,
    /** PIM drops a request nobody approved within the stage timeout (24 hours, not configurable). */
    approvalTimedOut: ({ context, event }) => event.type === 'TICK' && event.now >= context.now + 24 * 3_600_000,
  },
  actions: {
    recordNow: assign({
      now: ({ context, event }) => ('now' in event ? Math.max(context.now, event.now) : context.now),
    }),
    recordExtension: assign({
      endMs: ({ context, event }) => (event.type === 'EXTEND' ? event.endMs : context.endMs),
    }),
  },
}).createMachine({
  id: 'activation',
  context: ({ input }) => ({
    now: input.now,
    startMs: input.startMs,
    endMs: input.endMs,
    approvalRequired: input.approvalRequired ?? false,
  }),
  initial: 'submitted',
  states: {
    submitted: {
      always: [{ guard: 'approvalRequired', target: 'pendingApproval' }, { target: 'granted' }],
    },
    pendingApproval: {
      on: {
        APPROVE: { target: 'granted', actions: 'recordNow' },
        DENY: 'denied',
        CANCEL: 'canceled',
        TICK: { guard: 'approvalTimedOut', target: 'approvalExpired' },
      },
    },
    // Graph status Granted: accepted, waiting for its start time (custom activation start time).
    granted: {
      always: [
        { guard: 'hasEnded', target: 'expired' },
        { guard: 'startsLater', target: 'waitingForStart' },
        { target: 'processing' },
      ],
    },
    waitingForStart: {
      on: {
        TICK: { target: 'granted', actions: 'recordNow' },
        CANCEL: 'canceled',
      },
    },
    processing: {
      meta: { stage: 1 },
      on: { STAGE_COMPLETED: 'validating' },
    },
    validating: {
      meta: { stage: 2 },
      on: { STAGE_COMPLETED: 'active' },
    },
    active: {
      meta: { stage: 3 },
      on: {
        TICK: { target: 'checkingEnd', actions: 'recordNow' },
        DEACTIVATE: 'deactivated',
        EXTEND: { target: 'checkingEnd', actions: 'recordExtension' },
      },
    },
    // Transient: an activation ends by itself at its end time.
    checkingEnd: {
      always: [{ guard: 'hasEnded', target: 'expired' }, { target: 'active' }],
    },
    deactivated: { type: 'final' },
    expired: { type: 'final' },
    denied: { type: 'final' },
    canceled: { type: 'final' },
    approvalExpired: { type: 'final' },
  },
});
