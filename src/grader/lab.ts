import { SEEDS } from '../tenant';
import { describeIssue, type IssueLike } from './issues';
import { PRIMITIVES, type Primitive } from './primitives';
import { labManifestSchema, type LabManifest } from './schemas/labManifest';

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
}

export interface Lab {
  id: string;
  title: string;
  seedId: string;
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

/** Checks a lab manifest (the parsed lab.json) and binds its checks to their primitives. */
export function compileLab(manifest: unknown, options: CompileOptions = {}): CompileResult {
  const parsed = labManifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const d = describeIssue(parsed.error.issues[0] as unknown as IssueLike, manifest);
    return fail(d.path, d.message);
  }
  const m = parsed.data;
  if (!Object.hasOwn(SEEDS, m.seedId)) return fail('$.seedId', `'${m.seedId}' is not a tenant seed (known: ${Object.keys(SEEDS).join(', ')})`);
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
    checks.push({ id: c.id, title: c.title, points: c.points, primitive, params: params.data, message: c.message, steps: c.step, detail: c.detail });
  }
  return { ok: true, lab: { id: m.id, title: m.title, seedId: m.seedId, checks, maxScore: checks.reduce((n, c) => n + c.points, 0), manifest: m } };
}
