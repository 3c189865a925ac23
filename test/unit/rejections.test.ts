import { describe, expect, it } from 'vitest';
import {
  activationRequest,
  assignmentRequest,
  eligibilityRequest,
  HOUR_MS,
  MINUTE_MS,
  roleAssignmentScheduleInstances,
  schedule,
  toInstant,
  type ExecuteResult,
  type TenantErrorCode,
} from '../../src/tenant';
import { activate, ADMIN, DEMO, Lab, makeDemoEligible, newUser, ROLE } from './helpers';

function expectError(result: ExecuteResult, code: TenantErrorCode, rule?: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (rule) {
    expect(result.error.failedRules).toContain(rule);
    expect(result.error.message).toContain(`The following policy rules failed: [`);
    expect(result.error.message).toContain(`"${rule}"`);
  }
  return result.error;
}

/** demouser eligible for User Administrator, signed in with MFA done, 10 minutes later. */
function readyToActivate() {
  const lab = new Lab();
  lab.must(ADMIN, makeDemoEligible());
  lab.advance(10 * MINUTE_MS);
  lab.must(DEMO, { type: 'signIn' });
  lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
  return lab;
}

describe('activation is refused when a policy rule fails', () => {
  it('PT8H30M is over the 8-hour maximum (ExpirationRule)', () => {
    const lab = readyToActivate();
    const error = expectError(lab.run(DEMO, activate('a', 'PT8H30M')), 'RoleAssignmentRequestPolicyValidationFailed', 'ExpirationRule');
    expect(error?.message).toContain('PT8H');
    expect(error?.target).toBe('scheduleInfo.expiration.duration');
    // …and exactly PT8H is fine.
    expect(lab.run(DEMO, activate('b', 'PT8H')).ok).toBe(true);
  });

  it('no reason (JustificationRule)', () => {
    const lab = readyToActivate();
    expectError(lab.run(DEMO, activate('a', 'PT1H', '')), 'RoleAssignmentRequestPolicyValidationFailed', 'JustificationRule');
    expectError(lab.run(DEMO, activate('b', 'PT1H', '   ')), 'RoleAssignmentRequestPolicyValidationFailed', 'JustificationRule');
  });

  it('a 501-character reason (JustificationRule), while 500 is accepted', () => {
    const lab = readyToActivate();
    const error = expectError(lab.run(DEMO, activate('a', 'PT1H', 'x'.repeat(501))), 'RoleAssignmentRequestPolicyValidationFailed', 'JustificationRule');
    expect(error?.message).toContain('500');
    expect(error?.target).toBe('justification');
    expect(lab.run(DEMO, activate('b', 'PT1H', 'x'.repeat(500))).ok).toBe(true);
  });

  it('MFA not done when the policy requires it (MfaRule)', () => {
    const lab = new Lab();
    lab.must(ADMIN, makeDemoEligible());
    lab.advance(10 * MINUTE_MS);
    lab.must(DEMO, { type: 'signIn' });
    expectError(lab.run(DEMO, activate()), 'RoleAssignmentRequestPolicyValidationFailed', 'MfaRule');
    // A new sign-in (Switch account) needs MFA again.
    lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
    lab.must(DEMO, { type: 'signIn' });
    expectError(lab.run(DEMO, activate('b')), 'RoleAssignmentRequestPolicyValidationFailed', 'MfaRule');
    // When the role's settings drop MFA, no verification is needed.
    lab.must(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { requireMfaOnActivation: false } });
    expect(lab.run(DEMO, activate('c')).ok).toBe(true);
  });

  it('reports every failed rule at once, as Graph does', () => {
    const lab = new Lab();
    lab.must(ADMIN, makeDemoEligible());
    const error = expectError(lab.run(DEMO, activate('a', 'PT9H', '')), 'RoleAssignmentRequestPolicyValidationFailed');
    expect(error?.failedRules).toEqual(['ExpirationRule', 'JustificationRule', 'MfaRule']);
  });

  it('activating without an eligibility (EligibilityRule)', () => {
    const lab = new Lab();
    lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
    expectError(lab.run(DEMO, activate()), 'RoleAssignmentRequestPolicyValidationFailed', 'EligibilityRule');
    // Eligible for another role is not eligible for this one.
    lab.must(ADMIN, makeDemoEligible('e2', ROLE.helpdeskAdministrator));
    expectError(lab.run(DEMO, activate('b')), 'RoleAssignmentRequestPolicyValidationFailed', 'EligibilityRule');
  });

  it('an activation longer than a time-bound eligibility (EligibilityRule)', () => {
    const lab = new Lab();
    lab.must(
      ADMIN,
      eligibilityRequest('adminAssign', { id: 'e', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(null, toInstant(lab.nowMs + 2 * HOUR_MS)) }),
    );
    lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
    expectError(lab.run(DEMO, activate('a', 'PT3H')), 'RoleAssignmentRequestPolicyValidationFailed', 'EligibilityRule');
    expect(lab.run(DEMO, activate('b', 'PT1H')).ok).toBe(true);
  });

  it('activating twice (RoleAssignmentExists)', () => {
    const lab = readyToActivate();
    lab.must(DEMO, activate('a', 'PT2H'));
    lab.advance(10 * MINUTE_MS);
    const error = expectError(lab.run(DEMO, activate('b', 'PT2H')), 'RoleAssignmentExists');
    expect(error?.message).toBe('The Role assignment already exists.');
  });

  it('activations shorter than 5 minutes (ActiveDurationTooShort)', () => {
    const lab = readyToActivate();
    expectError(lab.run(DEMO, activate('a', 'PT4M')), 'ActiveDurationTooShort');
  });

  it('someone else activating for the eligible user', () => {
    const lab = readyToActivate();
    lab.must(ADMIN, { type: 'completeMfa', method: 'microsoftAuthenticator' });
    expectError(lab.run(ADMIN, activate()), 'Authorization_RequestDenied');
  });
});

