import type { DirectoryAudit, TenantState } from './model';
import { toInstant } from './time';

// Directory audit records with the activity names Entra logs (shared/domain/pim.md §4). PIM's own
// completion and expiry steps are initiated by the PIM service principal, MS-PIM.

export type AuditDraft = Omit<DirectoryAudit, 'id'>;

export const MS_PIM = { user: null, app: { displayName: 'MS-PIM' } } as const;

export function initiatedByUser(state: TenantState, userId: string): DirectoryAudit['initiatedBy'] {
  const u = state.users.get(userId);
  return { user: { id: userId, displayName: u?.displayName ?? userId, userPrincipalName: u?.userPrincipalName ?? userId }, app: null };
}

export function userTarget(state: TenantState, userId: string): DirectoryAudit['targetResources'][number] {
  const u = state.users.get(userId);
  return { id: userId, displayName: u?.displayName ?? userId, type: 'User', userPrincipalName: u?.userPrincipalName ?? userId };
}

export function roleTarget(state: TenantState, roleId: string): DirectoryAudit['targetResources'][number] {
  return { id: roleId, displayName: state.roleDefinitions.get(roleId)?.displayName ?? roleId, type: 'Role' };
}

export function auditRecord(
  fields: Pick<AuditDraft, 'activityDisplayName' | 'category' | 'correlationId' | 'initiatedBy' | 'loggedByService' | 'operationType' | 'targetResources'> & {
    atMs: number;
    details?: Record<string, string | null | undefined>;
  },
): AuditDraft {
  const { details } = fields;
  const additionalDetails: AuditDraft['additionalDetails'] = [];
  for (const key in details) {
    const value = details[key];
    if (value) additionalDetails.push({ key, value });
  }
  // Fields spelled out, in the order every caller passes them, rather than a rest and a spread:
  // replay builds one or two records per command, and the two copies showed in its profile.
  return {
    activityDateTime: toInstant(fields.atMs),
    result: 'success',
    resultReason: '',
    additionalDetails,
    activityDisplayName: fields.activityDisplayName,
    category: fields.category,
    correlationId: fields.correlationId,
    initiatedBy: fields.initiatedBy,
    loggedByService: fields.loggedByService,
    operationType: fields.operationType,
    targetResources: fields.targetResources,
  };
}
