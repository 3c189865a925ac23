import { ACTION } from './catalog/actions';
import { ROLE } from './catalog/roles';
import { auditRecord, initiatedByUser, MS_PIM, pimActivity, roleTarget, userTarget, type AuditDraft } from './audit';
import {
  hasPermission,
  inForceAt,
  liveLine,
  liveOverlapping,
  mayResetPasswordOf,
  notEndedAt,
} from './authorization';
import {
  assignmentDoesNotExist,
  assignmentExists,
  badRequest,
  denied,
  fail,
  notFound,
  notSignedIn,
  ok,
  tooShort,
  type PolicyRuleName,
  type Result,
  type TenantError,
} from './errors';
import type { NewSchedule, TenantEvent } from './events';
import { dueBy, type ScheduleLine } from './scheduleIndex';
import { isLastGlobalAdministrator, isSeedSchedule } from './lockout';
import type { RoleSchedule, ScheduleRequest, TenantState, User } from './model';
import { applyRoleSettings, enablementRule, expirationRule, maximumMs, type RoleManagementPolicy } from './policy';
import { policyOf } from './queries';
import type {
  CreateUserCommand,
  ResetPasswordCommand,
  RoleAssignmentScheduleRequestCommand,
  RoleEligibilityScheduleRequestCommand,
} from './schemas/commands';
import type { LogEntry } from './schemas/logEntry';
import { meetsComplexity } from './schemas/password';
import type { RoleSettings } from './schemas/roleSettings';
import { formatDuration, MAX_INSTANT_MS, MINUTE_MS, parseDuration, parseInstant, toInstant } from './time';

// `decide` is the lock: it checks a command against the actor's permissions at the command's time,
// the role's policy rules and the tenant's invariants, and returns the events it causes or one
// specific error. It never changes the state.

/** PIM: no assignment or activation shorter than 5 minutes, none removed within 5 minutes. */
export const MINIMUM_ASSIGNMENT_MS = 5 * MINUTE_MS;
export const JUSTIFICATION_MAX_LENGTH = 500;
export const DIRECTORY_SCOPE = '/';

type Decision = Result<TenantEvent[]>;
type NewEligibility = NewSchedule<Extract<RoleSchedule, { kind: 'eligibility' }>>;
type NewAssignment = NewSchedule<Extract<RoleSchedule, { kind: 'assignment' }>>;

/** Events that time alone causes up to `atMs`: schedules starting, activations and assignments ending. */
export function tickEvents(state: TenantState, atMs: number): TenantEvent[] {
  const due: { atMs: number; id: string; events: TenantEvent[] }[] = [];
  // Only the schedules due by atMs, from the priority queue of due times (scheduleIndex.ts).
  for (const id of dueBy(state.dueTimes, state.dueMsById, atMs)) {
    const s = state.schedules.get(id);
    if (!s) continue;
    const value = String(s.lifecycle.value);
    if (s.endMs !== null && s.endMs <= atMs && value === 'active' && isLastGlobalAdministrator(state, id, s.endMs)) {
      // Lock-out protection (lockout.ts): the last Global Administrator eligibility does not expire; it is kept, without end.
      due.push({ atMs: s.endMs, id, events: [{ type: 'scheduleTransitioned', scheduleId: id, atMs: s.endMs, event: { type: 'EXTEND', endMs: null } }] });
    } else if (s.endMs !== null && s.endMs <= atMs) {
      const events: TenantEvent[] = [{ type: 'scheduleTransitioned', scheduleId: id, atMs: s.endMs, event: { type: 'TICK', now: s.endMs } }];
      if (s.kind === 'assignment' && s.assignmentType === 'Activated' && value === 'active') {
        events.push({
          type: 'auditRecorded',
          audit: auditRecord({
            atMs: s.endMs,
            activityDisplayName: 'Remove member from role (PIM activation expired)',
            category: 'RoleManagement',
            correlationId: s.createdUsing,
            initiatedBy: MS_PIM,
            loggedByService: 'PIM',
            operationType: 'Remove',
            targetResources: [roleTarget(state, s.roleDefinitionId), userTarget(state, s.principalId)],
            details: { RequestId: s.createdUsing, StartTime: toInstant(s.startMs), ExpirationTime: toInstant(s.endMs) },
          }),
        });
      }
      due.push({ atMs: s.endMs, id, events });
    } else if ((value === 'scheduled' || value === 'waitingForStart') && s.startMs <= atMs) {
      const events: TenantEvent[] = [{ type: 'scheduleTransitioned', scheduleId: id, atMs: s.startMs, event: { type: 'TICK', now: s.startMs } }];
      if (value === 'waitingForStart') {
        // A custom activation start time has come: PIM completes the activation then.
        events.push({
          type: 'auditRecorded',
          audit: auditRecord({
            atMs: s.startMs,
            activityDisplayName: 'Add member to role completed (PIM activation)',
            category: 'RoleManagement',
            correlationId: s.createdUsing,
            initiatedBy: MS_PIM,
            loggedByService: 'PIM',
            operationType: 'Add',
            targetResources: [roleTarget(state, s.roleDefinitionId), userTarget(state, s.principalId)],
            details: { RequestId: s.createdUsing, StartTime: toInstant(s.startMs), ExpirationTime: s.endMs === null ? null : toInstant(s.endMs) },
          }),
        });
      }
      due.push({ atMs: s.startMs, id, events });
    }
  }
  // Most entries come before any schedule starts or ends: then only the clock moves.
  if (!due.length) return atMs > state.nowMs ? [{ type: 'clockAdvanced', nowMs: atMs }] : [];
  due.sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const events = due.flatMap((d) => d.events);
  if (atMs > state.nowMs) events.push({ type: 'clockAdvanced', nowMs: atMs });
  return events;
}

