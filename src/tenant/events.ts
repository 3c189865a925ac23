import { activationContext, activationMachine, type ActivationEvent } from './machines/activation';
import { assignmentLifecycleContext, assignmentLifecycleMachine, type AssignmentLifecycleEvent } from './machines/assignmentLifecycle';
import { resolveSnapshot, startByComparison, stepMachine } from './machines/pure';
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
import { copyLine, effectiveEndMs, emptyLine, endMoved, insertLive, isLive, lineKey, lineOf, popDue, pushDue, removeLive } from './scheduleIndex';
import { toInstant } from './time';

// Events are the facts a command causes. `evolve` folds them into the state; it trusts them (the
// rules ran in `decide`) and never fails.

export type NewSchedule<S extends RoleSchedule> = Omit<S, 'lifecycle' | 'status'>;

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
  return resolveSnapshot(activationMachine, 'active', snapshot.context);
}

type ScheduleChanges = Pick<RoleSchedule, 'lifecycle' | 'status' | 'endMs' | 'endedMs' | 'endReason' | 'modifiedDateTime'>;

/**
 * A schedule record with its lifecycle and the fields time and commands change. Spelled out rather
 * than spread: replay stores a record per schedule and per change, and a literal is both faster to
 * make and smaller to keep than a spread copy with fields added.
 */
function scheduleRecord(s: NewSchedule<Extract<RoleSchedule, { kind: 'eligibility' }>> | NewSchedule<Extract<RoleSchedule, { kind: 'assignment' }>>, c: ScheduleChanges): RoleSchedule {
  if (s.kind === 'eligibility')
    return {
      kind: 'eligibility',
      id: s.id,
      principalId: s.principalId,
      roleDefinitionId: s.roleDefinitionId,
      directoryScopeId: s.directoryScopeId,
      appScopeId: s.appScopeId,
      memberType: s.memberType,
      scheduleInfo: s.scheduleInfo,
      createdUsing: s.createdUsing,
      createdDateTime: s.createdDateTime,
      modifiedDateTime: c.modifiedDateTime,
      startMs: s.startMs,
      endMs: c.endMs,
      endedMs: c.endedMs,
      endReason: c.endReason,
      status: c.status,
      lifecycle: c.lifecycle as LifecycleSnapshot,
    };
  return {
    kind: 'assignment',
    id: s.id,
    principalId: s.principalId,
    roleDefinitionId: s.roleDefinitionId,
    directoryScopeId: s.directoryScopeId,
    appScopeId: s.appScopeId,
    memberType: s.memberType,
    scheduleInfo: s.scheduleInfo,
    createdUsing: s.createdUsing,
    createdDateTime: s.createdDateTime,
    modifiedDateTime: c.modifiedDateTime,
    startMs: s.startMs,
    endMs: c.endMs,
    endedMs: c.endedMs,
    endReason: c.endReason,
    status: c.status,
    assignmentType: s.assignmentType,
    activatedUsing: s.activatedUsing,
    lifecycle: c.lifecycle,
  };
}

function advance(s: RoleSchedule, event: AssignmentLifecycleEvent | ActivationEvent, atMs: number): RoleSchedule {
  const lifecycle = isActivation(s)
    ? provision(stepMachine(activationMachine, s.lifecycle as ActivationSnapshot, event as ActivationEvent))
    : stepMachine(assignmentLifecycleMachine, s.lifecycle as LifecycleSnapshot, event as AssignmentLifecycleEvent);
  const value = String(lifecycle.value);
  const endReason = FINAL_END_REASON[value] ?? null;
  const endedMs = endReason === null ? null : endReason === 'expired' && s.endMs !== null ? Math.min(s.endMs, atMs) : atMs;
  const endMs = 'endMs' in lifecycle.context ? (lifecycle.context.endMs as number | null) : s.endMs;
  return scheduleRecord(s, { lifecycle, status: statusOf(value), endMs, endedMs, endReason, modifiedDateTime: toInstant(atMs) });
}

/** When time alone next changes a schedule (its start, or its end), or null if it never will. */
function dueMsOf(s: RoleSchedule): number | null {
  const value = String(s.lifecycle.value);
  if (s.lifecycle.status === 'done' || value === 'expired') return null;
  if (value === 'scheduled' || value === 'waitingForStart') return s.startMs;
  return s.endMs;
}

