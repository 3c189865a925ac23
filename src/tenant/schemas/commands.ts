import * as z from 'zod/mini';
import { requestScheduleSchema, ticketInfoSchema } from './scheduleInfo';
import { passwordSummarySchema } from './password';
import { roleSettingsSchema } from './roleSettings';

// A command is what an actor asks the tenant to do. Its body follows the Microsoft Graph request it
// stands for, and it carries everything a rule depends on (new object ids chosen by the caller, the
// password's shape), so that replaying an accepted command re-runs exactly the same rules.

// Object ids keep a safe alphabet: the portal writes crypto.randomUUID() GUIDs, labs and fixtures
// readable slugs ("alex-eligible-helpdesk-admin"). No spaces, line breaks or control characters, so
// an id can never carry text (a fake "PASS" line, an escape sequence) into a report.
export const OBJECT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

export const objectIdSchema = z.string().check(
  z.regex(OBJECT_ID_PATTERN, { error: 'expected an object id: 1 to 128 letters, digits or . _ : @ -, starting with a letter or digit' }),
);

const id = objectIdSchema;

export const createUserCommandSchema = z.object({
  type: z.literal('createUser'),
  /** The new user's object id, chosen by the caller so replay creates the same object. */
  id,
  userPrincipalName: z.string(),
  displayName: z.string(),
  mailNickname: z.string(),
  accountEnabled: z.boolean(),
  passwordProfile: z.object({
    forceChangePasswordNextSignIn: z.boolean(),
    password: passwordSummarySchema,
  }),
});

export const resetPasswordCommandSchema = z.object({
  type: z.literal('resetPassword'),
  userId: id,
  forceChangePasswordNextSignIn: z.boolean(),
  password: passwordSummarySchema,
});

// The body both Graph schedule-request endpoints share; the request id doubles as the id of the
// schedule it creates, as in Graph.
const scheduleRequestFields = {
  id,
  principalId: id,
  roleDefinitionId: id,
  directoryScopeId: z.string(),
  justification: z.nullish(z.string()),
  scheduleInfo: z.nullish(requestScheduleSchema),
  ticketInfo: z.nullish(ticketInfoSchema),
};

/** POST /roleManagement/directory/roleEligibilityScheduleRequests */
export const roleEligibilityScheduleRequestCommandSchema = z.object({
  type: z.literal('roleEligibilityScheduleRequest'),
  action: z.enum(['adminAssign', 'adminRemove']),
  ...scheduleRequestFields,
});

/** POST /roleManagement/directory/roleAssignmentScheduleRequests */
export const roleAssignmentScheduleRequestCommandSchema = z.object({
  type: z.literal('roleAssignmentScheduleRequest'),
  action: z.enum(['adminAssign', 'adminRemove', 'selfActivate', 'selfDeactivate']),
  ...scheduleRequestFields,
});

export const updateRoleSettingsCommandSchema = z.object({
  type: z.literal('updateRoleSettings'),
  roleDefinitionId: id,
  settings: roleSettingsSchema,
});

/** The actor signs in (Switch account): a new session, so MFA must be done again. */
export const signInCommandSchema = z.object({ type: z.literal('signIn') });

/** The actor answers the authenticator prompt ("Additional verification required"). */
export const completeMfaCommandSchema = z.object({
  type: z.literal('completeMfa'),
  method: z._default(z.enum(['microsoftAuthenticator', 'sms', 'voice', 'fido2']), 'microsoftAuthenticator'),
});

/** Time passes ("8 hours later…"); the command's `at` is the new time. */
export const advanceClockCommandSchema = z.object({ type: z.literal('advanceClock') });

export const commandSchema = z.discriminatedUnion('type', [
  createUserCommandSchema,
  resetPasswordCommandSchema,
  roleEligibilityScheduleRequestCommandSchema,
  roleAssignmentScheduleRequestCommandSchema,
  updateRoleSettingsCommandSchema,
  signInCommandSchema,
  completeMfaCommandSchema,
  advanceClockCommandSchema,
]);

export type Command = z.output<typeof commandSchema>;
export type CommandInput = z.input<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export type CreateUserCommand = CommandOf<'createUser'>;
export type ResetPasswordCommand = CommandOf<'resetPassword'>;
export type RoleEligibilityScheduleRequestCommand = CommandOf<'roleEligibilityScheduleRequest'>;
export type RoleAssignmentScheduleRequestCommand = CommandOf<'roleAssignmentScheduleRequest'>;
