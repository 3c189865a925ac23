import { actionCovers } from './catalog/actions';
import { mayResetPassword } from './catalog/passwordReset';
import type { RoleSchedule, TenantState } from './model';
import { effectiveEndMs, lineKey, lineOf, NOT_PROVISIONED, overlappingLive, type LiveLine, type ScheduleLine } from './scheduleIndex';

export { effectiveEndMs };

// Effective permissions are derived, never stored: a principal's permissions at time t are the union
// of the permissions of its role assignments in force at t (standing active, or activated and not
// yet expired or deactivated). Everything here takes t explicitly.

/** Whether a schedule is in force at t: provisioned, started and not yet ended. */
export function inForceAt(s: RoleSchedule, t: number): boolean {
  return !NOT_PROVISIONED.has(s.status) && s.startMs <= t && t < effectiveEndMs(s);
}

/** Whether a schedule is not yet over at t (in force now or starting later). */
export function notEndedAt(s: RoleSchedule, t: number): boolean {
  return !NOT_PROVISIONED.has(s.status) && t < effectiveEndMs(s);
}

/** Every schedule of a principal, ended or not, in creation order. */
export function schedulesOf(state: TenantState, principalId: string): RoleSchedule[] {
  return (state.scheduleIdsByPrincipal.get(principalId) ?? []).map((id) => state.schedules.get(id)!);
}

/** The live schedules of one principal, line, role and scope, sorted by start (scheduleIndex.ts). */
export function liveLine(state: TenantState, principalId: string, line: ScheduleLine, roleDefinitionId: string, directoryScopeId: string): LiveLine | undefined {
  return state.liveSchedules.get(principalId)?.get(lineKey(line, roleDefinitionId, directoryScopeId));
}

/** The live schedules of one principal, line, role and scope that overlap [startMs, endMs). */
export function liveOverlapping(
  state: TenantState,
  target: { principalId: string; roleDefinitionId: string; directoryScopeId: string },
  line: ScheduleLine,
  startMs: number,
  endMs: number | null,
): RoleSchedule[] {
  return overlappingLive(liveLine(state, target.principalId, line, target.roleDefinitionId, target.directoryScopeId), startMs, endMs).map((id) => state.schedules.get(id)!);
}

/**
 * A principal's schedules of some lines in force at t. From t at the tenant clock on, only live
 * schedules can be in force, so the index answers with a binary search per role; an earlier t
 * (looking back) scans everything the principal had.
 */
function inForceOf(state: TenantState, principalId: string, lines: readonly ScheduleLine[], t: number): RoleSchedule[] {
  if (t < state.nowMs) return schedulesOf(state, principalId).filter((s) => lines.includes(lineOf(s)) && inForceAt(s, t));
  const found: RoleSchedule[] = [];
  for (const [key, line] of state.liveSchedules.get(principalId) ?? []) {
    if (!lines.some((l) => key.startsWith(`${l}|`))) continue;
    for (const id of overlappingLive(line, t, t + 1)) {
      const s = state.schedules.get(id)!;
      if (inForceAt(s, t)) found.push(s);
    }
  }
  return found;
}

export function activeAssignmentsAt(state: TenantState, principalId: string, t: number): RoleSchedule[] {
  return inForceOf(state, principalId, ['assigned', 'activated'], t);
}

export function eligibilitiesAt(state: TenantState, principalId: string, t: number): RoleSchedule[] {
  return inForceOf(state, principalId, ['eligibility'], t);
}

/** Role definition ids of the principal's active (usable) role assignments at t. */
export function activeRoleIdsAt(state: TenantState, principalId: string, t: number): string[] {
  return [...new Set(activeAssignmentsAt(state, principalId, t).map((s) => s.roleDefinitionId))];
}

// Role definitions are immutable, so whether a role grants an action is remembered per role.
const grantsCache = new Map<string, Map<string, boolean>>();

export function roleGrants(state: TenantState, roleId: string, action: string): boolean {
  let byAction = grantsCache.get(roleId);
  if (!byAction) grantsCache.set(roleId, (byAction = new Map()));
  let granted = byAction.get(action);
  if (granted === undefined) {
    const role = state.roleDefinitions.get(roleId);
    granted = !!role?.rolePermissions.some((p) => p.allowedResourceActions.some((g) => actionCovers(g, action)));
    byAction.set(action, granted);
  }
  return granted;
}

export function hasPermission(state: TenantState, principalId: string, action: string, t: number): boolean {
  return activeAssignmentsAt(state, principalId, t).some((s) => roleGrants(state, s.roleDefinitionId, action));
}

/**
 * Whether `actorId` may reset `targetId`'s password at t. Besides the password/update action, the
 * actor's role must be allowed for every role the target holds, active or eligible: an eligible
 * administrator is one activation away from the role, so PIM protects them like an active one.
 */
export function mayResetPasswordOf(state: TenantState, actorId: string, targetId: string, t: number): boolean {
  const targetRoles = new Set<string>();
  for (const s of inForceOf(state, targetId, ['eligibility', 'assigned', 'activated'], t)) targetRoles.add(s.roleDefinitionId);
  return activeRoleIdsAt(state, actorId, t).some((roleId) => mayResetPassword(roleId, [...targetRoles]));
}
