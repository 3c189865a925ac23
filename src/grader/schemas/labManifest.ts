import * as z from 'zod/mini';
import { durationSchema, instantSchema, roleSettingsSchema } from '../../tenant';

// A lab's manifest: labs/<lab-id>/lab.json, the single source of what a lab is: its catalog
// metadata, the tenant its attempts start from, its checks (each built from a named primitive,
// src/grader/primitives.ts, with parameters) and a solution path that must reach a full score.
// Objects are strict so that a misspelt field fails loudly instead of being ignored.

const text = z.string().check(z.trim(), z.minLength(1));
const slug = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'use lowercase letters, digits and hyphens, e.g. "activated-within-8-hours"' }));
/** A lesson step's file name without .mdx, e.g. "12-activate-the-role". */
const stepSlug = z.string().check(z.regex(/^\d{2,3}-[a-z0-9][a-z0-9-]*$/, { error: 'name a lesson step by its file name without .mdx, e.g. "12-activate-the-role"' }));

export const LEVELS = ['Beginner', 'Intermediate', 'Advanced'] as const;

export const labCheckSchema = z.strictObject({
  /** Stable id, reported to CI (JUnit testcase, JSON) and named by steps' `checks`. */
  id: slug,
  /** What the check verifies, as the learner reads it in the report. */
  title: text,
  /** Credit for passing; a lab's score is the sum over passed checks. */
  points: z.int().check(z.nonnegative()),
  /** A name in PRIMITIVES. */
  primitive: z.string().check(z.minLength(1)),
  /** The primitive's parameters, checked against its own schema. */
  params: z._default(z.looseObject({}), {}),
  /** For the learner when the check fails: what is missing, and what to do. */
  message: text,
  /** The lesson step (or steps, in order) that fix it: one slug or a list. */
  step: z.pipe(
    z.union([stepSlug, z.array(stepSlug).check(z.minLength(1))]),
    z.transform((s: string | string[]) => (typeof s === 'string' ? [s] : s)),
  ),
  /** For the instructor: what exactly is checked, and how. */
  detail: text,
  /** Ids of the checks this one builds on: while any of them fails, this one fails too ("Not checked"), so an untouched tenant cannot score. */
  requires: z.optional(z.array(slug).check(z.minLength(1))),
});

/** A user of the starting tenant (Graph's user, the fields a lab sets). */
export const startingUserSchema = z.strictObject({
  /** Object id, chosen by the author; the solution's commands name users by it or by sign-in name. */
  id: text,
  userPrincipalName: z.string().check(z.regex(/^[^@\s]+@[^@\s]+$/, { error: 'expected a sign-in name, e.g. "helpdesk@contoso.onmicrosoft.com"' })),
  displayName: text,
  /** Default: the sign-in name's part before the @. Steps name accounts by it. */
  mailNickname: z.optional(text),
  accountEnabled: z.optional(z.boolean()),
  jobTitle: z.optional(z.string()),
});

/** A standing (or scheduled-to-end) role assignment in the starting tenant. */
export const startingAssignmentSchema = z.strictObject({
  /** The user: object id or sign-in name. */
  principalId: text,
  /** The role: display name ("User Administrator") or template id. */
  role: text,
  assignmentType: z.enum(['eligible', 'active']),
  directoryScopeId: z.optional(z.string()),
  /** Omitted: permanent. */
  duration: z.optional(durationSchema),
});

/** The tenant every attempt of the lab starts from (the core's tenantSeedSchema, friendlier). */
export const startingTenantSchema = z.strictObject({
  /** The seed id attempt files record; default `lab:<lab id>`. Change it when the tenant changes so that older attempt files are refused rather than graded against another tenant. */
  id: z.optional(text),
  /** Default: a fixed id derived from the lab id. */
  tenantId: z.optional(text),
  displayName: text,
  /** Verified domains; the first is the default. */
  domains: z.array(z.string().check(z.minLength(3))).check(z.minLength(1)),
  users: z.array(startingUserSchema).check(z.minLength(1)),
  roleAssignments: z.optional(z.array(startingAssignmentSchema)),
  /** Role setting overrides by role (display name or template id), in the portal's words. */
  roleSettings: z.optional(z.record(z.string(), roleSettingsSchema)),
  /** Where the tenant clock starts for the solution replay (and at the earliest for learners); default 2025-01-06T09:00:00Z. */
  startAt: z.optional(instantSchema),
});

/** One command of the solution path, as an actor sends it. */
export const solutionStepSchema = z.strictObject({
  /** Who sends it: sign-in name (or object id) of a user existing at that point. */
  actor: text,
  /** ISO 8601 duration after the previous command (or the start): "PT0S", "PT5M", "PT8H". */
  after: durationSchema,
  /** A command as the tenant core takes it (commandSchema); checked when the solution is replayed. */
  command: z.looseObject({ type: z.string().check(z.minLength(1)) }),
});

export const labManifestSchema = z.strictObject({
  /** Editors' JSON schema hint; ignored. */
  $schema: z.optional(z.string()),
  /** The lab folder's name. */
  id: slug,
  /** The lab's title: the catalog entry and the overview's h1. */
  title: text,
  /** One or two sentences for the catalog and the overview. */
  summary: text,
  level: z.enum(LEVELS, { error: `level must be one of: ${LEVELS.join(', ')}` }),
  /** Estimated time to complete, in minutes. */
  minutes: z.int().check(z.positive()),
  /** What the learner will be able to do afterwards. */
  objectives: z.array(text).check(z.minLength(1)),
  /** A built-in tenant seed (a key of the core's SEEDS)… */
  seedId: z.optional(z.string().check(z.minLength(1))),
  /** …or the lab's own starting tenant (exactly one of the two). */
  startingTenant: z.optional(startingTenantSchema),
  checks: z.array(labCheckSchema).check(z.minLength(1)),
  /** The ordered commands that solve the lab; replayed and graded, they must reach a full score. */
  solution: z.array(solutionStepSchema).check(z.minLength(1)),
});

export type LabManifestInput = z.input<typeof labManifestSchema>;
export type LabManifest = z.output<typeof labManifestSchema>;
export type LabCheckManifest = z.output<typeof labCheckSchema>;
export type StartingTenant = z.output<typeof startingTenantSchema>;
export type SolutionStep = z.output<typeof solutionStepSchema>;
