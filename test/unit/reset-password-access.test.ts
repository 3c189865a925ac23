import { describe, expect, it } from 'vitest';
import { createTenant, execute, MY_DIRECTORY_SEED, summarizePassword, type TenantSeedInput } from '../../src/tenant';
import { resetPasswordUnavailable } from '../../src/portal/blades/resetPasswordAccess';

// The user blade's Reset password: offered exactly when the core would accept resetPassword, and
// greyed out with the reason otherwise (shared/domain/password-reset-matrix.md).

const DOMAIN = 'mydirectory.onmicrosoft.com';
const user = (id: string, nick: string, displayName: string) => ({ id, userPrincipalName: `${nick}@${DOMAIN}`, displayName, mailNickname: nick });
const SEED: TenantSeedInput = {
  ...MY_DIRECTORY_SEED,
  id: 'reset-password-test',
  users: [
    ...MY_DIRECTORY_SEED.users,
    user('u-helpdesk', 'helpdesk', 'Helpdesk Operator'),
    user('u-plain', 'plain', 'Plain User'),
    user('u-secadmin', 'secadmin', 'Security Admin'),
    user('u-reader', 'reader', 'Directory Reader'),
  ],
  roleAssignments: [
    ...MY_DIRECTORY_SEED.roleAssignments,
    { principalId: 'u-helpdesk', role: 'Helpdesk Administrator', assignmentType: 'active' },
    { principalId: 'u-secadmin', role: 'Security Administrator', assignmentType: 'eligible' },
    { principalId: 'u-reader', role: 'Directory Readers', assignmentType: 'active' },
  ],
};
const START = '2025-02-26T16:39:49Z';
const AT = Date.parse('2025-02-26T17:00:00Z');
const state = createTenant(SEED, START);
const target = (id: string) => state.users.get(id)!;

/** Whether the core accepts the reset: the lock the greyed-out command must agree with. */
const coreAccepts = (actor: string, targetId: string) => {
  // The actor signs in first: the core refuses commands by an account with no session.
  const signedIn = execute(state, { seq: 0, at: '2025-02-26T17:00:00Z', actor, command: { type: 'signIn' } });
  if (!signedIn.ok) return false;
  return execute(signedIn.state, {
    seq: 1,
    at: '2025-02-26T17:00:00Z',
    actor,
    command: { type: 'resetPassword', userId: targetId, forceChangePasswordNextSignIn: true, password: summarizePassword('Temp-Passw0rd!') },
  }).ok;
};

describe('Reset password availability', () => {
  it('lets a Helpdesk Administrator reset non-admins and Directory Readers, not a Global Administrator or an eligible Security Administrator', () => {
    expect(resetPasswordUnavailable(state, 'u-helpdesk', target('u-plain'), AT)).toBeNull();
    expect(resetPasswordUnavailable(state, 'u-helpdesk', target('u-reader'), AT)).toBeNull();
    const ga = MY_DIRECTORY_SEED.users[0]!.id;
    expect(resetPasswordUnavailable(state, 'u-helpdesk', target(ga), AT)).toMatch(/^Your roles can't reset the password of Main Account/);
    expect(resetPasswordUnavailable(state, 'u-helpdesk', target('u-secadmin'), AT)).toMatch(/Security Admin holds an administrator role/);
  });

  it('tells a user with no role that they lack the permission', () => {
    expect(resetPasswordUnavailable(state, 'u-plain', target('u-reader'), AT)).toMatch(/^You don't have permission to reset passwords\./);
  });

  it('agrees with the core for every pair of users', () => {
    for (const actor of state.users.keys())
      for (const t of state.users.keys()) expect(resetPasswordUnavailable(state, actor, target(t), AT) === null, `${actor} → ${t}`).toBe(coreAccepts(actor, t));
  });

  it('is audited as Entra does: by the directory and by the password reset service', () => {
    const signedIn = execute(state, { seq: 0, at: '2025-02-26T17:00:00Z', actor: 'u-helpdesk', command: { type: 'signIn' } });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const result = execute(signedIn.state, {
      seq: 1,
      at: '2025-02-26T17:00:00Z',
      actor: 'u-helpdesk',
      command: { type: 'resetPassword', userId: 'u-plain', forceChangePasswordNextSignIn: true, password: summarizePassword('Temp-Passw0rd!') },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.audits.slice(-2).map((a) => [a.loggedByService, a.category, a.activityDisplayName, a.targetResources[0]?.userPrincipalName])).toEqual([
      ['Core Directory', 'UserManagement', 'Reset user password', `plain@${DOMAIN}`],
      ['Self-service Password Management', 'UserManagement', 'Reset password (by admin)', `plain@${DOMAIN}`],
    ]);
  });
});