describe('the 5-minute rules', () => {
  it('cannot deactivate within 5 minutes of activating', () => {
    const lab = readyToActivate();
    lab.must(DEMO, activate());
    const deactivate = (id: string) => assignmentRequest('selfDeactivate', { id, principalId: DEMO, roleDefinitionId: ROLE.userAdministrator });
    const activatedMs = lab.nowMs;
    lab.advance(4 * MINUTE_MS);
    expect(lab.run(DEMO, deactivate('d1'))).toMatchObject({ ok: false, error: { code: 'ActiveDurationTooShort', retryAt: toInstant(activatedMs + 5 * MINUTE_MS) } });
    expect(roleAssignmentScheduleInstances(lab.state, lab.nowMs, DEMO)).toHaveLength(1);
    lab.advance(MINUTE_MS);
    lab.must(DEMO, deactivate('d2'));
    expect(roleAssignmentScheduleInstances(lab.state, lab.nowMs, DEMO)).toHaveLength(0);
    expect(lab.state.audits.map((a) => a.activityDisplayName)).toContain('Remove member from role completed (PIM deactivate)');
    // Deactivating again: nothing to deactivate.
    lab.advance(MINUTE_MS);
    expectError(lab.run(DEMO, deactivate('d3')), 'RoleAssignmentDoesNotExist');
  });

  it('cannot remove an assignment within 5 minutes of making it', () => {
    const lab = new Lab();
    lab.must(ADMIN, makeDemoEligible());
    const remove = (id: string) => eligibilityRequest('adminRemove', { id, principalId: DEMO, roleDefinitionId: ROLE.userAdministrator });
    const madeMs = lab.nowMs;
    lab.advance(4 * MINUTE_MS);
    // The refusal says when the removal can succeed: 5 minutes after the assignment was made.
    expect(lab.run(ADMIN, remove('r1'))).toMatchObject({ ok: false, error: { code: 'ActiveDurationTooShort', retryAt: toInstant(madeMs + 5 * MINUTE_MS) } });
    lab.advance(MINUTE_MS);
    lab.must(ADMIN, remove('r2'));
    expect(lab.state.audits.at(-1)?.activityDisplayName).toBe('Remove eligible member from role in PIM completed (permanent)');
  });

  it('a 4-minute time-bound assignment is too short; 5 minutes is the minimum', () => {
    const lab = new Lab();
    const request = (id: string, minutes: number) =>
      eligibilityRequest('adminAssign', {
        id,
        principalId: DEMO,
        roleDefinitionId: ROLE.userAdministrator,
        scheduleInfo: schedule(toInstant(lab.nowMs), toInstant(lab.nowMs + minutes * MINUTE_MS)),
      });
    const error = expectError(lab.run(ADMIN, request('a', 4)), 'ActiveDurationTooShort');
    expect(error?.message).toContain('5 minutes');
    expect(lab.run(ADMIN, request('b', 5)).ok).toBe(true);
  });

  it('an end before the start is refused with the field to fix', () => {
    const lab = new Lab();
    const result = lab.run(
      ADMIN,
      eligibilityRequest('adminAssign', {
        id: 'a',
        principalId: DEMO,
        roleDefinitionId: ROLE.userAdministrator,
        scheduleInfo: schedule(toInstant(lab.nowMs + HOUR_MS), toInstant(lab.nowMs)),
      }),
    );
    const error = expectError(result, 'InvalidScheduleInfo');
    expect(error?.target).toBe('scheduleInfo.expiration.endDateTime');
  });
});

