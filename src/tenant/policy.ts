import type { RoleSettings } from './schemas/roleSettings';
import type { ApprovalRule, EnablementRule, ExpirationRule, PolicyRule } from './schemas/policyRules';
import { parseDuration } from './time';

// Each Entra role has one unifiedRoleManagementPolicy (id DirectoryRole_<tenantId>_<roleId>) whose
// 17 rules hold the role settings. Defaults are those of a new tenant (Graph's list-rules sample for
// a DirectoryRole policy; shared/domain/pim.md §3).

export interface RoleManagementPolicy {
  id: string;
  displayName: 'DirectoryRole';
  description: 'DirectoryRole';
  isOrganizationDefault: false;
  scopeId: '/';
  scopeType: 'DirectoryRole';
  roleDefinitionId: string;
  lastModifiedDateTime: string | null;
  lastModifiedBy: { id: string } | null;
  rules: PolicyRule[];
}

const t = (caller: 'Admin' | 'EndUser', level: 'Eligibility' | 'Assignment') => ({
  caller,
  operations: ['All' as const],
  level,
});

function notificationRules(): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const recipient of ['Admin', 'Requestor', 'Approver'] as const) {
    for (const [suffix, caller, level] of [
      ['Admin_Eligibility', 'Admin', 'Eligibility'],
      ['Admin_Assignment', 'Admin', 'Assignment'],
      ['EndUser_Assignment', 'EndUser', 'Assignment'],
    ] as const) {
      rules.push({
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyNotificationRule',
        id: `Notification_${recipient}_${suffix}`,
        notificationType: 'Email',
        recipientType: recipient,
        notificationLevel: 'All',
        isDefaultRecipientsEnabled: true,
        notificationRecipients: [],
        target: t(caller, level),
      });
    }
  }
  return rules;
}

export function defaultRules(): PolicyRule[] {
  return [
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
      id: 'Expiration_EndUser_Assignment',
      isExpirationRequired: true,
      maximumDuration: 'PT8H',
      target: t('EndUser', 'Assignment'),
    },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule',
      id: 'Enablement_EndUser_Assignment',
      enabledRules: ['MultiFactorAuthentication', 'Justification'],
      target: t('EndUser', 'Assignment'),
    },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
      id: 'Approval_EndUser_Assignment',
      setting: {
        isApprovalRequired: false,
        isApprovalRequiredForExtension: false,
        isRequestorJustificationRequired: true,
        approvalMode: 'SingleStage',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 1,
            isApproverJustificationRequired: true,
            escalationTimeInMinutes: 0,
            isEscalationEnabled: false,
            primaryApprovers: [],
            escalationApprovers: [],
          },
        ],
      },
      target: t('EndUser', 'Assignment'),
    },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule',
      id: 'AuthenticationContext_EndUser_Assignment',
      isEnabled: false,
      claimValue: null,
      target: t('EndUser', 'Assignment'),
    },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
      id: 'Expiration_Admin_Eligibility',
      isExpirationRequired: false,
      maximumDuration: 'P365D',
      target: t('Admin', 'Eligibility'),
    },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule',
      id: 'Enablement_Admin_Eligibility',
      enabledRules: [],
      target: t('Admin', 'Eligibility'),
    },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
      id: 'Expiration_Admin_Assignment',
      isExpirationRequired: false,
      maximumDuration: 'P180D',
      target: t('Admin', 'Assignment'),
    },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule',
      id: 'Enablement_Admin_Assignment',
      enabledRules: ['Justification'],
      target: t('Admin', 'Assignment'),
    },
    ...notificationRules(),
  ];
}

export function defaultPolicy(tenantId: string, roleDefinitionId: string): RoleManagementPolicy {
  return {
    id: `DirectoryRole_${tenantId}_${roleDefinitionId}`,
    displayName: 'DirectoryRole',
    description: 'DirectoryRole',
    isOrganizationDefault: false,
    scopeId: '/',
    scopeType: 'DirectoryRole',
    roleDefinitionId,
    lastModifiedDateTime: null,
    lastModifiedBy: null,
    rules: defaultRules(),
  };
}

function rule<T extends PolicyRule>(policy: RoleManagementPolicy, id: T['id']): T {
  const found = policy.rules.find((r) => r.id === id);
  if (!found) throw new Error(`policy ${policy.id} has no rule ${id}`);
  return found as T;
}

export const expirationRule = (p: RoleManagementPolicy, id: ExpirationRule['id']) => rule<ExpirationRule>(p, id);
export const enablementRule = (p: RoleManagementPolicy, id: EnablementRule['id']) => rule<EnablementRule>(p, id);
export const approvalRule = (p: RoleManagementPolicy) => rule<ApprovalRule>(p, 'Approval_EndUser_Assignment');

