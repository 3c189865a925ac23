import { BUILTIN_SEEDS, canonicalSeed, createTenant, findRole, type TenantSeedInput } from '../tenant';
import { describeIssue, jsonPath, type IssueLike } from './issues';
import { PRIMITIVES, type Primitive } from './primitives';
import { labManifestSchema, type LabManifest, type StartingTenant } from './schemas/labManifest';

// A lab ready to grade: its manifest checked, every check bound to its primitive with parameters
// parsed. Compiling is where a broken lab.json is caught, with the JSON path of the problem, so a
// learner's attempt is never graded against a lab that cannot be right.

export interface LabCheck {
  id: string;
  title: string;
  points: number;
  primitive: Primitive<any>;
  /** The primitive's parameters, parsed (roles resolved to role definition ids, defaults filled). */
  params: unknown;
  message: string;
  steps: string[];
  detail: string;
  /** Ids of the checks this one needs: while one of them fails, this one fails without credit. */
  requires: string[];
}

export interface Lab {
  id: string;
  title: string;
  /** The seed id attempt files of this lab record: the built-in seed's, or the starting tenant's. */
  seedId: string;
  /** The tenant every attempt starts from. */
  seed: TenantSeedInput;
  /** Where the tenant clock starts for the solution replay (and at the earliest for a learner). */
  startAt: string;
  checks: LabCheck[];
  maxScore: number;
  manifest: LabManifest;
}

export interface LabError {
  /** JSON path inside lab.json, e.g. `$.checks[2].params.role`. */
  path: string;
  message: string;
}

export type CompileResult = { ok: true; lab: Lab } | { ok: false; error: LabError };

export interface CompileOptions {
  /** The lab folder's step slugs (file names without .mdx); when given, every check's steps must be among them. */
  stepSlugs?: readonly string[];
}

const fail = (path: string, message: string): CompileResult => ({ ok: false, error: { path, message } });

/** When a lab sets no startAt: a Monday morning, fixed so that solution replays are reproducible. */
export const DEFAULT_START_AT = '2025-01-06T09:00:00Z';

/** The seed id of a lab whose starting tenant sets none. */
export const labSeedId = (labId: string) => `lab:${labId}`;

/** The core's seed for a lab's starting tenant: users by id, roles checked, principals by sign-in name resolved. */
function seedOf(labId: string, t: StartingTenant): { ok: true; seed: TenantSeedInput } | { ok: false; error: LabError } {
  const at = (...path: PropertyKey[]) => jsonPath(['startingTenant', ...path]);
  const err = (path: string, message: string) => ({ ok: false as const, error: { path, message } });
  const ids = new Map<string, string>();
  const byName = new Map<string, string>();
  for (let i = 0; i < t.users.length; i++) {
    const u = t.users[i]!;
    if (ids.has(u.id)) return err(at('users', i, 'id'), `the user id '${u.id}' is used twice`);
    const upn = u.userPrincipalName.toLowerCase();
    if (byName.has(upn)) return err(at('users', i, 'userPrincipalName'), `the sign-in name '${u.userPrincipalName}' is used twice`);
    const domain = upn.slice(upn.indexOf('@') + 1);
    if (!t.domains.some((d) => d.toLowerCase() === domain)) return err(at('users', i, 'userPrincipalName'), `'${u.userPrincipalName}' is not in a domain of the tenant (${t.domains.join(', ')})`);
    ids.set(u.id, u.id);
    byName.set(upn, u.id);
  }
  const roleAssignments: NonNullable<TenantSeedInput['roleAssignments']> = [];
  for (let i = 0; i < (t.roleAssignments ?? []).length; i++) {
    const a = t.roleAssignments![i]!;
    const principalId = ids.get(a.principalId) ?? byName.get(a.principalId.trim().toLowerCase());
    if (!principalId) return err(at('roleAssignments', i, 'principalId'), `'${a.principalId}' is not a user of the starting tenant (give a user's id or sign-in name)`);
    if (!findRole(a.role)) return err(at('roleAssignments', i, 'role'), `'${a.role}' is not a built-in Microsoft Entra role: use its display name (e.g. "User Administrator") or template id`);
    roleAssignments.push({ ...a, principalId });
  }
  for (const name of Object.keys(t.roleSettings ?? {}))
    if (!findRole(name)) return err(at('roleSettings', name), `'${name}' is not a built-in Microsoft Entra role: use its display name or template id`);
  const { startAt: _startAt, ...fields } = t;
  const seed: TenantSeedInput = {
    ...fields,
    id: t.id ?? labSeedId(labId),
    tenantId: t.tenantId ?? `lab-${labId}`,
    users: t.users,
    ...(t.roleAssignments ? { roleAssignments } : {}),
  };
  try {
    createTenant(seed, DEFAULT_START_AT);
  } catch (e) {
    // Rules that need the whole tenant, e.g. role settings naming approvers who are not users.
    return err(at(), (e as Error).message);
  }
  const builtin = Object.hasOwn(BUILTIN_SEEDS, seed.id) ? BUILTIN_SEEDS[seed.id] : undefined;
  if (builtin && canonicalSeed(builtin) !== canonicalSeed(seed))
    return err(at('id'), `'${seed.id}' is a built-in tenant seed and this tenant differs from it: give the starting tenant another id, or use "seedId": "${seed.id}" alone`);
  return { ok: true, seed };
}