describe('permissions', () => {
  it('a User Administrator cannot reset a Global Administrator’s password, but can reset a user’s', () => {
    const lab = readyToActivate();
    lab.must(DEMO, activate());
    lab.advance(MINUTE_MS);
    lab.must(ADMIN, newUser('plain'));
    const password = { length: 12, lowercase: true, uppercase: true, digit: true, symbol: false };
    const error = expectError(lab.run(DEMO, { type: 'resetPassword', userId: ADMIN, password, forceChangePasswordNextSignIn: true }), 'Authorization_RequestDenied');
    expect(error?.message).toContain('Main Account');
    lab.must(DEMO, { type: 'resetPassword', userId: 'user-plain', password, forceChangePasswordNextSignIn: true });
    expect(lab.state.audits.at(-1)?.activityDisplayName).toBe('Reset password (by admin)');
    // The Global Administrator may reset anyone's, including the User Administrator's.
    lab.must(ADMIN, { type: 'resetPassword', userId: DEMO, password, forceChangePasswordNextSignIn: true });
  });

  it('a Helpdesk Administrator cannot reset a User Administrator’s password', () => {
    const lab = new Lab();
    lab.must(ADMIN, newUser('helpdesk'));
    lab.must(ADMIN, assignmentRequest('adminAssign', { id: 'h', principalId: 'user-helpdesk', roleDefinitionId: ROLE.helpdeskAdministrator, justification: 'Helpdesk shift' }));
    lab.must(ADMIN, makeDemoEligible());
    const password = { length: 12, lowercase: true, uppercase: true, digit: true, symbol: false };
    expectError(lab.run('user-helpdesk', { type: 'resetPassword', userId: DEMO, password, forceChangePasswordNextSignIn: true }), 'Authorization_RequestDenied');
    lab.must(ADMIN, newUser('plain'));
    lab.must('user-helpdesk', { type: 'resetPassword', userId: 'user-plain', password, forceChangePasswordNextSignIn: true });
  });

  it('demouser cannot make anyone eligible, nor change role settings', () => {
    const lab = new Lab();
    expectError(lab.run(DEMO, makeDemoEligible()), 'Authorization_RequestDenied');
    expectError(lab.run(DEMO, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { requireMfaOnActivation: false } }), 'Authorization_RequestDenied');
  });

  it('an active assignment needs a justification by default (JustificationRule)', () => {
    const lab = new Lab();
    const request = (justification?: string) =>
      assignmentRequest('adminAssign', { id: `a-${justification ?? 'none'}`, principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, justification });
    expectError(lab.run(ADMIN, request()), 'RoleAssignmentRequestPolicyValidationFailed', 'JustificationRule');
    lab.must(ADMIN, request('Project work'));
    expect(roleAssignmentScheduleInstances(lab.state, lab.nowMs, DEMO)[0]?.assignmentType).toBe('Assigned');
    lab.advance(MINUTE_MS);
    expectError(lab.run(ADMIN, request('Again')), 'RoleAssignmentExists');
  });

  it('permanent eligibility is refused when the role requires expiry (ExpirationRule)', () => {
    const lab = new Lab();
    lab.must(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { allowPermanentEligibleAssignment: false, expireEligibleAssignmentsAfter: 'P180D' } });
    expectError(lab.run(ADMIN, makeDemoEligible()), 'RoleAssignmentRequestPolicyValidationFailed', 'ExpirationRule');
    const tooLong = eligibilityRequest('adminAssign', { id: 'long', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, scheduleInfo: schedule(null, toInstant(lab.nowMs + 200 * 24 * HOUR_MS)) });
    expectError(lab.run(ADMIN, tooLong), 'RoleAssignmentRequestPolicyValidationFailed', 'ExpirationRule');
  });

  it('a Global Administrator cannot remove their own Global Administrator assignment', () => {
    const lab = new Lab();
    lab.advance(HOUR_MS);
    expectError(lab.run(ADMIN, assignmentRequest('adminRemove', { id: 'r', principalId: ADMIN, roleDefinitionId: ROLE.globalAdministrator })), 'Authorization_RequestDenied');
  });

  it('time cannot run backwards', () => {
    const lab = new Lab();
    lab.advance(HOUR_MS);
    lab.must(ADMIN, { type: 'advanceClock' });
    lab.advance(-MINUTE_MS);
    expectError(lab.run(ADMIN, newUser(1)), 'ClockMovedBackwards');
  });
});

