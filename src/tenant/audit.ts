import type { RoleDefinition } from './catalog/roles';
import type { DirectoryAudit, TenantState, User } from './model';
import { toInstant } from './time';

// Directory audit records with the activity names Entra logs (shared/domain/pim.md §4). PIM's own
// completion and expiry steps are initiated by the PIM service principal, MS-PIM.

export type AuditDraft = Omit<DirectoryAudit, 'id'>;

export const MS_PIM = { user: null, app: { displayName: 'MS-PIM' } } as const;

// Audit records are never mutated, so the parts many of them repeat (who initiated, the targets,
// the time, the activity's name, the details a requested/completed pair share) are one object each:
// a replay of 100,000 entries keeps 200,000 audits, and copies of these would be most of its memory.
const initiators = new WeakMap<User, DirectoryAudit['initiatedBy']>();
const userTargets = new WeakMap<User, AuditTarget>();
const roleTargets = new WeakMap<RoleDefinition, AuditTarget>();

type AuditTarget = DirectoryAudit['targetResources'][number];

export function initiatedByUser(state: TenantState, userId: string): DirectoryAudit['initiatedBy'] {
  const u = state.users.get(userId);
  if (!u) return { user: { id: userId, displayName: userId, userPrincipalName: userId }, app: null };
  let by = initiators.get(u);
  if (!by) initiators.set(u, (by = { user: { id: userId, displayName: u.displayName, userPrincipalName: u.userPrincipalName }, app: null }));
  return by;
}

export function userTarget(state: TenantState, userId: string): AuditTarget {
  const u = state.users.get(userId);
  if (!u) return { id: userId, displayName: userId, type: 'User', userPrincipalName: userId };
  let target = userTargets.get(u);
  if (!target) userTargets.set(u, (target = { id: userId, displayName: u.displayName, type: 'User', userPrincipalName: u.userPrincipalName }));
  return target;
}

export function roleTarget(state: TenantState, roleId: string): AuditTarget {
  const role = state.roleDefinitions.get(roleId);
  if (!role) return { id: roleId, displayName: roleId, type: 'Role' };
  let target = roleTargets.get(role);
  if (!target) roleTargets.set(role, (target = { id: roleId, displayName: role.displayName, type: 'Role' }));
  return target;
}

const activityNames = new Map<string, Map<string, string>>();
let lastDetails: { of: object | undefined; list: AuditDraft['additionalDetails'] } = { of: undefined, list: [] };
let lastTime = { atMs: NaN, instant: '' };

/** PIM's name for one step of an assignment request, e.g. "Add eligible member to role in PIM requested (timebound)": one string per name. */
export function pimActivity(what: string, step: 'requested' | 'completed', permanence: 'permanent' | 'timebound'): string {
  let names = activityNames.get(what);
  if (!names) activityNames.set(what, (names = new Map()));
  const key = step === 'requested' ? (permanence === 'permanent' ? 'rp' : 'rt') : permanence === 'permanent' ? 'cp' : 'ct';
  let name = names.get(key);
  if (name === undefined) names.set(key, (name = `${what} ${step} (${permanence})`));
  return name;
}

export function auditRecord(
  fields: Pick<AuditDraft, 'activityDisplayName' | 'category' | 'correlationId' | 'initiatedBy' | 'loggedByService' | 'operationType' | 'targetResources'> & {
    atMs: number;
    details?: Record<string, string | null | undefined>;
  },
): AuditDraft {
  const { details } = fields;
  // A requested/completed pair passes the very same details object, one call after the other.
  if (!details || lastDetails.of !== details) {
    const list: AuditDraft['additionalDetails'] = [];
    for (const key in details) {
      const value = details[key];
      if (value) list.push({ key, value });
    }
    lastDetails = { of: details, list };
  }
  const additionalDetails = lastDetails.list;
  if (lastTime.atMs !== fields.atMs) lastTime = { atMs: fields.atMs, instant: toInstant(fields.atMs) };
  // Fields spelled out, in the order every caller passes them, rather than a rest and a spread:
  // replay builds one or two records per command, and the two copies showed in its profile.
  return {
    activityDateTime: lastTime.instant,
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
