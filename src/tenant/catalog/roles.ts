import * as z from 'zod/mini';
import data from '../data/entra-builtin-roles.core.json';

// Every built-in Microsoft Entra role the portal's "Select role" list shows, loaded from Microsoft's
// permissions reference (src/tenant/data/entra-builtin-roles.json, copied from shared/domain). Roles
// without an action list in the data are still assignable and activatable; they grant no action the
// simulator checks.
//
// The core reads entra-builtin-roles.core.json: the same roles without their descriptions, which
// no rule needs and which are half the data. A role's description is in ./roleDescriptions, which
// only the panes that show it import (scripts/gen-role-catalog.mjs writes both files).

const roleDataSchema = z.object({
  roles: z.array(
    z.object({
      displayName: z.string(),
      templateId: z.uuid(),
      isPrivileged: z.boolean(),
      permissions: z.optional(z.array(z.string())),
    }),
  ),
});

/**
 * Graph's unifiedRoleDefinition. For built-in roles the id is the template id. Its description is
 * left out: roleDescription() in ./roleDescriptions has it.
 */
export interface RoleDefinition {
  id: string;
  templateId: string;
  displayName: string;
  isBuiltIn: true;
  isEnabled: true;
  isPrivileged: boolean;
  rolePermissions: { allowedResourceActions: string[]; condition: null }[];
  /** Whether the action list is known (14 roles) or the role grants nothing the simulator checks. */
  permissionsModelled: boolean;
}

export const roleDefinitions: readonly RoleDefinition[] = roleDataSchema.parse(data).roles.map((r) => ({
  id: r.templateId,
  templateId: r.templateId,
  displayName: r.displayName,
  isBuiltIn: true,
  isEnabled: true,
  isPrivileged: r.isPrivileged,
  rolePermissions: [{ allowedResourceActions: r.permissions ?? [], condition: null }],
  permissionsModelled: r.permissions !== undefined,
}));

const byId = new Map(roleDefinitions.map((r) => [r.id, r]));
const byName = new Map(roleDefinitions.map((r) => [r.displayName.toLowerCase(), r]));

export function roleById(id: string): RoleDefinition | undefined {
  return byId.get(id);
}

/** Finds a role by template id or by display name (case-insensitive), as labs may name either. */
export function findRole(idOrName: string): RoleDefinition | undefined {
  return byId.get(idOrName) ?? byName.get(idOrName.trim().toLowerCase());
}

/** Template ids used by the simulator's own rules (shared/domain/pim.md §8). */
export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
} as const;