describe('creating users', () => {
  const lab = () => new Lab();
  const attempt = (fields: Partial<{ upn: string; displayName: string; mailNickname: string; password: string }>) => {
    const l = lab();
    const cmd = newUser(1, fields.password);
    return l.run(ADMIN, {
      ...cmd,
      userPrincipalName: fields.upn ?? cmd.userPrincipalName,
      displayName: fields.displayName ?? cmd.displayName,
      mailNickname: fields.mailNickname ?? cmd.mailNickname,
    });
  };

  it.each([
    ['no @', { upn: 'alice' }, 'userPrincipalName'],
    ['a leading period', { upn: '.alice@mydirectory.onmicrosoft.com' }, 'userPrincipalName'],
    ['a space', { upn: 'al ice@mydirectory.onmicrosoft.com' }, 'userPrincipalName'],
    ['an unverified domain', { upn: 'alice@contoso.com' }, 'userPrincipalName'],
    ['an existing UPN (any case)', { upn: 'DemoUser@mydirectory.onmicrosoft.com' }, 'userPrincipalName'],
    ['an empty display name', { displayName: '  ' }, 'displayName'],
    ['an empty mail nickname', { mailNickname: '' }, 'mailNickname'],
    ['a weak password', { password: 'password' }, 'password'],
  ])('refuses %s with a message for that field', (_, fields, target) => {
    const result = attempt(fields);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('Request_BadRequest');
      expect(result.error.target).toBe(target);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  });

  it('never keeps the password itself', () => {
    const l = lab();
    l.must(ADMIN, newUser(1, 'S3cret-Passw0rd'));
    expect(JSON.stringify([...l.state.users.values()])).not.toContain('S3cret');
  });
});

describe('custom activation start time', () => {
  it('activates when the start time comes, audits it, and can be canceled before then', () => {
    const lab = readyToActivate();
    const later = (id: string, startInMs: number) =>
      activationRequest({ id, principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, duration: 'PT4H', justification: 'Planned change', startDateTime: toInstant(lab.nowMs + startInMs) });
    lab.must(DEMO, later('act', HOUR_MS));
    expect(roleAssignmentScheduleInstances(lab.state, lab.nowMs, DEMO)).toHaveLength(0);
    expect(lab.state.requests.get('act')?.status).toBe('Granted');
    lab.advance(2 * HOUR_MS);
    lab.must(DEMO, newUser(1)); // in force since its start
    expect(lab.state.audits.map((a) => a.activityDisplayName)).toContain('Add member to role completed (PIM activation)');
    const deactivate = (id: string) => assignmentRequest('selfDeactivate', { id, principalId: DEMO, roleDefinitionId: ROLE.userAdministrator });
    lab.must(DEMO, deactivate('d1'));
    lab.advance(MINUTE_MS);
    expectError(lab.run(DEMO, newUser(2)), 'Authorization_RequestDenied');

    // A second one, canceled before it starts: it never grants anything.
    lab.advance(HOUR_MS);
    lab.must(DEMO, later('act2', 2 * HOUR_MS));
    lab.advance(MINUTE_MS);
    lab.must(DEMO, deactivate('d2'));
    expect(lab.state.audits.at(-1)?.activityDisplayName).toBe('Add member to role canceled (PIM activation)');
    lab.advance(3 * HOUR_MS);
    expectError(lab.run(DEMO, newUser(3)), 'Authorization_RequestDenied');
  });

  it('removing the eligibility cancels an activation that has not started', () => {
    const lab = readyToActivate();
    lab.must(DEMO, activationRequest({ id: 'act', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator, duration: 'PT4H', justification: 'Later', startDateTime: toInstant(lab.nowMs + HOUR_MS) }));
    lab.must(ADMIN, eligibilityRequest('adminRemove', { id: 'rm', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));
    lab.advance(2 * HOUR_MS);
    expectError(lab.run(DEMO, newUser(1)), 'Authorization_RequestDenied');
  });
});

describe('role settings', () => {
  it('refuses "Require approval to activate" rather than ignoring it', () => {
    const lab = new Lab();
    const error = expectError(lab.run(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { requireApprovalToActivate: true } }), 'Request_BadRequest');
    expect(error?.target).toBe('requireApprovalToActivate');
  });

  it('refuses an activation maximum outside 0.5 to 24 hours', () => {
    const lab = new Lab();
    const error = expectError(lab.run(ADMIN, { type: 'updateRoleSettings', roleDefinitionId: ROLE.userAdministrator, settings: { activationMaximumDuration: 'PT25H' } }), 'Request_BadRequest');
    expect(error?.target).toBe('activationMaximumDuration');
  });
});
