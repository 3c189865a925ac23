import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  MINUTE_MS,
  hasPermission,
  ACTION,
  roleAssignmentScheduleInstances,
  roleEligibilitySchedules,
  roleEligibilityScheduleInstances,
  parseInstant,
  activationRequestOf,
  assignmentRequest,
  roleAssignmentSchedules,
} from '../../src/tenant';
import { activate, ADMIN, DEMO, Lab, makeDemoEligible, newUser, ROLE } from './helpers';

describe('the seed story in the core', () => {
  it('goes from no rights to a just-in-time User Administrator and back', () => {
    const lab = new Lab();

    // Steps 2–3: demouser has no role and cannot create a user.
    expect(roleEligibilityScheduleInstances(lab.state, lab.nowMs, DEMO)).toEqual([]);
    const denied = lab.run(DEMO, newUser(1));
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('Authorization_RequestDenied');

    // Steps 4–7: the admin makes demouser eligible for User Administrator at '/', permanently.
    lab.advance(MINUTE_MS);
    const events = lab.must(ADMIN, makeDemoEligible());
    const eligibilities = roleEligibilitySchedules(lab.state, lab.nowMs, DEMO);
    expect(eligibilities).toHaveLength(1);
    expect(eligibilities[0]).toMatchObject({
      principalId: DEMO,
      roleDefinitionId: ROLE.userAdministrator,
      directoryScopeId: '/',
      memberType: 'Direct',
      scheduleInfo: { expiration: { type: 'noExpiration' } },
    });
    expect(roleAssignmentScheduleInstances(lab.state, lab.nowMs, DEMO)).toEqual([]);
    expect(events.filter((e) => e.type === 'auditRecorded').map((e) => e.type === 'auditRecorded' && e.audit.activityDisplayName)).toEqual([
      'Add eligible member to role in PIM requested (permanent)',
      'Add eligible member to role in PIM completed (permanent)',
    ]);
    expect(lab.run(DEMO, newUser(2)).ok).toBe(false);

    // Steps 10–13: demouser (after MFA) activates for PT8H with a reason.
    lab.advance(2 * MINUTE_MS);
    lab.must(DEMO, { type: 'signIn' });
    lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
    const activatedAt = lab.nowMs;
    lab.must(DEMO, activate());
    const instances = roleAssignmentScheduleInstances(lab.state, lab.nowMs, DEMO);
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ assignmentType: 'Activated', roleDefinitionId: ROLE.userAdministrator, memberType: 'Direct' });
    expect(parseInstant(instances[0]!.endDateTime!)! - parseInstant(instances[0]!.startDateTime)!).toBe(8 * HOUR_MS);
    expect(parseInstant(instances[0]!.startDateTime)).toBe(activatedAt);

    // Step 14: demouser can now create a user.
    lab.advance(MINUTE_MS);
    lab.must(DEMO, newUser(3));
    expect(lab.state.users.get('user-3')?.userPrincipalName).toBe('user3@mydirectory.onmicrosoft.com');
    expect(lab.state.audits.at(-1)).toMatchObject({ activityDisplayName: 'Add user', initiatedBy: { user: { id: DEMO } } });

    // Past the end: the permission is gone and the expiry is audited.
    lab.advance(8 * HOUR_MS);
    expect(hasPermission(lab.state, DEMO, ACTION.createUser, lab.nowMs)).toBe(false);
    const late = lab.run(DEMO, newUser(4));
    expect(late.ok && 'created').toBe(false);
    if (!late.ok) expect(late.error.code).toBe('Authorization_RequestDenied');
    lab.must(DEMO, { type: 'advanceClock' });
    const expiry = lab.state.audits.find((a) => a.activityDisplayName === 'Remove member from role (PIM activation expired)');
    expect(expiry).toBeDefined();
    expect(parseInstant(expiry!.activityDateTime)).toBe(activatedAt + 8 * HOUR_MS);
    expect(expiry!.initiatedBy.app?.displayName).toBe('MS-PIM');
    // The eligibility remains.
    expect(roleEligibilityScheduleInstances(lab.state, lab.nowMs, DEMO)).toHaveLength(1);
  });

  it('keeps the activation\'s request, found from its schedule, also after a deactivation (the Status tab shown again)', () => {
    const lab = new Lab();
    lab.must(ADMIN, makeDemoEligible());
    lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
    lab.must(DEMO, activate('req-activate', 'PT1H'));
    const [activation] = roleAssignmentSchedules(lab.state, lab.nowMs, DEMO);
    expect(activationRequestOf(lab.state, activation!.id)).toMatchObject({ id: 'req-activate', action: 'selfActivate', status: 'Provisioned', targetScheduleId: activation!.id });
    // Not the eligibility's request, nor a schedule that does not exist.
    const [eligibility] = roleEligibilitySchedules(lab.state, lab.nowMs, DEMO);
    expect(activationRequestOf(lab.state, eligibility!.id)).toBeUndefined();
    expect(activationRequestOf(lab.state, 'no-such-schedule')).toBeUndefined();

    // The selfDeactivate request targets the same schedule; the activation's request is still the one found.
    lab.advance(10 * MINUTE_MS);
    lab.must(DEMO, assignmentRequest('selfDeactivate', { id: 'req-deactivate', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));
    expect([...lab.state.requests.values()].filter((r) => r.targetScheduleId === activation!.id).map((r) => r.action)).toEqual(['selfActivate', 'selfDeactivate']);
    expect(activationRequestOf(lab.state, activation!.id)?.id).toBe('req-activate');
  });
});
