import * as z from 'zod/mini';
import { durationSchema } from './scheduleInfo';
import { roleSettingsSchema } from './roleSettings';

// The starting tenant of a lab: its directory, users and standing role assignments. Role
// assignments name roles by display name or template id; the catalog resolves them.
export const seedUserSchema = z.object({
  id: z.string().check(z.minLength(1)),
  userPrincipalName: z.string().check(z.minLength(3)),
  displayName: z.string().check(z.minLength(1)),
  mailNickname: z.optional(z.string().check(z.minLength(1))),
  accountEnabled: z._default(z.boolean(), true),
  jobTitle: z.optional(z.string()),
});

export const seedAssignmentSchema = z.object({
  principalId: z.string().check(z.minLength(1)),
  role: z.string().check(z.minLength(1)),
  assignmentType: z.enum(['eligible', 'active']),
  directoryScopeId: z._default(z.string(), '/'),
  /** Omitted: permanent. */
  duration: z.optional(durationSchema),
});

export const tenantSeedSchema = z.object({
  id: z.string().check(z.minLength(1)),
  tenantId: z.string().check(z.minLength(1)),
  displayName: z.string().check(z.minLength(1)),
  domains: z.array(z.string().check(z.minLength(3))).check(z.minLength(1)),
  users: z.array(seedUserSchema),
  roleAssignments: z._default(z.array(seedAssignmentSchema), []),
  roleSettings: z._default(z.record(z.string(), roleSettingsSchema), {}),
});

export type TenantSeed = z.output<typeof tenantSeedSchema>;
export type TenantSeedInput = z.input<typeof tenantSeedSchema>;
