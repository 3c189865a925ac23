import { inForceAt } from './authorization';
import { ROLE } from './catalog/roles';
import type { RoleSchedule, TenantState } from './model';

// Entra's lock-out protection for Global Administrator (Microsoft Learn, "Assign Microsoft Entra
// roles in PIM": an eligible Global Administrator assignment is not removed, at expiry or by an
// administrator, while no other Global Administrator assignment exists).

/** A schedule of the starting tenant, made before (outside) the attempt. */
export function isSeedSchedule(s: RoleSchedule): boolean {
  return s.createdUsing.startsWith('seed-');
}

/**
 * Whether `scheduleId` is a Global Administrator eligibility that is the directory's last Global
 * Administrator assignment of any kind at `atMs`: no other eligibility or active assignment of the
 * role, for anyone, is in force then (activations of this very eligibility live on it and do not count).
 */
export function isLastGlobalAdministrator(state: TenantState, scheduleId: string, atMs: number): boolean {
  const s = state.schedules.get(scheduleId);
  if (!s || s.kind !== 'eligibility' || s.roleDefinitionId !== ROLE.globalAdministrator) return false;
  // Only live schedules can be in force from the tenant clock on (atMs is never earlier).
  for (const id of state.liveIdsByRole.get(ROLE.globalAdministrator) ?? []) {
    const other = state.schedules.get(id)!;
    if (other.id === scheduleId) continue;
    if (other.kind === 'assignment' && other.activatedUsing === scheduleId) continue;
    if (inForceAt(other, atMs)) return false;
  }
  return true;
}
