import { z } from 'zod';
import { durationSchema } from './scheduleInfo';
import { roleSettingsSchema } from './roleSettings';

// The starting tenant of a lab: its directory, users and standing role assignments. Role
// assignments name roles by display name or template id; the catalog resolves them.
export const seedUserSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string().min(3),
  displayName: z.string().min(1),
  mailNickname: z.string().min(1).optional(),
  accountEnabled: z.boolean().default(true),
  jobTitle: z.string().optional(),
});

export const seedAssignmentSchema = z.object({
  principalId: z.string().min(1),
  role: z.string().min(1),
  assignmentType: z.enum(['eligible', 'active']),
  directoryScopeId: z.string().default('/'),
  /** Omitted: permanent. */
  duration: durationSchema.optional(),
});

export const tenantSeedSchema = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  displayName: z.string().min(1),
  domains: z.array(z.string().min(3)).min(1),
  users: z.array(seedUserSchema),
  roleAssignments: z.array(seedAssignmentSchema).default([]),
  roleSettings: z.record(z.string(), roleSettingsSchema).default({}),
});

export type TenantSeed = z.output<typeof tenantSeedSchema>;
export type TenantSeedInput = z.input<typeof tenantSeedSchema>;