/** Decides a command on a state already ticked to the entry's time (`atMs`, parsed from entry.at). */
export function decide(state: TenantState, entry: LogEntry, atMs: number): Decision {
  const cmd = entry.command;
  const actor = state.users.get(entry.actor);
  // Every command, moving the clock included, is someone's: an existing, enabled account...
  if (!actor) return fail(notFound(entry.actor, 'actor'));
  if (!actor.accountEnabled) return fail(denied(`The account ${actor.userPrincipalName} is disabled and cannot sign in.`));
  // Signing in and MFA, most of a log, need neither the context nor the time formatted.
  if (cmd.type === 'signIn') return ok([{ type: 'signedIn', userId: actor.id, atMs }]);
  // ...signed in during this attempt. Entra refuses a request with no signed-in user (AADSTS50058,
  // InteractionRequired); MFA proof belongs to a session, so completeMfa needs one too.
  if (!state.sessions.has(actor.id)) return fail(notSignedIn(actor.userPrincipalName));
  if (cmd.type === 'advanceClock') return ok([]);
  if (cmd.type === 'completeMfa') return ok([{ type: 'mfaCompleted', userId: actor.id, atMs }]);
  const ctx: Ctx = { state, actor, atMs, at: toInstant(atMs) };
  switch (cmd.type) {
    case 'createUser':
      return createUser(ctx, cmd);
    case 'resetPassword':
      return resetPassword(ctx, cmd);
    case 'updateRoleSettings':
      return updateRoleSettings(ctx, cmd.roleDefinitionId, cmd.settings);
    case 'roleEligibilityScheduleRequest':
      return cmd.action === 'adminAssign' ? adminAssign(ctx, cmd, 'eligibility') : adminRemove(ctx, cmd, 'eligibility');
    case 'roleAssignmentScheduleRequest':
      switch (cmd.action) {
        case 'adminAssign':
          return adminAssign(ctx, cmd, 'assignment');
        case 'adminRemove':
          return adminRemove(ctx, cmd, 'assignment');
        case 'selfActivate':
          return selfActivate(ctx, cmd);
        case 'selfDeactivate':
          return selfDeactivate(ctx, cmd);
      }
  }
}

interface Ctx {
  state: TenantState;
  actor: User;
  atMs: number;
  at: string;
}

// ---------- users ----------

