import { activationContext, activationMachine, type ActivationEvent } from './machines/activation';
import { assignmentLifecycleContext, assignmentLifecycleMachine, type AssignmentLifecycleEvent } from './machines/assignmentLifecycle';
import { startByComparison, stepMachine } from './machines/pure';
import type { RoleManagementPolicy } from './policy';
import type { PasswordSummary } from './schemas/password';
import type {
  ActivationSnapshot,
  DirectoryAudit,
  LifecycleSnapshot,
  RequestStatus,
  RoleSchedule,
  ScheduleRequest,
  TenantState,
  User,
} from './model';
import { toInstant } from './time';

// Events are the facts a command causes. `evolve` folds them into the state; it trusts them (the
// rules ran in `decide`) and never fails.

type NewSchedule<S extends RoleSchedule> = Omit<S, 'lifecycle' | 'status'>;

export type TenantEvent =
  | { type: 'clockAdvanced'; nowMs: number }
  | { type: 'userCreated'; user: User }
  | { type: 'passwordReset'; userId: string; atMs: number; password: PasswordSummary; forceChangePasswordNextSignIn: boolean }
  | { type: 'signedIn'; userId: string; atMs: number }
  | { type: 'mfaCompleted'; userId: string; atMs: number }
  | { type: 'requestRecorded'; request: ScheduleRequest }
  | { type: 'eligibilityScheduleCreated'; schedule: NewSchedule<Extract<RoleSchedule, { kind: 'eligibility' }>>; nowMs: number }
  | { type: 'assignmentScheduleCreated'; schedule: NewSchedule<Extract<RoleSchedule, { kind: 'assignment' }>>; nowMs: number }
  | { type: 'scheduleTransitioned'; scheduleId: string; atMs: number; event: AssignmentLifecycleEvent | ActivationEvent }
  | { type: 'policyUpdated'; policy: RoleManagementPolicy }
  | { type: 'auditRecorded'; audit: Omit<DirectoryAudit, 'id'> };

// Every new schedule starts a machine; starting by comparison skips xstate's initial transition once
// a start of the same kind (starts now or later, ends or not) has been seen (see pure.ts).
const startActivation = startByComparison(activationMachine, activationContext);
const startLifecycle = startByComparison(assignmentLifecycleMachine, assignmentLifecycleContext);

const FINAL_END_REASON: Record<string, RoleSchedule['endReason']> = {
  removed: 'removed',
  deactivated: 'deactivated',
  expired: 'expired',
};

/** Graph status of a schedule from its lifecycle state. */
function statusOf(value: string): RequestStatus {
  switch (value) {
    case 'pendingApproval':
      return 'PendingApproval';
    case 'scheduled':
    case 'waitingForStart':
      return 'Granted';
    case 'denied':
      return 'Denied';
    case 'canceled':
    case 'approvalExpired':
      return 'Canceled';
    case 'removed':
      return 'Revoked';
    default:
      return 'Provisioned';
  }
}

function isActivation(s: RoleSchedule): boolean {
  return s.kind === 'assignment' && s.assignmentType === 'Activated';
}

/**
 * The tenant provisions an activation at once: whenever one reaches Stage 1 (at creation, or when a
 * custom start time arrives) Stages 2 and 3 complete in the same instant, so the snapshot moves on
 * to `active` with its context unchanged (STAGE_COMPLETED assigns nothing). The portal replays the
 * stages with visible timing, and the model-based tests walk them one by one.
 */
function provision(snapshot: ActivationSnapshot): ActivationSnapshot {
  if (snapshot.value !== 'processing' && snapshot.value !== 'validating') return snapshot;
  return activationMachine.resolveState({ value: 'active', context: snapshot.context });
}

function advance(s: RoleSchedule, event: AssignmentLifecycleEvent | ActivationEvent, atMs: number): RoleSchedule {
  const lifecycle = isActivation(s)
    ? provision(stepMachine(activationMachine, s.lifecycle as ActivationSnapshot, event as ActivationEvent))
    : stepMachine(assignmentLifecycleMachine, s.lifecycle as LifecycleSnapshot, event as AssignmentLifecycleEvent);
  const value = String(lifecycle.value);
  const endReason = FINAL_END_REASON[value] ?? null;
  const endedMs = endReason === null ? null : endReason === 'expired' && s.endMs !== null ? Math.min(s.endMs, atMs) : atMs;
  const endMs = 'endMs' in lifecycle.context ? (lifecycle.context.endMs as number | null) : s.endMs;
  return {
    ...s,
    lifecycle,
    status: statusOf(value),
    endMs,
    endedMs,
    endReason,
    modifiedDateTime: toInstant(atMs),
  } as RoleSchedule;
}

