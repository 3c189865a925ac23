import { ACTION, hasPermission, mayResetPasswordOf, type TenantState, type User } from '../../tenant';

// Whether the signed-in account may reset a user's password, and if not, why: the core's own
// authorization (shared/domain/password-reset-matrix.md) at the tenant clock. The portal only
// greys the command out; resetPassword itself is refused by the core all the same.

export function resetPasswordUnavailable(state: TenantState, actorId: string, target: User, now: number): string | null {
  if (!hasPermission(state, actorId, ACTION.resetPassword, now))
    return "You don't have permission to reset passwords. Ask an administrator, or activate a role that allows it in Privileged Identity Management.";
  if (target.id === actorId) return 'You cannot reset your own password as an administrator: change it through self-service password change (My Account > Change password).';
  if (!mayResetPasswordOf(state, actorId, target.id, now))
    return `Your roles can't reset the password of ${target.displayName}: ${target.displayName} holds an administrator role that only more privileged roles may manage.`;
  return null;
}