// Entra: the user name part may use letters, numbers and ' . - _ ! # ^ ~, and may not start or end
// with a period; the domain must be one of the organization's verified domains.
const UPN_ALIAS = /^[A-Za-z0-9'_!#^~-]+(?:\.[A-Za-z0-9'_!#^~-]+)*$/;
const MAIL_NICKNAME = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

const invalidProperty = (property: string, why: string) =>
  badRequest(`Invalid value specified for property '${property}' of resource 'User'. ${why}`, property);

function validateNewUser(state: TenantState, cmd: CreateUserCommand): TenantError | null {
  const upn = cmd.userPrincipalName.trim();
  const at = upn.lastIndexOf('@');
  const alias = at > 0 ? upn.slice(0, at) : '';
  const domain = at > 0 ? upn.slice(at + 1).toLowerCase() : '';
  if (!upn) return invalidProperty('userPrincipalName', 'A user principal name is required.');
  if (at <= 0 || !UPN_ALIAS.test(alias) || alias.length > 64)
    return invalidProperty(
      'userPrincipalName',
      "Use the form name@domain; the name may contain letters, numbers and ' . - _ ! # ^ ~, and may not start or end with a period.",
    );
  if (!state.organization.verifiedDomains.some((d) => d.name.toLowerCase() === domain))
    return badRequest(
      `The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization (${state.organization.verifiedDomains.map((d) => d.name).join(', ')}).`,
      'userPrincipalName',
    );
  if (state.userIdsByPrincipalName.has(upn.toLowerCase()))
    return badRequest('Another object with the same value for property userPrincipalName already exists.', 'userPrincipalName');
  if (state.users.has(cmd.id)) return badRequest(`Another object with the id '${cmd.id}' already exists.`, 'id');
  if (!cmd.displayName.trim()) return invalidProperty('displayName', 'A display name is required.');
  if (cmd.displayName.length > 256) return invalidProperty('displayName', 'The display name can have at most 256 characters.');
  if (!cmd.mailNickname.trim()) return invalidProperty('mailNickname', 'A mail nickname is required.');
  if (cmd.mailNickname.length > 64 || !MAIL_NICKNAME.test(cmd.mailNickname))
    return invalidProperty('mailNickname', 'Use up to 64 letters, numbers and symbols, without spaces, @ or leading, trailing or double periods.');
  if (!meetsComplexity(cmd.passwordProfile.password))
    return badRequest(
      'The specified password does not comply with password complexity requirements. Please provide a different password. (8 to 256 characters, with at least three of: lowercase letters, uppercase letters, numbers, symbols.)',
      'password',
    );
  return null;
}

function createUser(ctx: Ctx, cmd: CreateUserCommand): Decision {
  const { state, actor, atMs } = ctx;
  if (!hasPermission(state, actor.id, ACTION.createUser, atMs)) return fail(denied());
  const invalid = validateNewUser(state, cmd);
  if (invalid) return fail(invalid);
  const user: User = {
    id: cmd.id,
    userPrincipalName: cmd.userPrincipalName.trim(),
    displayName: cmd.displayName.trim(),
    mailNickname: cmd.mailNickname.trim(),
    accountEnabled: cmd.accountEnabled,
    createdDateTime: ctx.at,
    userType: 'Member',
    passwordProfile: {
      forceChangePasswordNextSignIn: cmd.passwordProfile.forceChangePasswordNextSignIn,
      password: cmd.passwordProfile.password,
      lastChangedDateTime: ctx.at,
    },
  };
  return ok([
    { type: 'userCreated', user },
    {
      type: 'auditRecorded',
      audit: auditRecord({
        atMs,
        activityDisplayName: 'Add user',
        category: 'UserManagement',
        correlationId: cmd.id,
        initiatedBy: initiatedByUser(state, actor.id),
        loggedByService: 'Core Directory',
        operationType: 'Add',
        targetResources: [{ id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.userPrincipalName }],
        details: { AccountEnabled: String(user.accountEnabled) },
      }),
    },
  ]);
}

function resetPassword(ctx: Ctx, cmd: ResetPasswordCommand): Decision {
  const { state, actor, atMs } = ctx;
  const target = state.users.get(cmd.userId);
  if (!hasPermission(state, actor.id, ACTION.resetPassword, atMs)) return fail(denied());
  if (!target) return fail(notFound(cmd.userId, 'userId'));
  // An admin reset cannot target the admin's own account: Entra sends them to change their own
  // password instead (Microsoft Learn, "Reset a user's password": admins reset their own password
  // through self-service password reset / "Change password", not as an admin reset).
  if (target.id === actor.id)
    return fail(
      denied(
        `You cannot reset your own password as an administrator. ${actor.userPrincipalName} must change it through self-service password change (My Account > Change password).`,
      ),
    );
  if (!mayResetPasswordOf(state, actor.id, target.id, atMs))
    return fail(
      denied(
        `Insufficient privileges to complete the operation. Your roles cannot reset the password of ${target.displayName}, who holds an administrator role your roles may not manage.`,
      ),
    );
  if (!meetsComplexity(cmd.password))
    return fail(badRequest('The specified password does not comply with password complexity requirements. Please provide a different password.', 'password'));
  return ok([
    { type: 'passwordReset', userId: target.id, atMs, password: cmd.password, forceChangePasswordNextSignIn: cmd.forceChangePasswordNextSignIn },
    // An administrator's reset is logged twice in Entra: by the directory ("Reset user password")
    // and by the password reset service ("Reset password (by admin)").
    ...(['Core Directory', 'Self-service Password Management'] as const).map(
      (loggedByService): TenantEvent => ({
        type: 'auditRecorded',
        audit: auditRecord({
          atMs,
          activityDisplayName: loggedByService === 'Core Directory' ? 'Reset user password' : 'Reset password (by admin)',
          category: 'UserManagement',
          correlationId: `${target.id}@${ctx.at}`,
          initiatedBy: initiatedByUser(state, actor.id),
          loggedByService,
          operationType: 'Update',
          targetResources: [userTarget(state, target.id)],
        }),
      }),
    ),
  ]);
}

// ---------- role settings ----------

function updateRoleSettings(ctx: Ctx, roleDefinitionId: string, settings: RoleSettings): Decision {
  const { state, actor, atMs } = ctx;
  if (!hasPermission(state, actor.id, ACTION.manageRoleSettings, atMs)) return fail(denied());
  if (!state.roleDefinitions.has(roleDefinitionId)) return fail(notFound(roleDefinitionId, 'roleDefinitionId'));
  const invalid = validateRoleSettings(state, settings);
  if (invalid) return fail(invalid);
  const current = policyOf(state, roleDefinitionId);
  const policy: RoleManagementPolicy = {
    ...current,
    rules: applyRoleSettings(current, settings),
    lastModifiedDateTime: ctx.at,
    lastModifiedBy: { id: actor.id },
  };
  return ok([
    { type: 'policyUpdated', policy },
    {
      type: 'auditRecorded',
      audit: auditRecord({
        atMs,
        activityDisplayName: 'Update role setting in PIM',
        category: 'RoleManagement',
        correlationId: policy.id,
        initiatedBy: initiatedByUser(state, actor.id),
        loggedByService: 'PIM',
        operationType: 'Update',
        targetResources: [roleTarget(state, roleDefinitionId)],
        details: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, JSON.stringify(v)])),
      }),
    },
  ]);
}