/** A check's "requires" must name other checks of the lab, without a cycle (which no attempt could ever pass). */
function requiresError(checks: readonly LabCheck[]): LabError | null {
  const index = new Map(checks.map((c, i) => [c.id, i]));
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i]!;
    for (let j = 0; j < c.requires.length; j++) {
      const r = c.requires[j]!;
      const path = `$.checks[${i}].requires[${j}]`;
      if (r === c.id) return { path, message: `the check '${c.id}' cannot require itself` };
      if (!index.has(r)) return { path, message: `'${r}' is not a check of this lab (checks: ${checks.map((x) => x.id).join(', ')})` };
      if (c.requires.indexOf(r) !== j) return { path, message: `'${r}' is required twice` };
    }
  }
  // Depth-first search; a check met again while still on the path closes a cycle.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): LabError | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const i = index.get(trail.at(-1)!)!;
      return { path: `$.checks[${i}].requires[${checks[i]!.requires.indexOf(id)}]`, message: `the checks' requires form a cycle (${cycle.join(' → ')}): no attempt could pass them` };
    }
    state.set(id, 'visiting');
    for (const r of checks[index.get(id)!]!.requires) {
      const e = visit(r, [...trail, id]);
      if (e) return e;
    }
    state.set(id, 'done');
    return null;
  };
  for (const c of checks) {
    const e = visit(c.id, []);
    if (e) return e;
  }
  return null;
}

/** Checks a lab manifest (the parsed lab.json) and binds its checks to their primitives. */
export function compileLab(manifest: unknown, options: CompileOptions = {}): CompileResult {
  const parsed = labManifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const d = describeIssue(parsed.error.issues[0] as unknown as IssueLike, manifest);
    return fail(d.path, d.message);
  }
  const m = parsed.data;
  let seed: TenantSeedInput;
  if (m.seedId !== undefined && m.startingTenant !== undefined) return fail('$.seedId', 'set either "seedId" (a built-in tenant seed) or "startingTenant" (the lab\'s own), not both');
  if (m.startingTenant !== undefined) {
    const built = seedOf(m.id, m.startingTenant);
    if (!built.ok) return { ok: false, error: built.error };
    seed = built.seed;
  } else if (m.seedId !== undefined) {
    if (!Object.hasOwn(BUILTIN_SEEDS, m.seedId)) return fail('$.seedId', `'${m.seedId}' is not a tenant seed (known: ${Object.keys(BUILTIN_SEEDS).join(', ')})`);
    seed = BUILTIN_SEEDS[m.seedId]!;
  } else return fail('$.startingTenant', 'the lab needs a starting tenant: set "startingTenant" (users, role assignments, role settings) or "seedId" (a built-in tenant seed)');
  const seen = new Set<string>();
  const checks: LabCheck[] = [];
  for (let i = 0; i < m.checks.length; i++) {
    const c = m.checks[i]!;
    if (seen.has(c.id)) return fail(`$.checks[${i}].id`, `the check id '${c.id}' is used twice`);
    seen.add(c.id);
    const primitive = Object.hasOwn(PRIMITIVES, c.primitive) ? PRIMITIVES[c.primitive] : undefined;
    if (!primitive) return fail(`$.checks[${i}].primitive`, `'${c.primitive}' is not a check primitive (known: ${Object.keys(PRIMITIVES).join(', ')})`);
    const params = primitive.params.safeParse(c.params);
    if (!params.success) {
      const d = describeIssue(params.error.issues[0] as unknown as IssueLike, c.params, ['checks', i, 'params']);
      return fail(d.path, d.message);
    }
    if (options.stepSlugs) {
      const j = c.step.findIndex((s) => !options.stepSlugs!.includes(s));
      if (j >= 0) return fail(`$.checks[${i}].step`, `'${c.step[j]}' is not a step of lab '${m.id}' (no ${c.step[j]}.mdx in its folder)`);
    }
    checks.push({ id: c.id, title: c.title, points: c.points, primitive, params: params.data, message: c.message, steps: c.step, detail: c.detail, requires: c.requires ?? [] });
  }
  const broken = requiresError(checks);
  if (broken) return { ok: false, error: broken };
  const startAt = m.startingTenant?.startAt ?? DEFAULT_START_AT;
  return { ok: true, lab: { id: m.id, title: m.title, seedId: seed.id, seed, startAt, checks, maxScore: checks.reduce((n, c) => n + c.points, 0), manifest: m } };
}
