import { effectiveEndMs, inForceAt, notEndedAt } from './authorization';
import type { RoleAssignmentSchedule, RoleEligibilitySchedule, RoleSchedule, ScheduleRequest, TenantState } from './model';
import { defaultPolicy, type RoleManagementPolicy } from './policy';
import { toInstant } from './time';

// Read models shaped like Graph's list endpoints and the portal's tabs. All take the time to look
// at explicitly (the portal passes the tenant clock).

// Default policies are immutable values, so one per tenant and role is enough.
const defaultPolicies = new Map<string, Map<string, RoleManagementPolicy>>();

export function policyOf(state: TenantState, roleDefinitionId: string): RoleManagementPolicy {
  const custom = state.policies.get(roleDefinitionId);
  if (custom) return custom;
  let byRole = defaultPolicies.get(state.organization.id);
  if (!byRole) defaultPolicies.set(state.organization.id, (byRole = new Map()));
  let policy = byRole.get(roleDefinitionId);
  if (!policy) byRole.set(roleDefinitionId, (policy = defaultPolicy(state.organization.id, roleDefinitionId)));
  return policy;
}

/** Graph unifiedRoleEligibilityScheduleInstance / unifiedRoleAssignmentScheduleInstance. */
export interface ScheduleInstance {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: null;
  memberType: RoleSchedule['memberType'];
  startDateTime: string;
  /** null: permanent. */
  endDateTime: string | null;
  /** Assignment instances: Assigned (standing) or Activated (through PIM). */
  assignmentType?: 'Assigned' | 'Activated';
  roleEligibilityScheduleId?: string;
  roleAssignmentScheduleId?: string;
  roleAssignmentOriginId?: string;
}

function instanceOf(s: RoleSchedule): ScheduleInstance {
  const end = effectiveEndMs(s);
  const base = {
    id: s.id,
    principalId: s.principalId,
    roleDefinitionId: s.roleDefinitionId,
    directoryScopeId: s.directoryScopeId,
    appScopeId: null,
    memberType: s.memberType,
    startDateTime: toInstant(s.startMs),
    endDateTime: Number.isFinite(end) ? toInstant(end) : null,
  };
  return s.kind === 'eligibility'
    ? { ...base, roleEligibilityScheduleId: s.id }
    : { ...base, assignmentType: s.assignmentType, roleAssignmentScheduleId: s.id, roleAssignmentOriginId: s.activatedUsing ?? s.id };
}

const byStart = (a: RoleSchedule, b: RoleSchedule) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1);

function schedules<K extends RoleSchedule['kind']>(state: TenantState, kind: K, filter: (s: RoleSchedule) => boolean) {
  return [...state.schedules.values()].filter((s) => s.kind === kind && filter(s)).sort(byStart) as Extract<RoleSchedule, { kind: K }>[];
}

/** GET roleEligibilityScheduleInstances: eligibilities in force at t. */
export function roleEligibilityScheduleInstances(state: TenantState, t: number, principalId?: string): ScheduleInstance[] {
  return schedules(state, 'eligibility', (s) => inForceAt(s, t) && (!principalId || s.principalId === principalId)).map(instanceOf);
}

/** GET roleAssignmentScheduleInstances: active assignments (standing and activated) in force at t. */
export function roleAssignmentScheduleInstances(state: TenantState, t: number, principalId?: string): ScheduleInstance[] {
  return schedules(state, 'assignment', (s) => inForceAt(s, t) && (!principalId || s.principalId === principalId)).map(instanceOf);
}

/** GET roleEligibilitySchedules: eligibilities not yet over at t (in force or starting later). */
export function roleEligibilitySchedules(state: TenantState, t: number, principalId?: string): RoleEligibilitySchedule[] {
  return schedules(state, 'eligibility', (s) => notEndedAt(s, t) && (!principalId || s.principalId === principalId));
}

/** GET roleAssignmentSchedules: active assignments not yet over at t. */
export function roleAssignmentSchedules(state: TenantState, t: number, principalId?: string): RoleAssignmentSchedule[] {
  return schedules(state, 'assignment', (s) => notEndedAt(s, t) && (!principalId || s.principalId === principalId));
}

/**
 * The portal's Expired assignments tab: eligibilities and active assignments whose end passed
 * (not removed or deactivated), kept for 30 days.
 */
export function expiredAssignments(state: TenantState, t: number, principalId?: string): RoleSchedule[] {
  const keepMs = 30 * 24 * 3_600_000;
  return [...state.schedules.values()]
    .filter((s) => s.endReason !== 'removed' && s.endReason !== 'deactivated' && s.endMs !== null && s.endMs <= t && t - s.endMs <= keepMs)
    .filter((s) => !principalId || s.principalId === principalId)
    .sort(byStart);
}

/**
 * The selfActivate request that created an activation (the request whose targetScheduleId is the
 * schedule). PIM keeps the request after it completes: the portal shows its Status from it again.
 */
export function activationRequestOf(state: TenantState, scheduleId: string): ScheduleRequest | undefined {
  for (const r of state.requests.values()) if (r.kind === 'assignment' && r.action === 'selfActivate' && r.targetScheduleId === scheduleId) return r;
  return undefined;
}

export function userByPrincipalName(state: TenantState, upn: string) {
  const wanted = upn.toLowerCase();
  for (const u of state.users.values()) if (u.userPrincipalName.toLowerCase() === wanted) return u;
  return undefined;
}