/** Checks settings against the portal's ranges (shared/domain/pim.md §3, §10). */
export function validateRoleSettings(state: TenantState, s: RoleSettings): TenantError | null {
  const range = (field: keyof RoleSettings, value: string | undefined, minMs: number, maxMs: number, words: string) => {
    if (value === undefined) return null;
    const ms = parseDuration(value);
    return ms === null || ms < minMs || ms > maxMs ? badRequest(`${words} (got ${value}).`, field) : null;
  };
  if (s.requireApprovalToActivate)
    return badRequest('Require approval to activate is not available in this simulator yet: activations here never wait for an approver.', 'requireApprovalToActivate');
  return (
    range('activationMaximumDuration', s.activationMaximumDuration, 30 * MINUTE_MS, 24 * 60 * MINUTE_MS, 'Activation maximum duration must be between 0.5 and 24 hours') ??
    range('expireEligibleAssignmentsAfter', s.expireEligibleAssignmentsAfter, 24 * 60 * MINUTE_MS, 365 * 24 * 60 * MINUTE_MS, 'Eligible assignments can expire after 1 day to 1 year') ??
    range('expireActiveAssignmentsAfter', s.expireActiveAssignmentsAfter, 24 * 60 * MINUTE_MS, 365 * 24 * 60 * MINUTE_MS, 'Active assignments can expire after 1 day to 1 year') ??
    unknownApprover(state, s.approvers)
  );
}

function unknownApprover(state: TenantState, approvers: readonly string[] | undefined): TenantError | null {
  // With approval on and no approvers, PIM falls back to Privileged Role and Global Administrators.
  const unknown = approvers?.find((id) => !state.users.has(id));
  return unknown === undefined ? null : notFound(unknown, 'approvers');
}

// ---------- schedules ----------

interface Window {
  startMs: number;
  endMs: number | null;
}

/**
 * Resolves a request's scheduleInfo to a window. A start in the past means "now" (the portal fills
 * the form's start when it opens, which is a little earlier than Assign).
 */
function resolveWindow(ctx: Ctx, info: RoleAssignmentScheduleRequestCommand['scheduleInfo'], defaultDurationMs: number | null): Result<Window> {
  let startMs = ctx.atMs;
  if (info?.startDateTime) {
    const s = parseInstant(info.startDateTime);
    if (s === null) return fail({ code: 'InvalidScheduleInfo', message: `'${info.startDateTime}' is not a valid start date and time.`, target: 'scheduleInfo.startDateTime' });
    startMs = Math.max(s, ctx.atMs);
  }
  const exp = info?.expiration ?? { type: 'notSpecified' as const };
  switch (exp.type) {
    case 'noExpiration':
      return ok({ startMs, endMs: null });
    case 'notSpecified':
      return withinRange({ startMs, endMs: defaultDurationMs === null ? null : startMs + defaultDurationMs }, 'scheduleInfo.expiration');
    case 'afterDuration': {
      const d = exp.duration ? parseDuration(exp.duration) : null;
      if (d === null) return fail({ code: 'InvalidScheduleInfo', message: 'An expiration of type afterDuration needs an ISO 8601 duration, e.g. PT8H, of at most the span Graph dates can hold.', target: 'scheduleInfo.expiration.duration' });
      return withinRange({ startMs, endMs: startMs + d }, 'scheduleInfo.expiration.duration');
    }
    case 'afterDateTime': {
      const e = exp.endDateTime ? parseInstant(exp.endDateTime) : null;
      if (e === null) return fail({ code: 'InvalidScheduleInfo', message: 'An expiration of type afterDateTime needs an end date and time.', target: 'scheduleInfo.expiration.endDateTime' });
      if (e <= startMs) return fail({ code: 'InvalidScheduleInfo', message: 'The end date and time must be after the start date and time.', target: 'scheduleInfo.expiration.endDateTime' });
      return ok({ startMs, endMs: e });
    }
  }
}

/** A window Graph can store: it ends by 9999-12-31T23:59:59Z (DateTimeOffset's last instant). */
function withinRange(w: Window, target: string): Result<Window> {
  if (w.endMs !== null && w.endMs > MAX_INSTANT_MS)
    return fail({ code: 'InvalidScheduleInfo', message: `The schedule would end after ${toInstant(MAX_INSTANT_MS)}, the last date and time Microsoft Graph accepts: choose an earlier end or a shorter duration.`, target });
  return ok(w);
}

interface Failure {
  rule: PolicyRuleName;
  why: string;
  target?: string;
}

function policyFailure(failures: Failure[]): TenantError {
  const rules = [...new Set(failures.map((f) => f.rule))];
  return {
    code: 'RoleAssignmentRequestPolicyValidationFailed',
    message: `The following policy rules failed: [${rules.map((r) => `"${r}"`).join(',')}]. ${failures.map((f) => f.why).join(' ')}`,
    failedRules: rules,
    ...(failures[0]?.target ? { target: failures[0].target } : {}),
  };
}

function checkJustification(enabled: readonly string[], justification: string | null | undefined, failures: Failure[], words: string) {
  const text = justification?.trim() ?? '';
  if (enabled.includes('Justification') && !text) failures.push({ rule: 'JustificationRule', why: `A reason is required ${words}.`, target: 'justification' });
  if ((justification ?? '').length > JUSTIFICATION_MAX_LENGTH)
    failures.push({ rule: 'JustificationRule', why: `The reason can have at most ${JUSTIFICATION_MAX_LENGTH} characters (it has ${(justification ?? '').length}).`, target: 'justification' });
}

