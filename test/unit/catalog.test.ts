import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION,
  actionCovers,
  findRole,
  mayResetPassword,
  roleDefinitions,
  ROLE,
  defaultPolicy,
  roleSettingsOf,
  formatDuration,
  parseDuration,
} from '../../src/tenant';
import { roleDescription } from '../../src/tenant/catalog/roleDescriptions';
import { parseMatrix } from '../../scripts/gen-password-reset-matrix.mjs';
import { CORE, DESCRIPTIONS, SOURCE, splitRoleCatalog } from '../../scripts/gen-role-catalog.mjs';

const root = join(import.meta.dirname, '../..');

describe('built-in role catalog', () => {
  it('has every built-in role the portal lists, with template ids', () => {
    expect(roleDefinitions).toHaveLength(136);
    expect(new Set(roleDefinitions.map((r) => r.id)).size).toBe(136);
    expect(findRole('User Administrator')?.id).toBe('fe930be7-5e62-47db-91af-98c3a49a38b1');
    expect(findRole('global administrator')?.id).toBe(ROLE.globalAdministrator);
    expect(findRole(ROLE.privilegedRoleAdministrator)?.displayName).toBe('Privileged Role Administrator');
    for (const id of Object.values(ROLE)) expect(findRole(id), id).toBeDefined();
  });

  it('keeps each role’s description apart, by role id, for the panes that show it', () => {
    expect(roleDescription(ROLE.userAdministrator)).toMatch(/^Can manage all aspects of users and groups/);
    const source = JSON.parse(readFileSync(SOURCE, 'utf8')) as { roles: { templateId: string; description: string }[] };
    for (const r of source.roles) expect(roleDescription(r.templateId), r.templateId).toBe(r.description);
    expect(roleDescription('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(Object.keys(findRole(ROLE.userAdministrator)!)).not.toContain('description');
  });

  it('the core and description files are generated from the role JSON (scripts/gen-role-catalog.mjs)', () => {
    const { core, descriptions } = splitRoleCatalog(JSON.parse(readFileSync(SOURCE, 'utf8')));
    expect(readFileSync(CORE, 'utf8')).toBe(core);
    expect(readFileSync(DESCRIPTIONS, 'utf8')).toBe(descriptions);
  });

  it('models permissions of the roles the labs rely on', () => {
    const grants = (role: string, action: string) =>
      findRole(role)!.rolePermissions.some((p) => p.allowedResourceActions.some((g) => actionCovers(g, action)));
    expect(grants('Global Administrator', ACTION.createUser)).toBe(true);
    expect(grants('User Administrator', ACTION.createUser)).toBe(true);
    expect(grants('Helpdesk Administrator', ACTION.createUser)).toBe(false);
    expect(grants('Helpdesk Administrator', ACTION.resetPassword)).toBe(true);
    expect(grants('Password Administrator', ACTION.resetPassword)).toBe(true);
    expect(grants('Authentication Administrator', ACTION.resetPassword)).toBe(true);
    expect(grants('Privileged Role Administrator', ACTION.manageRoleAssignments)).toBe(true);
    expect(grants('Privileged Role Administrator', ACTION.createUser)).toBe(false);
    expect(grants('Security Administrator', ACTION.manageRoleAssignments)).toBe(false);
    expect(grants('Security Administrator', ACTION.readPim)).toBe(true);
    expect(grants('Global Reader', ACTION.readUsers)).toBe(true);
    expect(grants('Global Reader', ACTION.createUser)).toBe(false);
    expect(grants('Groups Administrator', ACTION.createUser)).toBe(false);
    expect(grants('Groups Administrator', 'microsoft.directory/groups/create')).toBe(true);
    // A role without an action list is assignable but grants nothing the simulator checks.
    expect(findRole('Exchange Administrator')?.permissionsModelled).toBe(false);
  });

  it('matches actions segment by segment', () => {
    expect(actionCovers('microsoft.directory/allEntities/allProperties/allTasks', 'microsoft.directory/users/create')).toBe(true);
    expect(actionCovers('microsoft.directory/users/allProperties/read', 'microsoft.directory/users/standard/read')).toBe(true);
    expect(actionCovers('microsoft.directory/users/allProperties/read', 'microsoft.directory/users/create')).toBe(false);
    expect(actionCovers('microsoft.directory/groups/allProperties/allTasks', 'microsoft.directory/users/create')).toBe(false);
    expect(actionCovers('microsoft.azure.serviceHealth/allEntities/allTasks', 'microsoft.directory/users/create')).toBe(false);
    expect(actionCovers('microsoft.directory/users/password/update', 'microsoft.directory/users/basic/update')).toBe(false);
  });
});

describe('who can reset passwords', () => {
  it('follows Microsoft’s table', () => {
    expect(mayResetPassword(ROLE.userAdministrator, [ROLE.globalAdministrator])).toBe(false);
    expect(mayResetPassword(ROLE.userAdministrator, [])).toBe(true);
    expect(mayResetPassword(ROLE.userAdministrator, [ROLE.helpdeskAdministrator])).toBe(true);
    expect(mayResetPassword(ROLE.helpdeskAdministrator, [ROLE.userAdministrator])).toBe(false);
    expect(mayResetPassword(ROLE.passwordAdministrator, [ROLE.passwordAdministrator])).toBe(true);
    expect(mayResetPassword(ROLE.passwordAdministrator, [ROLE.helpdeskAdministrator])).toBe(false);
    expect(mayResetPassword(ROLE.privilegedAuthenticationAdministrator, [ROLE.globalAdministrator])).toBe(true);
    expect(mayResetPassword(ROLE.globalAdministrator, [ROLE.privilegedRoleAdministrator])).toBe(true);
    // "All other built-in roles": only Privileged Authentication and Global Administrators.
    expect(mayResetPassword(ROLE.userAdministrator, [ROLE.securityAdministrator])).toBe(false);
    expect(mayResetPassword(ROLE.globalAdministrator, [ROLE.securityAdministrator])).toBe(true);
    // Every role the target holds must allow it.
    expect(mayResetPassword(ROLE.userAdministrator, [ROLE.helpdeskAdministrator, ROLE.globalAdministrator])).toBe(false);
    // A role that is not a column resets nobody.
    expect(mayResetPassword(ROLE.securityAdministrator, [])).toBe(false);
  });

  it('the generated JSON is in step with shared/domain/password-reset-matrix.md', () => {
    const generated = JSON.parse(readFileSync(join(root, 'src/tenant/data/password-reset-matrix.json'), 'utf8'));
    let source: string | null = null;
    try {
      source = readFileSync(join(root, '../shared/domain/password-reset-matrix.md'), 'utf8');
    } catch {
      // A clone without shared/ beside it still checks the generated file's shape below.
    }
    if (source) expect(parseMatrix(source)).toEqual(generated);
    expect(generated.targets).toHaveLength(18);
    expect(generated.resetters).toHaveLength(6);
  });

  it('the role JSON is a copy of shared/domain/entra-builtin-roles.json', () => {
    let source: string | null = null;
    try {
      source = readFileSync(join(root, '../shared/domain/entra-builtin-roles.json'), 'utf8');
    } catch {
      return;
    }
    expect(readFileSync(join(root, 'src/tenant/data/entra-builtin-roles.json'), 'utf8')).toBe(source);
  });
});

describe('default role settings of a new tenant', () => {
  it('match Entra’s defaults', () => {
    const policy = defaultPolicy('tenant', ROLE.userAdministrator);
    expect(policy.id).toBe(`DirectoryRole_tenant_${ROLE.userAdministrator}`);
    expect(policy.rules).toHaveLength(17);
    expect(roleSettingsOf(policy)).toEqual({
      activationMaximumDuration: 'PT8H',
      requireMfaOnActivation: true,
      requireJustificationOnActivation: true,
      requireTicketInformationOnActivation: false,
      requireApprovalToActivate: false,
      approvers: [],
      allowPermanentEligibleAssignment: true,
      expireEligibleAssignmentsAfter: 'P365D',
      allowPermanentActiveAssignment: true,
      expireActiveAssignmentsAfter: 'P180D',
      requireMfaOnActiveAssignment: false,
      requireJustificationOnActiveAssignment: true,
    });
  });
});

describe('ISO 8601 durations', () => {
  it.each([
    ['PT8H', 8 * 3_600_000],
    ['PT5H30M', 5.5 * 3_600_000],
    ['P365D', 365 * 86_400_000],
    ['PT0.5H', 1_800_000],
    ['P1DT2H', 26 * 3_600_000],
    ['pt8h', 8 * 3_600_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', 'P', 'PT', '8H', 'PT8', 'P1Y', 'PT-1H', 'PTH'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
  it('formats the shortest form', () => {
    expect(formatDuration(8 * 3_600_000)).toBe('PT8H');
    expect(formatDuration(8.5 * 3_600_000)).toBe('PT8H30M');
    expect(formatDuration(365 * 86_400_000)).toBe('P365D');
  });
});