/** Maximum duration of a rule in ms (its ISO duration is validated on the way in). */
export const maximumMs = (r: ExpirationRule): number => parseDuration(r.maximumDuration) ?? 0;

/** The portal's view of a policy (Role settings page). */
export function roleSettingsOf(p: RoleManagementPolicy): Required<RoleSettings> {
  const activation = enablementRule(p, 'Enablement_EndUser_Assignment').enabledRules;
  const active = enablementRule(p, 'Enablement_Admin_Assignment').enabledRules;
  const approval = approvalRule(p).setting;
  return {
    activationMaximumDuration: expirationRule(p, 'Expiration_EndUser_Assignment').maximumDuration,
    requireMfaOnActivation: activation.includes('MultiFactorAuthentication'),
    requireJustificationOnActivation: activation.includes('Justification'),
    requireTicketInformationOnActivation: activation.includes('Ticketing'),
    requireApprovalToActivate: approval.isApprovalRequired,
    approvers: approval.approvalStages[0]?.primaryApprovers.flatMap((a) => (a.userId ? [a.userId] : [])) ?? [],
    allowPermanentEligibleAssignment: !expirationRule(p, 'Expiration_Admin_Eligibility').isExpirationRequired,
    expireEligibleAssignmentsAfter: expirationRule(p, 'Expiration_Admin_Eligibility').maximumDuration,
    allowPermanentActiveAssignment: !expirationRule(p, 'Expiration_Admin_Assignment').isExpirationRequired,
    expireActiveAssignmentsAfter: expirationRule(p, 'Expiration_Admin_Assignment').maximumDuration,
    requireMfaOnActiveAssignment: active.includes('MultiFactorAuthentication'),
    requireJustificationOnActiveAssignment: active.includes('Justification'),
  };
}

function toggle<T extends string>(list: readonly T[], item: T, on: boolean | undefined): T[] {
  if (on === undefined) return [...list];
  const without = list.filter((x) => x !== item);
  return on ? [...without, item] : without;
}

/** Applies portal-style settings to a policy, returning the new rules (the policy is not mutated). */
export function applyRoleSettings(p: RoleManagementPolicy, s: RoleSettings): PolicyRule[] {
  return p.rules.map((r): PolicyRule => {
    switch (r.id) {
      case 'Expiration_EndUser_Assignment':
        return { ...(r as ExpirationRule), maximumDuration: s.activationMaximumDuration ?? (r as ExpirationRule).maximumDuration };
      case 'Enablement_EndUser_Assignment': {
        let enabled = (r as EnablementRule).enabledRules;
        enabled = toggle(enabled, 'MultiFactorAuthentication', s.requireMfaOnActivation);
        enabled = toggle(enabled, 'Justification', s.requireJustificationOnActivation);
        enabled = toggle(enabled, 'Ticketing', s.requireTicketInformationOnActivation);
        return { ...(r as EnablementRule), enabledRules: enabled };
      }
      case 'Approval_EndUser_Assignment': {
        const a = r as ApprovalRule;
        const stages = a.setting.approvalStages.map((stage, i) =>
          i === 0 && s.approvers
            ? { ...stage, primaryApprovers: s.approvers.map((userId) => ({ '@odata.type': '#microsoft.graph.singleUser', userId })) }
            : stage,
        );
        return {
          ...a,
          setting: { ...a.setting, isApprovalRequired: s.requireApprovalToActivate ?? a.setting.isApprovalRequired, approvalStages: stages },
        };
      }
      case 'Expiration_Admin_Eligibility': {
        const e = r as ExpirationRule;
        return {
          ...e,
          isExpirationRequired: s.allowPermanentEligibleAssignment === undefined ? e.isExpirationRequired : !s.allowPermanentEligibleAssignment,
          maximumDuration: s.expireEligibleAssignmentsAfter ?? e.maximumDuration,
        };
      }
      case 'Expiration_Admin_Assignment': {
        const e = r as ExpirationRule;
        return {
          ...e,
          isExpirationRequired: s.allowPermanentActiveAssignment === undefined ? e.isExpirationRequired : !s.allowPermanentActiveAssignment,
          maximumDuration: s.expireActiveAssignmentsAfter ?? e.maximumDuration,
        };
      }
      case 'Enablement_Admin_Assignment': {
        let enabled = (r as EnablementRule).enabledRules;
        enabled = toggle(enabled, 'MultiFactorAuthentication', s.requireMfaOnActiveAssignment);
        enabled = toggle(enabled, 'Justification', s.requireJustificationOnActiveAssignment);
        return { ...(r as EnablementRule), enabledRules: enabled };
      }
      default:
        return r;
    }
  });
}