function checkTicket(enabled: readonly string[], ticket: RoleAssignmentScheduleRequestCommand['ticketInfo'], failures: Failure[]) {
  if (enabled.includes('Ticketing') && (!ticket?.ticketNumber?.trim() || !ticket?.ticketSystem?.trim()))
    failures.push({ rule: 'TicketingRule', why: 'Ticket system and ticket number are required.', target: 'ticketInfo' });
}

function mfaDone(ctx: Ctx): boolean {
  return ctx.state.sessions.get(ctx.actor.id)?.mfaCompletedMs != null;
}

function validateTarget(ctx: Ctx, cmd: { principalId: string; roleDefinitionId: string; directoryScopeId: string; id: string }): TenantError | null {
  if (!ctx.state.users.has(cmd.principalId)) return notFound(cmd.principalId, 'principalId');
  if (!ctx.state.roleDefinitions.has(cmd.roleDefinitionId)) return notFound(cmd.roleDefinitionId, 'roleDefinitionId');
  if (cmd.directoryScopeId !== DIRECTORY_SCOPE)
    return badRequest(`Scope '${cmd.directoryScopeId}' is not available in this tenant: use the directory scope '/'.`, 'directoryScopeId');
  if (ctx.state.requests.has(cmd.id)) return badRequest(`A request with the id '${cmd.id}' already exists.`, 'id');
  return null;
}

function request(ctx: Ctx, cmd: RoleEligibilityScheduleRequestCommand | RoleAssignmentScheduleRequestCommand, kind: ScheduleRequest['kind'], status: ScheduleRequest['status'], targetScheduleId: string | null): ScheduleRequest {
  return {
    id: cmd.id,
    kind,
    action: cmd.action,
    principalId: cmd.principalId,
    roleDefinitionId: cmd.roleDefinitionId,
    directoryScopeId: cmd.directoryScopeId,
    appScopeId: null,
    justification: cmd.justification ?? null,
    scheduleInfo: cmd.scheduleInfo ?? null,
    ticketInfo: cmd.ticketInfo ?? null,
    isValidationOnly: false,
    targetScheduleId,
    status,
    approvalId: null,
    createdBy: { user: { id: ctx.actor.id } },
    createdDateTime: ctx.at,
    completedDateTime: ctx.at,
  };
}

/** The new schedule a granted request creates (NewSchedule: its lifecycle is started by `evolve`), spelled out rather than spread (replay makes one per request). */
function newSchedule(ctx: Ctx, cmd: { id: string; principalId: string; roleDefinitionId: string; directoryScopeId: string }, w: Window, kind: 'eligibility'): NewEligibility;
function newSchedule(ctx: Ctx, cmd: { id: string; principalId: string; roleDefinitionId: string; directoryScopeId: string }, w: Window, kind: 'assignment', assignmentType: 'Assigned' | 'Activated', activatedUsing: string | null): NewAssignment;
function newSchedule(
  ctx: Ctx,
  cmd: { id: string; principalId: string; roleDefinitionId: string; directoryScopeId: string },
  w: Window,
  kind: 'eligibility' | 'assignment',
  assignmentType: 'Assigned' | 'Activated' = 'Assigned',
  activatedUsing: string | null = null,
): NewEligibility | NewAssignment {
  const scheduleInfo = {
    startDateTime: toInstant(w.startMs),
    expiration: w.endMs === null ? { type: 'noExpiration' as const, endDateTime: null, duration: null } : { type: 'afterDateTime' as const, endDateTime: toInstant(w.endMs), duration: null },
  };
  if (kind === 'eligibility')
    return {
      kind, id: cmd.id, principalId: cmd.principalId, roleDefinitionId: cmd.roleDefinitionId, directoryScopeId: cmd.directoryScopeId, appScopeId: null, memberType: 'Direct',
      scheduleInfo, createdUsing: cmd.id, createdDateTime: ctx.at, modifiedDateTime: ctx.at, startMs: w.startMs, endMs: w.endMs, endedMs: null, endReason: null,
    };
  return {
    kind, id: cmd.id, principalId: cmd.principalId, roleDefinitionId: cmd.roleDefinitionId, directoryScopeId: cmd.directoryScopeId, appScopeId: null, memberType: 'Direct',
    scheduleInfo, createdUsing: cmd.id, createdDateTime: ctx.at, modifiedDateTime: ctx.at, startMs: w.startMs, endMs: w.endMs, endedMs: null, endReason: null,
    assignmentType, activatedUsing,
  };
}

