import * as z from 'zod/mini';

// A lab's manifest: labs/<lab-id>/lab.json. It names the lab, the tenant seed its attempts start
// from, and its checks, each built from a named primitive (src/grader/primitives.ts) with
// parameters. Objects are strict so that a misspelt field fails loudly instead of being ignored;
// new kinds of lab content (starting tenant, solution path…) come as new optional fields here.

const text = z.string().check(z.trim(), z.minLength(1));
const slug = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'use lowercase letters, digits and hyphens, e.g. "activated-within-8-hours"' }));
/** A lesson step's file name without .mdx, e.g. "12-activate-the-role". */
const stepSlug = z.string().check(z.regex(/^\d{2,3}-[a-z0-9][a-z0-9-]*$/, { error: 'name a lesson step by its file name without .mdx, e.g. "12-activate-the-role"' }));

export const labCheckSchema = z.strictObject({
  /** Stable id, reported to CI (JUnit testcase, JSON). */
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
});

export const labManifestSchema = z.strictObject({
  /** Editors' JSON schema hint; ignored. */
  $schema: z.optional(z.string()),
  /** The lab folder's name. */
  id: slug,
  title: text,
  /** The tenant seed every attempt starts from (a key of the core's SEEDS). */
  seedId: z.string().check(z.minLength(1)),
  checks: z.array(labCheckSchema).check(z.minLength(1)),
});

export type LabManifestInput = z.input<typeof labManifestSchema>;
export type LabManifest = z.output<typeof labManifestSchema>;
export type LabCheckManifest = z.output<typeof labCheckSchema>;
