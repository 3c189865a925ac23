import type { CreateUserCommand, RoleAssignmentScheduleRequestCommand, RoleEligibilityScheduleRequestCommand } from './schemas/commands';
import { summarizePassword } from './schemas/password';
import type { RequestSchedule } from './schemas/scheduleInfo';
import { DIRECTORY_SCOPE } from './decide';

// Builders for the commands the portal sends, from what a person types. They turn secrets into the
// shapes the tenant keeps (a password becomes its summary) and fill in Graph's defaults.

export function createUserCommand(input: {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mailNickname?: string;
  password: string;
  accountEnabled?: boolean;
  forceChangePasswordNextSignIn?: boolean;
}): CreateUserCommand {
  return {
    type: 'createUser',
    id: input.id,
    userPrincipalName: input.userPrincipalName,
    displayName: input.displayName,
    mailNickname: input.mailNickname ?? input.userPrincipalName.split('@')[0] ?? '',
    accountEnabled: input.accountEnabled ?? true,
    passwordProfile: {
      forceChangePasswordNextSignIn: input.forceChangePasswordNextSignIn ?? true,
      password: summarizePassword(input.password),
    },
  };
}

type Target = { id: string; principalId: string; roleDefinitionId: string; directoryScopeId?: string };

/** Schedule for "Permanently eligible" / "Permanent" or an end date and time. */
export function schedule(start: string | null, end: string | null): RequestSchedule {
  return {
    startDateTime: start,
    expiration: end === null ? { type: 'noExpiration', endDateTime: null, duration: null } : { type: 'afterDateTime', endDateTime: end, duration: null },
  };
}

type RequestFields = Target & { justification?: string; scheduleInfo?: RequestSchedule; ticketInfo?: { ticketNumber: string; ticketSystem: string } };

/** The fields every schedule request carries (Graph's unifiedRoleScheduleRequestBase), defaults filled in. */
function requestFields(t: RequestFields) {
  return {
    id: t.id,
    principalId: t.principalId,
    roleDefinitionId: t.roleDefinitionId,
    directoryScopeId: t.directoryScopeId ?? DIRECTORY_SCOPE,
    justification: t.justification ?? null,
    scheduleInfo: t.scheduleInfo ?? null,
    ticketInfo: t.ticketInfo ?? null,
  };
}

export function eligibilityRequest(
  action: RoleEligibilityScheduleRequestCommand['action'],
  t: Omit<RequestFields, 'ticketInfo'>,
): RoleEligibilityScheduleRequestCommand {
  return { type: 'roleEligibilityScheduleRequest', action, ...requestFields(t) };
}

export function assignmentRequest(action: RoleAssignmentScheduleRequestCommand['action'], t: RequestFields): RoleAssignmentScheduleRequestCommand {
  return { type: 'roleAssignmentScheduleRequest', action, ...requestFields(t) };
}

/** selfActivate for a duration (ISO 8601, e.g. PT8H), from now or a custom start time. */
export function activationRequest(t: Target & { duration: string; justification: string; startDateTime?: string | null }): RoleAssignmentScheduleRequestCommand {
  return assignmentRequest('selfActivate', {
    ...t,
    scheduleInfo: { startDateTime: t.startDateTime ?? null, expiration: { type: 'afterDuration', duration: t.duration, endDateTime: null } },
  });
}