function adminAssign(ctx: Ctx, cmd: RoleEligibilityScheduleRequestCommand | RoleAssignmentScheduleRequestCommand, kind: 'eligibility' | 'assignment'): Decision {
  const { state, actor, atMs } = ctx;
  if (!hasPermission(state, actor.id, ACTION.manageRoleAssignments, atMs)) return fail(denied());
  const invalid = validateTarget(ctx, cmd);
  if (invalid) return fail(invalid);
  const policy = policyOf(state, cmd.roleDefinitionId);
  const expiration = expirationRule(policy, kind === 'eligibility' ? 'Expiration_Admin_Eligibility' : 'Expiration_Admin_Assignment');
  const resolved = resolveWindow(ctx, cmd.scheduleInfo, null);
  if (!resolved.ok) return resolved;
  const w = resolved.value;
  if (w.endMs !== null && w.endMs - w.startMs < MINIMUM_ASSIGNMENT_MS) return fail(tooShort(undefined, 'scheduleInfo.expiration'));

  const failures: Failure[] = [];
  const words = kind === 'eligibility' ? 'eligible' : 'active';
  if (expiration.isExpirationRequired && w.endMs === null)
    failures.push({ rule: 'ExpirationRule', why: `Permanent ${words} assignments are not allowed for this role; set an end date within ${formatDuration(maximumMs(expiration))}.`, target: 'scheduleInfo.expiration' });
  if (expiration.isExpirationRequired && w.endMs !== null && w.endMs - w.startMs > maximumMs(expiration))
    failures.push({ rule: 'ExpirationRule', why: `The maximum ${words} assignment duration for this role is ${expiration.maximumDuration}.`, target: 'scheduleInfo.expiration' });
  const enabled = enablementRule(policy, kind === 'eligibility' ? 'Enablement_Admin_Eligibility' : 'Enablement_Admin_Assignment').enabledRules;
  checkJustification(enabled, cmd.justification, failures, `for an ${words} assignment of this role`);
  checkTicket(enabled, cmd.ticketInfo, failures);
  if (enabled.includes('MultiFactorAuthentication') && !mfaDone(ctx))
    failures.push({ rule: 'MfaRule', why: 'Multifactor authentication is required to make this assignment.', target: 'mfa' });
  if (failures.length) return fail(policyFailure(failures));

  // Live schedules of the same principal, role and scope are all not ended at atMs (ticked).
  const lines: ScheduleLine[] = kind === 'eligibility' ? ['eligibility'] : ['assigned', 'activated'];
  if (lines.some((line) => liveOverlapping(state, cmd, line, w.startMs, w.endMs).length)) return fail(assignmentExists());

  const permanence = w.endMs === null ? ('permanent' as const) : ('timebound' as const);
  const what = kind === 'eligibility' ? 'Add eligible member to role in PIM' : 'Add member to role in PIM';
  const targets = [roleTarget(state, cmd.roleDefinitionId), userTarget(state, cmd.principalId)];
  const details = { RequestId: cmd.id, StartTime: toInstant(w.startMs), ExpirationTime: w.endMs === null ? 'Permanent' : toInstant(w.endMs), Justification: cmd.justification };
  return ok([
    { type: 'requestRecorded', request: request(ctx, cmd, kind, w.startMs > atMs ? 'Granted' : 'Provisioned', cmd.id) },
    kind === 'eligibility'
      ? { type: 'eligibilityScheduleCreated', nowMs: atMs, schedule: newSchedule(ctx, cmd, w, 'eligibility') }
      : { type: 'assignmentScheduleCreated', nowMs: atMs, schedule: newSchedule(ctx, cmd, w, 'assignment', 'Assigned', null) },
    audit(ctx, pimActivity(what, 'requested', permanence), cmd.id, initiatedByUser(state, actor.id), 'Add', targets, details),
    audit(ctx, pimActivity(what, 'completed', permanence), cmd.id, MS_PIM, 'Add', targets, details),
  ]);
}

function audit(ctx: Ctx, activity: string, correlationId: string, initiatedBy: AuditDraft['initiatedBy'], operationType: AuditDraft['operationType'], targetResources: AuditDraft['targetResources'], details: Record<string, string | null | undefined>): TenantEvent {
  return {
    type: 'auditRecorded',
    audit: auditRecord({ atMs: ctx.atMs, activityDisplayName: activity, category: 'RoleManagement', correlationId, initiatedBy, loggedByService: 'PIM', operationType, targetResources, details }),
  };
}

/** The principal's live schedule of a line, role and scope that started first: the one in force, else the next. */
function firstLive(state: TenantState, target: { principalId: string; roleDefinitionId: string; directoryScopeId: string }, line: ScheduleLine): RoleSchedule | undefined {
  const id = liveLine(state, target.principalId, line, target.roleDefinitionId, target.directoryScopeId)?.ids[0];
  return id === undefined ? undefined : state.schedules.get(id);
}