function storeSchedule(state: TenantState, s: RoleSchedule) {
  if (!state.schedules.has(s.id)) state.scheduleIdsByPrincipal.set(s.principalId, [...(state.scheduleIdsByPrincipal.get(s.principalId) ?? []), s.id]);
  state.schedules.set(s.id, s);
  const value = String(s.lifecycle.value);
  const waitsForStart = value === 'scheduled' || value === 'waitingForStart';
  if (s.lifecycle.status !== 'done' && value !== 'expired' && (s.endMs !== null || waitsForStart)) state.timedScheduleIds.add(s.id);
  else state.timedScheduleIds.delete(s.id);
}

/** Folds one event into the state, mutating its collections in place (see `cloneState`). */
export function evolve(state: TenantState, e: TenantEvent): void {
  switch (e.type) {
    case 'clockAdvanced':
      state.nowMs = Math.max(state.nowMs, e.nowMs);
      return;
    case 'userCreated':
      state.users.set(e.user.id, e.user);
      state.userIdsByPrincipalName.set(e.user.userPrincipalName.toLowerCase(), e.user.id);
      return;
    case 'passwordReset': {
      const user = state.users.get(e.userId);
      if (user) {
        state.users.set(user.id, {
          ...user,
          passwordProfile: {
            forceChangePasswordNextSignIn: e.forceChangePasswordNextSignIn,
            password: e.password,
            lastChangedDateTime: toInstant(e.atMs),
          },
        });
      }
      return;
    }
    case 'signedIn':
      state.sessions.set(e.userId, { userId: e.userId, signedInMs: e.atMs, mfaCompletedMs: null });
      return;
    case 'mfaCompleted': {
      // MFA proves a session; decide refuses completeMfa without one, so none is invented here.
      const session = state.sessions.get(e.userId);
      if (session) state.sessions.set(e.userId, { ...session, mfaCompletedMs: e.atMs });
      return;
    }
    case 'requestRecorded':
      state.requests.set(e.request.id, e.request);
      return;
    case 'eligibilityScheduleCreated':
    case 'assignmentScheduleCreated': {
      const input = { now: e.nowMs, startMs: e.schedule.startMs, endMs: e.schedule.endMs };
      const activation = e.schedule.kind === 'assignment' && e.schedule.assignmentType === 'Activated';
      let lifecycle: LifecycleSnapshot | ActivationSnapshot;
      if (activation) {
        lifecycle = provision(startActivation({ ...input, endMs: e.schedule.endMs ?? input.startMs }));
      } else {
        lifecycle = startLifecycle(input);
      }
      storeSchedule(state, { ...e.schedule, lifecycle, status: statusOf(String(lifecycle.value)) } as RoleSchedule);
      return;
    }
    case 'scheduleTransitioned': {
      const s = state.schedules.get(e.scheduleId);
      if (s) storeSchedule(state, advance(s, e.event, e.atMs));
      return;
    }
    case 'policyUpdated':
      state.policies.set(e.policy.roleDefinitionId, e.policy);
      return;
    case 'auditRecorded':
      state.audits.push({ id: `audit-${state.audits.length + 1}`, ...e.audit });
      return;
  }
}

/** A copy whose collections can be mutated by `evolve` without touching the original. */
export function cloneState(state: TenantState): TenantState {
  return {
    ...state,
    users: new Map(state.users),
    policies: new Map(state.policies),
    requests: new Map(state.requests),
    schedules: new Map(state.schedules),
    scheduleIdsByPrincipal: new Map(state.scheduleIdsByPrincipal),
    userIdsByPrincipalName: new Map(state.userIdsByPrincipalName),
    timedScheduleIds: new Set(state.timedScheduleIds),
    sessions: new Map(state.sessions),
    audits: state.audits.slice(),
  };
}
