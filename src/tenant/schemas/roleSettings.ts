import * as z from 'zod/mini';
import { durationSchema } from './scheduleInfo';

// Role settings in the portal's own words (PIM > Microsoft Entra roles > Settings > Edit). Labs and
// the `updateRoleSettings` command speak this friendly form; the policy module turns it into Graph's
// unifiedRoleManagementPolicy rules. Every field is optional: what is left out keeps its value.
export const roleSettingsSchema = z.partial(
  z.strictObject({
    /** Activation maximum duration (hours): Expiration_EndUser_Assignment.maximumDuration. */
    activationMaximumDuration: durationSchema,
    /** On activation, require: Azure MFA. */
    requireMfaOnActivation: z.boolean(),
    requireJustificationOnActivation: z.boolean(),
    requireTicketInformationOnActivation: z.boolean(),
    requireApprovalToActivate: z.boolean(),
    /** Select approver(s): user ids. */
    approvers: z.array(z.string().check(z.minLength(1))),
    allowPermanentEligibleAssignment: z.boolean(),
    /** Expire eligible assignments after (when permanent eligible is not allowed). */
    expireEligibleAssignmentsAfter: durationSchema,
    allowPermanentActiveAssignment: z.boolean(),
    expireActiveAssignmentsAfter: durationSchema,
    requireMfaOnActiveAssignment: z.boolean(),
    requireJustificationOnActiveAssignment: z.boolean(),
  }),
);

export type RoleSettings = z.output<typeof roleSettingsSchema>;