function adminRemove(ctx: Ctx, cmd: RoleEligibilityScheduleRequestCommand | RoleAssignmentScheduleRequestCommand, kind: 'eligibility' | 'assignment'): Decision {
  const { state, actor, atMs } = ctx;
  if (!hasPermission(state, actor.id, ACTION.manageRoleAssignments, atMs)) return fail(denied());
  const invalid = validateTarget(ctx, cmd);
  if (invalid) return fail(invalid);
  const target = firstLive(state, cmd, kind === 'eligibility' ? 'eligibility' : 'assigned');
  if (!target) return fail(assignmentDoesNotExist());
  // The 5-minute rule is about assignments made in PIM during this attempt. A starting-tenant
  // assignment was made before the attempt, outside it (Graph gives assignments made outside PIM a
  // null createdDateTime), so it can be removed at once.
  const removableMs = (parseInstant(target.createdDateTime) ?? 0) + MINIMUM_ASSIGNMENT_MS;
  if (!isSeedSchedule(target) && atMs < removableMs)
    return fail(tooShort('An assignment cannot be removed within 5 minutes of being made.', undefined, toInstant(removableMs)));
  if (kind === 'eligibility' && isLastGlobalAdministrator(state, target.id, atMs))
    return fail(
      badRequest(
        'The last Global Administrator assignment cannot be removed: with no other Global Administrator assignment, PIM keeps this eligible one so the directory is not locked out. Assign another Global Administrator first.',
      ),
    );
  if (kind === 'assignment' && cmd.roleDefinitionId === ROLE.globalAdministrator) {
    // Lock-out protection (shared/domain/pim.md §1).
    if (cmd.principalId === actor.id) return fail(denied('A Global Administrator cannot remove their own Global Administrator assignment.'));
    let otherGlobalAdmin = false;
    for (const id of state.liveIdsByRole.get(ROLE.globalAdministrator) ?? []) {
      const s = state.schedules.get(id)!;
      if ((otherGlobalAdmin = s.kind === 'assignment' && s.principalId !== cmd.principalId && inForceAt(s, atMs))) break;
    }
    if (!otherGlobalAdmin) return fail(badRequest('The last active Global Administrator assignment cannot be removed.'));
  }

  const permanence = target.endMs === null ? ('permanent' as const) : ('timebound' as const);
  const what = kind === 'eligibility' ? 'Remove eligible member from role in PIM' : 'Remove member from role in PIM';
  const targets = [roleTarget(state, cmd.roleDefinitionId), userTarget(state, cmd.principalId)];
  const details = { RequestId: cmd.id, TargetScheduleId: target.id, Justification: cmd.justification };
  const events: TenantEvent[] = [
    { type: 'requestRecorded', request: request(ctx, cmd, kind, 'Revoked', target.id) },
    { type: 'scheduleTransitioned', scheduleId: target.id, atMs, event: { type: 'REMOVE' } },
  ];
  // The audits of the activations an eligibility's removal ends, logged after the removal's own.
  const activationRemovals: TenantEvent[] = [];
  if (kind === 'eligibility') {
    // An activation lives on its eligibility: removing the eligibility ends the activation too,
    // and cancels one whose custom start time has not come yet.
    // A live activation ends as removed, and PIM logs its removal as its own (Microsoft Learn,
    // "View audit history for Microsoft Entra roles in PIM": "Remove member from role in PIM
    // completed", initiated by MS-PIM, with the activation's request id).
    // Its activations lie within its window, so only that stretch of the live activations is looked at.
    for (const s of liveOverlapping(state, cmd, 'activated', target.startMs, target.endMs)) {
      if (!(s.kind === 'assignment' && s.activatedUsing === target.id && notEndedAt(s, atMs))) continue;
      if (!inForceAt(s, atMs)) {
        events.push({ type: 'scheduleTransitioned', scheduleId: s.id, atMs, event: { type: 'CANCEL' } });
        continue;
      }
      events.push({ type: 'scheduleTransitioned', scheduleId: s.id, atMs, event: { type: 'REMOVE' } });
      activationRemovals.push(
        audit(ctx, 'Remove member from role in PIM completed (timebound)', s.createdUsing, MS_PIM, 'Remove', targets, {
          RequestId: s.createdUsing,
          TargetScheduleId: s.id,
          StartTime: toInstant(s.startMs),
          ExpirationTime: s.endMs === null ? null : toInstant(s.endMs),
        }),
      );
    }
  }
  events.push(
    audit(ctx, pimActivity(what, 'requested', permanence), cmd.id, initiatedByUser(state, actor.id), 'Remove', targets, details),
    audit(ctx, pimActivity(what, 'completed', permanence), cmd.id, MS_PIM, 'Remove', targets, details),
    ...activationRemovals,
  );
  return ok(events);
}

