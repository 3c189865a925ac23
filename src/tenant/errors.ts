// Errors are values shaped like Microsoft Graph's error body ({ code, message }), with the field a
// form should show the message next to (`target`) and, for PIM policy failures, the failed rules.

export type PolicyRuleName = 'ExpirationRule' | 'JustificationRule' | 'MfaRule' | 'TicketingRule' | 'EligibilityRule';

export type TenantErrorCode =
  | 'Authorization_RequestDenied'
  | 'RoleAssignmentRequestPolicyValidationFailed'
  | 'RoleAssignmentExists'
  | 'RoleAssignmentDoesNotExist'
  | 'ActiveDurationTooShort'
  | 'Request_BadRequest'
  | 'Request_ResourceNotFound'
  | 'InvalidScheduleInfo'
  | 'ClockMovedBackwards';

export interface TenantError {
  code: TenantErrorCode;
  message: string;
  /** The request or form field the error is about, e.g. 'userPrincipalName' or 'justification'. */
  target?: string;
  /** For RoleAssignmentRequestPolicyValidationFailed: the rules that failed, in Graph's words. */
  failedRules?: PolicyRuleName[];
  /** For a request refused only for now (the 5-minute rules): the instant (ISO 8601, UTC) from which it can succeed. */
  retryAt?: string;
}

export const denied = (message = 'Insufficient privileges to complete the operation.'): TenantError => ({
  code: 'Authorization_RequestDenied',
  message,
});

/** Entra's AADSTS50058 (InteractionRequired): a request with nobody signed in. */
export const notSignedIn = (userPrincipalName: string): TenantError => ({
  code: 'Authorization_RequestDenied',
  message: `${userPrincipalName} is not signed in: sign in (Switch account) before acting.`,
  target: 'actor',
});

export const badRequest = (message: string, target?: string): TenantError => ({
  code: 'Request_BadRequest',
  message,
  ...(target ? { target } : {}),
});

export const notFound = (id: string, target?: string): TenantError => ({
  code: 'Request_ResourceNotFound',
  message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  ...(target ? { target } : {}),
});

/** Graph: "The following policy rules failed: ["ExpirationRule"]", plus a sentence saying why. */
export const policyFailed = (rule: PolicyRuleName, why: string, target?: string): TenantError => ({
  code: 'RoleAssignmentRequestPolicyValidationFailed',
  message: `The following policy rules failed: ["${rule}"]. ${why}`,
  failedRules: [rule],
  ...(target ? { target } : {}),
});

export const assignmentExists = (): TenantError => ({
  code: 'RoleAssignmentExists',
  message: 'The Role assignment already exists.',
});

export const assignmentDoesNotExist = (): TenantError => ({
  code: 'RoleAssignmentDoesNotExist',
  message: 'The Role assignment does not exist.',
});

export const tooShort = (message = 'The Active duration is too short. Minimum Required is 5 minutes.', target?: string, retryAt?: string): TenantError => ({
  code: 'ActiveDurationTooShort',
  message,
  ...(target ? { target } : {}),
  ...(retryAt ? { retryAt } : {}),
});

export type Result<T> = { ok: true; value: T } | { ok: false; error: TenantError };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: TenantError): Result<T> => ({ ok: false, error });
