import * as z from 'zod/mini';
import { durationSchema } from './scheduleInfo';

// unifiedRoleManagementPolicyRule subtypes used by Entra role settings (Graph v1.0). Notification
// rules are kept so a lab can show and change them, though the simulator sends no email.
const target = z.object({
  caller: z.enum(['None', 'Admin', 'EndUser']),
  operations: z.array(z.enum(['All', 'Activate', 'Deactivate', 'Assign', 'Update', 'Remove', 'Extend', 'Renew'])),
  level: z.enum(['Eligibility', 'Assignment']),
});

export const expirationRuleSchema = z.object({
  '@odata.type': z.literal('#microsoft.graph.unifiedRoleManagementPolicyExpirationRule'),
  id: z.enum(['Expiration_EndUser_Assignment', 'Expiration_Admin_Eligibility', 'Expiration_Admin_Assignment']),
  isExpirationRequired: z.boolean(),
  maximumDuration: durationSchema,
  target,
});

export const enablementRuleSchema = z.object({
  '@odata.type': z.literal('#microsoft.graph.unifiedRoleManagementPolicyEnablementRule'),
  id: z.enum(['Enablement_EndUser_Assignment', 'Enablement_Admin_Eligibility', 'Enablement_Admin_Assignment']),
  enabledRules: z.array(z.enum(['MultiFactorAuthentication', 'Justification', 'Ticketing'])),
  target,
});

const approvalStage = z.object({
  approvalStageTimeOutInDays: z.int().check(z.positive()),
  isApproverJustificationRequired: z.boolean(),
  escalationTimeInMinutes: z.int().check(z.nonnegative()),
  isEscalationEnabled: z.boolean(),
  primaryApprovers: z.array(z.object({ '@odata.type': z.string(), userId: z.optional(z.string()), groupId: z.optional(z.string()) })),
  escalationApprovers: z.array(z.object({ '@odata.type': z.string(), userId: z.optional(z.string()), groupId: z.optional(z.string()) })),
});

export const approvalRuleSchema = z.object({
  '@odata.type': z.literal('#microsoft.graph.unifiedRoleManagementPolicyApprovalRule'),
  id: z.literal('Approval_EndUser_Assignment'),
  setting: z.object({
    isApprovalRequired: z.boolean(),
    isApprovalRequiredForExtension: z.boolean(),
    isRequestorJustificationRequired: z.boolean(),
    approvalMode: z.enum(['SingleStage', 'Serial', 'Parallel', 'NoApproval']),
    approvalStages: z.array(approvalStage),
  }),
  target,
});

export const authenticationContextRuleSchema = z.object({
  '@odata.type': z.literal('#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule'),
  id: z.literal('AuthenticationContext_EndUser_Assignment'),
  isEnabled: z.boolean(),
  claimValue: z.nullable(z.string()),
  target,
});

export const notificationRuleSchema = z.object({
  '@odata.type': z.literal('#microsoft.graph.unifiedRoleManagementPolicyNotificationRule'),
  id: z.string().check(z.regex(/^Notification_(Admin|Requestor|Approver)_(Admin_Eligibility|Admin_Assignment|EndUser_Assignment)$/)),
  notificationType: z.literal('Email'),
  recipientType: z.enum(['Requestor', 'Approver', 'Admin']),
  notificationLevel: z.enum(['None', 'Critical', 'All']),
  isDefaultRecipientsEnabled: z.boolean(),
  notificationRecipients: z.array(z.string()),
  target,
});

export const policyRuleSchema = z.discriminatedUnion('@odata.type', [
  expirationRuleSchema,
  enablementRuleSchema,
  approvalRuleSchema,
  authenticationContextRuleSchema,
  notificationRuleSchema,
]);

export type PolicyRule = z.output<typeof policyRuleSchema>;
export type ExpirationRule = z.output<typeof expirationRuleSchema>;
export type EnablementRule = z.output<typeof enablementRuleSchema>;
export type ApprovalRule = z.output<typeof approvalRuleSchema>;
export type PolicyRuleId = PolicyRule['id'];