function selfActivate(ctx: Ctx, cmd: RoleAssignmentScheduleRequestCommand): Decision {
  const { state, actor, atMs } = ctx;
  if (cmd.principalId !== actor.id) return fail(denied('Only the eligible user can activate their own role assignment.'));
  const invalid = validateTarget(ctx, cmd);
  if (invalid) return fail(invalid);
  const policy = policyOf(state, cmd.roleDefinitionId);
  const expiration = expirationRule(policy, 'Expiration_EndUser_Assignment');
  const maxMs = maximumMs(expiration);
  const resolved = resolveWindow(ctx, cmd.scheduleInfo, maxMs);
  if (!resolved.ok) return resolved;
  const w = resolved.value;
  if (w.endMs !== null && w.endMs - w.startMs < MINIMUM_ASSIGNMENT_MS) return fail(tooShort(undefined, 'scheduleInfo.expiration.duration'));

  const failures: Failure[] = [];
  const same = (s: RoleSchedule) => s.principalId === actor.id && s.roleDefinitionId === cmd.roleDefinitionId && s.directoryScopeId === cmd.directoryScopeId;
  const eligibility = liveOverlapping(state, cmd, 'eligibility', w.startMs, w.startMs + 1).find(
    (s) => same(s) && inForceAt(s, w.startMs) && s.startMs <= w.startMs && (s.endMs === null || (w.endMs !== null && w.endMs <= Math.min(s.endMs, s.endedMs ?? Infinity))),
  );
  if (!eligibility) {
    const anyEligibility = !!firstLive(state, cmd, 'eligibility');
    failures.push({
      rule: 'EligibilityRule',
      why: anyEligibility
        ? 'The requested activation is not within your eligible assignment: shorten it to end before your eligibility ends.'
        : `You are not eligible for the ${state.roleDefinitions.get(cmd.roleDefinitionId)?.displayName ?? 'requested'} role at this scope.`,
    });
  }
  if (w.endMs === null) failures.push({ rule: 'ExpirationRule', why: `An activation must end; the maximum is ${expiration.maximumDuration}.`, target: 'scheduleInfo.expiration.duration' });
  else if (w.endMs - w.startMs > maxMs)
    failures.push({ rule: 'ExpirationRule', why: `The maximum activation duration for this role is ${expiration.maximumDuration} (requested ${formatDuration(w.endMs - w.startMs)}).`, target: 'scheduleInfo.expiration.duration' });
  const enabled = enablementRule(policy, 'Enablement_EndUser_Assignment').enabledRules;
  checkJustification(enabled, cmd.justification, failures, 'to activate this role');
  checkTicket(enabled, cmd.ticketInfo, failures);
  if (enabled.includes('MultiFactorAuthentication') && !mfaDone(ctx))
    failures.push({ rule: 'MfaRule', why: 'Additional verification required: complete multifactor authentication before you activate this role.', target: 'mfa' });
  if (failures.length) return fail(policyFailure(failures));

  // In force now, or overlapping the requested window: either way the role is (to be) active already.
  const active = (['assigned', 'activated'] as const).some(
    (line) => liveOverlapping(state, cmd, line, atMs, atMs + 1).some((s) => inForceAt(s, atMs)) || liveOverlapping(state, cmd, line, w.startMs, w.endMs).length,
  );
  if (active) return fail(assignmentExists());

  const targets = [roleTarget(state, cmd.roleDefinitionId), userTarget(state, actor.id)];
  const details = { RequestId: cmd.id, StartTime: toInstant(w.startMs), ExpirationTime: toInstant(w.endMs!), Justification: cmd.justification, TicketNumber: cmd.ticketInfo?.ticketNumber, TicketSystem: cmd.ticketInfo?.ticketSystem };
  const startsLater = w.startMs > atMs;
  const events: TenantEvent[] = [
    { type: 'requestRecorded', request: request(ctx, cmd, 'assignment', startsLater ? 'Granted' : 'Provisioned', cmd.id) },
    { type: 'assignmentScheduleCreated', nowMs: atMs, schedule: newSchedule(ctx, cmd, w, 'assignment', 'Activated', eligibility!.id) },
    audit(ctx, 'Add member to role requested (PIM activation)', cmd.id, initiatedByUser(state, actor.id), 'Add', targets, details),
  ];
  if (!startsLater) events.push(audit(ctx, 'Add member to role completed (PIM activation)', cmd.id, MS_PIM, 'Add', targets, details));
  return ok(events);
}

function selfDeactivate(ctx: Ctx, cmd: RoleAssignmentScheduleRequestCommand): Decision {
  const { state, actor, atMs } = ctx;
  if (cmd.principalId !== actor.id) return fail(denied('Only the user who activated a role can deactivate it.'));
  const invalid = validateTarget(ctx, cmd);
  if (invalid) return fail(invalid);
  const activation = firstLive(state, cmd, 'activated');
  if (!activation) return fail(assignmentDoesNotExist());
  const targets = [roleTarget(state, cmd.roleDefinitionId), userTarget(state, actor.id)];
  const details = { RequestId: cmd.id, TargetScheduleId: activation.id };
  if (!inForceAt(activation, atMs)) {
    // Not started yet (custom activation start time): the request is canceled instead.
    return ok([
      { type: 'requestRecorded', request: request(ctx, cmd, 'assignment', 'Canceled', activation.id) },
      { type: 'scheduleTransitioned', scheduleId: activation.id, atMs, event: { type: 'CANCEL' } },
      audit(ctx, 'Add member to role canceled (PIM activation)', activation.createdUsing, initiatedByUser(state, actor.id), 'Remove', targets, details),
    ]);
  }
  const deactivatableMs = activation.startMs + MINIMUM_ASSIGNMENT_MS;
  if (atMs < deactivatableMs)
    return fail(tooShort('You cannot deactivate a role within 5 minutes of activating it.', undefined, toInstant(deactivatableMs)));
  return ok([
    { type: 'requestRecorded', request: request(ctx, cmd, 'assignment', 'Revoked', activation.id) },
    { type: 'scheduleTransitioned', scheduleId: activation.id, atMs, event: { type: 'DEACTIVATE' } },
    audit(ctx, 'Remove member from role requested (PIM deactivate)', cmd.id, initiatedByUser(state, actor.id), 'Remove', targets, details),
    audit(ctx, 'Remove member from role completed (PIM deactivate)', cmd.id, MS_PIM, 'Remove', targets, details),
  ]);
}

