import matrix from '../data/password-reset-matrix.json';
import { roleById } from './roles';

// Microsoft's "Who can reset passwords" table (privileged-roles-permissions.md), generated from
// shared/domain/password-reset-matrix.md by scripts/gen-password-reset-matrix.mjs. Rows are the
// roles a target user holds; a resetter may reset the target's password only if, for every role the
// target holds, the row allows the resetter's role.

const NO_ADMIN_ROLE = 'User (no admin role)';
const ALL_OTHER_ROLES = 'All other built-in and custom roles';

const rows = new Map(matrix.targets.map((t) => [t.target, new Set(t.resetBy)]));

/** Roles (by display name) that appear as columns: the only ones that can reset anyone's password. */
export const PASSWORD_RESETTER_ROLES: readonly string[] = matrix.resetters;

function rowFor(targetRoleName: string | null): Set<string> {
  if (targetRoleName === null) return rows.get(NO_ADMIN_ROLE)!;
  return rows.get(targetRoleName) ?? rows.get(ALL_OTHER_ROLES)!;
}

/**
 * Whether a holder of `resetterRoleId` may reset the password of a user holding `targetRoleIds`
 * (empty: a user with no admin role).
 */
export function mayResetPassword(resetterRoleId: string, targetRoleIds: readonly string[]): boolean {
  const resetter = roleById(resetterRoleId)?.displayName;
  if (!resetter || !PASSWORD_RESETTER_ROLES.includes(resetter)) return false;
  if (targetRoleIds.length === 0) return rowFor(null).has(resetter);
  return targetRoleIds.every((id) => rowFor(roleById(id)?.displayName ?? ALL_OTHER_ROLES).has(resetter));
}
