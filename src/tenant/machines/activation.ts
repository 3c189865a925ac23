import { assign, setup } from 'xstate';

// One self-activation of an eligible role (a selfActivate roleAssignmentScheduleRequest and the
// Activated assignment it creates). Stages 1–3 are the ones the portal's Status tab shows; the tenant
// core passes through them in the instant it provisions the role, and the portal replays them with
// visible timing. Approval and extension have their states and events already, for the approval
// workflow that builds on this machine. Time is an event (TICK, APPROVE carry `now`).

export const ACTIVATION_STAGES = [
  { stage: 1, state: 'processing', text: 'Processing your request and activating your role.' },
  { stage: 2, state: 'validating', text: 'Validating that your activation is successful.' },
  { stage: 3, state: 'active', text: 'Activation completed successfully.' },
] as const;

/** PIM drops a request nobody approved within the stage timeout (24 hours, not configurable). */
export const APPROVAL_TIMEOUT_MS = 24 * 3_600_000;

export interface ActivationInput {
  now: number;
  startMs: number;
  endMs: number;
  approvalRequired?: boolean;
}

export interface ActivationContext {
  now: number;
  /** When the request was submitted: the approval timeout counts from here. */
  submittedMs: number;
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
  | { type: 'REMOVE' }
  | { type: 'EXTEND'; endMs: number };

/** The machine's context for an input: also what startActivation (events.ts) builds snapshots with. */
export const activationContext = (input: ActivationInput): ActivationContext => ({
  now: input.now,
  submittedMs: input.now,
  startMs: input.startMs,
  endMs: input.endMs,
  approvalRequired: input.approvalRequired ?? false,
});

/** The time an event brings (TICK, APPROVE), or the machine's own. */
const timeOf = (context: ActivationContext, event: ActivationEvent) => ('now' in event ? Math.max(context.now, event.now) : context.now);

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
    endedBy: ({ context, event }) => timeOf(context, event) >= context.endMs,
    startedBy: ({ context, event }) => timeOf(context, event) >= context.startMs,
    approvalTimedOut: ({ context, event }) => timeOf(context, event) >= context.submittedMs + APPROVAL_TIMEOUT_MS,
  },
  actions: {
    recordNow: assign({ now: ({ context, event }) => timeOf(context, event) }),
    recordExtension: assign({
      endMs: ({ context, event }) => (event.type === 'EXTEND' ? Math.max(context.endMs, event.endMs) : context.endMs),
    }),
  },
}).createMachine({
  id: 'activation',
  context: ({ input }) => activationContext(input),
  initial: 'submitted',
  states: {
    // Transient: where a submitted request lands at once. Its guards only compare context fields
    // with one another and it assigns nothing, which startByComparison (pure.ts) relies on.
    submitted: {
      always: [
        { guard: 'approvalRequired', target: 'pendingApproval' },
        { guard: 'hasEnded', target: 'expired' },
        { guard: 'startsLater', target: 'waitingForStart' },
        { target: 'processing' },
      ],
    },
    pendingApproval: {
      on: {
        APPROVE: [
          { guard: 'endedBy', target: 'expired', actions: 'recordNow' },
          { guard: 'startedBy', target: 'processing', actions: 'recordNow' },
          { target: 'waitingForStart', actions: 'recordNow' },
        ],
        DENY: 'denied',
        CANCEL: 'canceled',
        TICK: { guard: 'approvalTimedOut', target: 'approvalExpired', actions: 'recordNow' },
      },
    },
    // Graph status Granted: accepted, waiting for its custom activation start time.
    waitingForStart: {
      on: {
        TICK: [
          { guard: 'endedBy', target: 'expired', actions: 'recordNow' },
          { guard: 'startedBy', target: 'processing', actions: 'recordNow' },
          { actions: 'recordNow' },
        ],
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
        TICK: [{ guard: 'endedBy', target: 'expired', actions: 'recordNow' }, { actions: 'recordNow' }],
        DEACTIVATE: 'deactivated',
        // The eligibility it lives on was removed by an administrator.
        REMOVE: 'removed',
        EXTEND: { actions: 'recordExtension' },
      },
    },
    deactivated: { type: 'final' },
    removed: { type: 'final' },
    expired: { type: 'final' },
    denied: { type: 'final' },
    canceled: { type: 'final' },
    approvalExpired: { type: 'final' },
  },
});
