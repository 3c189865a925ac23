import { describe, expect, it } from 'vitest';
import { notificationsFor, unreadCount } from '../../src/portal/runtime/notifications';
import { assignmentRequest, eligibilityRequest, parseInstant, schedule, toInstant } from '../../src/tenant';
import { activate, ADMIN, DEMO, Lab, makeDemoEligible, ROLE, START } from './helpers';

// The top bar's notifications: the account's own granted requests, newest first, worded as the
// portal's notifications. Times are written by the formatter the portal passes (here ISO instants).

const iso = (ms: number | null) => (ms === null ? 'Permanent' : toInstant(ms));
const MINUTE = 60_000;
const startMs = parseInstant(START)!;

/** The lab after the admin made demouser eligible, and demouser (MFA done) activated for 8 hours, 10 minutes later. */
function activatedLab() {
  const lab = new Lab();
  lab.must(ADMIN, makeDemoEligible());
  lab.advance(10 * MINUTE);
  lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
  lab.must(DEMO, activate());
  return lab;
}

describe('notificationsFor', () => {
  it('has none in the starting tenant', () => {
    const lab = new Lab();
    expect(notificationsFor(lab.state, ADMIN, iso)).toEqual([]);
    expect(notificationsFor(lab.state, DEMO, iso)).toEqual([]);
  });

  it("gives each account its own: the admin's assignment, demouser's activation", () => {
    const lab = activatedLab();
    expect(notificationsFor(lab.state, ADMIN, iso)).toEqual([
      { id: 'req-eligible', title: 'Assignment added', message: 'Eligible assignment of User Administrator to demouser, permanent.', atMs: startMs },
    ]);
    const activatedMs = startMs + 10 * MINUTE;
    expect(notificationsFor(lab.state, DEMO, iso)).toEqual([
      { id: 'req-activate', title: 'Role activated', message: `'User Administrator' role activated until ${toInstant(activatedMs + 8 * 60 * MINUTE)}.`, atMs: activatedMs },
    ]);
  });

  it('words active and time-bound assignments, removals and deactivations, newest first', () => {
    const lab = activatedLab();
    const endMs = lab.nowMs + 7 * 24 * 60 * MINUTE;
    lab.must(
      ADMIN,
      assignmentRequest('adminAssign', { id: 'req-active', principalId: DEMO, roleDefinitionId: ROLE.helpdeskAdministrator, justification: 'Cover the help desk', scheduleInfo: schedule(lab.now, toInstant(endMs)) }),
    );
    lab.advance(10 * MINUTE);
    lab.must(DEMO, assignmentRequest('selfDeactivate', { id: 'req-deactivate', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));
    lab.must(ADMIN, eligibilityRequest('adminRemove', { id: 'req-remove', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));

    expect(notificationsFor(lab.state, ADMIN, iso).map((n) => [n.title, n.message])).toEqual([
      ['Assignment removed', 'Eligible assignment of User Administrator removed from demouser.'],
      ['Assignment added', `Active assignment of Helpdesk Administrator to demouser until ${toInstant(endMs)}.`],
      ['Assignment added', 'Eligible assignment of User Administrator to demouser, permanent.'],
    ]);
    expect(notificationsFor(lab.state, DEMO, iso).map((n) => n.title)).toEqual(['Role deactivated', 'Role activated']);
  });

  it('says when an assignment or an activation starts later, and when a scheduled activation is canceled', () => {
    const lab = new Lab();
    const laterMs = lab.nowMs + 60 * MINUTE;
    lab.must(ADMIN, makeDemoEligible());
    lab.must(ADMIN, eligibilityRequest('adminAssign', { id: 'req-later', principalId: DEMO, roleDefinitionId: ROLE.helpdeskAdministrator, scheduleInfo: schedule(toInstant(laterMs), null) }));
    lab.must(DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' });
    lab.must(DEMO, { ...activate(), scheduleInfo: { startDateTime: toInstant(laterMs), expiration: { type: 'afterDuration', duration: 'PT2H', endDateTime: null } } });
    lab.must(DEMO, assignmentRequest('selfDeactivate', { id: 'req-cancel', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }));

    expect(notificationsFor(lab.state, ADMIN, iso)[0]!.message).toBe(`Eligible assignment of Helpdesk Administrator to demouser from ${toInstant(laterMs)}, permanent.`);
    expect(notificationsFor(lab.state, DEMO, iso).map((n) => [n.title, n.message])).toEqual([
      ['Role activation canceled', "The scheduled activation of 'User Administrator' was canceled."],
      ['Role activation scheduled', `'User Administrator' role will be active from ${toInstant(laterMs)} until ${toInstant(laterMs + 2 * 60 * MINUTE)}.`],
    ]);
  });

  it('lists nothing for a refused request (the core records only granted ones)', () => {
    const lab = new Lab();
    // demouser has no permission to assign roles.
    expect(lab.run(DEMO, makeDemoEligible('req-refused')).ok).toBe(false);
    expect(notificationsFor(lab.state, DEMO, iso)).toEqual([]);
    expect(notificationsFor(lab.state, ADMIN, iso)).toEqual([]);
  });
});

describe('unreadCount', () => {
  it('counts the notifications after the last one seen', () => {
    const lab = activatedLab();
    lab.advance(MINUTE);
    lab.must(ADMIN, assignmentRequest('adminAssign', { id: 'req-active', principalId: DEMO, roleDefinitionId: ROLE.helpdeskAdministrator, justification: 'x', scheduleInfo: schedule(null, null) }));
    const list = notificationsFor(lab.state, ADMIN, iso);
    expect(unreadCount(list, 0)).toBe(2);
    expect(unreadCount(list, list[1]!.atMs)).toBe(1);
    expect(unreadCount(list, list[0]!.atMs)).toBe(0);
  });
});