/** Drops superseded due times from the top of the heap, so a tick walks only current ones. */
function pruneDueTimes(state: TenantState) {
  const heap = state.dueTimes;
  while (heap.length && state.dueMsById.get(heap[0]!.id) !== heap[0]!.dueMs) popDue(heap);
}

function storeSchedule(state: TenantState, s: RoleSchedule) {
  const before = state.schedules.get(s.id);
  if (!before) {
    const ids = state.scheduleIdsByPrincipal.get(s.principalId);
    if (ids) ids.push(s.id);
    else state.scheduleIdsByPrincipal.set(s.principalId, [s.id]);
  }
  state.schedules.set(s.id, s);

  const wasLive = !!before && isLive(before);
  const live = isLive(s);
  if (wasLive || live) {
    let lines = state.liveSchedules.get(s.principalId);
    if (!lines) state.liveSchedules.set(s.principalId, (lines = new Map()));
    const key = lineKey(lineOf(s), s.roleDefinitionId, s.directoryScopeId);
    let line = lines.get(key);
    if (!line) lines.set(key, (line = emptyLine()));
    let byRole = state.liveIdsByRole.get(s.roleDefinitionId);
    if (!byRole) state.liveIdsByRole.set(s.roleDefinitionId, (byRole = new Set()));
    if (live && !wasLive) {
      insertLive(line, s);
      byRole.add(s.id);
    } else if (!live && wasLive) {
      // Looked up by the start it was stored under: a schedule's start never changes.
      removeLive(line, s);
      byRole.delete(s.id);
      if (!line.ids.length) lines.delete(key);
    } else if (effectiveEndMs(s) !== effectiveEndMs(before!)) {
      endMoved(line, s);
    }
  }

  const dueMs = dueMsOf(s);
  if (dueMs === null) state.dueMsById.delete(s.id);
  else if (state.dueMsById.get(s.id) !== dueMs) {
    state.dueMsById.set(s.id, dueMs);
    pushDue(state.dueTimes, { dueMs, id: s.id });
  }
  pruneDueTimes(state);
}

/** Folds one event into the state, mutating its collections in place (see `cloneState`). */
export function evolve(state: TenantState, e: TenantEvent): void {
  switch (e.type) {
    case 'clockAdvanced':
      state.nowMs = Math.max(state.nowMs, e.nowMs);
      pruneDueTimes(state);
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
      const s = e.schedule;
      storeSchedule(state, scheduleRecord(s, { lifecycle, status: statusOf(String(lifecycle.value)), endMs: s.endMs, endedMs: s.endedMs, endReason: s.endReason, modifiedDateTime: s.modifiedDateTime }));
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
      // Spelled out rather than spread: a literal keeps the record compact (replay keeps many).
      state.audits.push({
        id: `audit-${state.audits.length + 1}`,
        activityDateTime: e.audit.activityDateTime,
        activityDisplayName: e.audit.activityDisplayName,
        category: e.audit.category,
        correlationId: e.audit.correlationId,
        initiatedBy: e.audit.initiatedBy,
        loggedByService: e.audit.loggedByService,
        operationType: e.audit.operationType,
        result: e.audit.result,
        resultReason: e.audit.resultReason,
        targetResources: e.audit.targetResources,
        additionalDetails: e.audit.additionalDetails,
      });
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
    scheduleIdsByPrincipal: new Map([...state.scheduleIdsByPrincipal].map(([k, ids]) => [k, ids.slice()])),
    liveSchedules: new Map(
      [...state.liveSchedules].map(([principal, lines]) => [principal, new Map([...lines].map(([k, l]) => [k, copyLine(l)]))]),
    ),
    liveIdsByRole: new Map([...state.liveIdsByRole].map(([k, ids]) => [k, new Set(ids)])),
    userIdsByPrincipalName: new Map(state.userIdsByPrincipalName),
    dueMsById: new Map(state.dueMsById),
    dueTimes: state.dueTimes.slice(),
    sessions: new Map(state.sessions),
    audits: state.audits.slice(),
  };
}
