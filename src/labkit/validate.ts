import { compileLab, playSolution, type Lab as GradedLab } from '../grader';
import type { TenantSeedInput } from '../tenant';
import { stepFrontmatterSchema, type StepFrontmatter } from './frontmatter';

// The lab kit's one validator, pure: the build (src/lesson/labs.ts, from the content collection),
// `pim-lab validate` (from the files) and the unit tests give it a lab folder's contents and get
// back every problem as `<file>: <field>: <reason>`, or the lab as the pages use it. Checked: the
// manifest (schema, primitives and their parameters, the starting tenant's users and roles), the
// step files (names, frontmatter, numbering), what spans files (accounts, check ids in both
// directions), and that the solution path, replayed and graded, reaches the full score.

export interface LabProblem {
  /** The file, as the caller names its folder: `labs/<lab-id>/lab.json`, `labs/<lab-id>/03-….mdx`. */
  file: string;
  /** A JSON path in lab.json (`$.checks[2].params.role`), a frontmatter field (`checks[0]`), or where in the file. */
  field: string;
  reason: string;
}

export const problemLine = (p: LabProblem) => `${p.file}: ${p.field}: ${p.reason}`;

export interface StepSource {
  /** The file name, e.g. `03-try-to-create-a-user.mdx`. */
  name: string;
  /** The parsed frontmatter (not yet validated). */
  frontmatter: unknown;
  /** The MDX after the frontmatter. */
  body: string;
}

export type ManifestSource = { kind: 'json'; value: unknown } | { kind: 'missing' } | { kind: 'unreadable'; reason: string };

export interface LabSource {
  /** The folder's name: the lab id. */
  folder: string;
  /** How problems name the folder, e.g. `labs/pim-eligible-role`. */
  dir: string;
  manifest: ManifestSource;
  steps: StepSource[];
  /** Step files whose frontmatter could not be read (no --- block, bad YAML), and why. */
  unreadableSteps?: { name: string; reason: string }[];
}

export interface StepAccount {
  /** The mail nickname the simulator is asked to switch to, e.g. `demouser`. */
  key: string;
  /** The sign-in name, e.g. demouser@mydirectory.onmicrosoft.com. */
  upn: string;
  /** How the lesson names it: "the main account" (the tenant's first user) or the display name. */
  label: string;
}

export interface KitStep {
  step: number;
  /** The file name without .mdx: the URL segment and what lab.json's `step` names. */
  slug: string;
  name: string;
  title: string;
  summary: string | undefined;
  account: StepAccount | undefined;
  /** Check ids shown on this step (frontmatter `checks`). */
  checks: string[];
}

export interface KitLab {
  id: string;
  title: string;
  summary: string;
  level: string;
  minutes: number;
  objectives: string[];
  seedId: string;
  seed: TenantSeedInput;
  startAt: string;
  /** The compiled lab the grader uses. */
  graded: GradedLab;
  overview: KitStep;
  /** Steps 1…N in order. */
  steps: KitStep[];
}

export interface ValidateOptions {
  /** Replay and grade the solution path (default true). */
  solve?: boolean;
}

const FILE_NAME = /^(\d{2,3})-([a-z0-9][a-z0-9-]*)\.mdx$/;
const LAB_ID = /^[a-z0-9][a-z0-9-]*$/;
const CHECK_BADGE = /<CheckBadge\b[^>]*?\bid\s*=\s*["']([^"']*)["']/g;

const fieldOf = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(frontmatter)';

/** The check ids a frontmatter that failed its schema lists, so that they still count as shown. */
function rawChecks(frontmatter: unknown): string[] {
  const checks = (frontmatter as { checks?: unknown } | null)?.checks;
  return Array.isArray(checks) ? checks.filter((c): c is string => typeof c === 'string') : [];
}

/** A user of the seed named by mail nickname, sign-in name or the sign-in name's part before the @. */
export function resolveAccount(seed: TenantSeedInput, wanted: string): StepAccount | undefined {
  const w = wanted.trim().toLowerCase();
  const index = seed.users.findIndex((u) => {
    const upn = u.userPrincipalName.toLowerCase();
    return upn === w || upn.split('@')[0] === w || u.mailNickname?.toLowerCase() === w;
  });
  if (index < 0) return undefined;
  const u = seed.users[index]!;
  return { key: (u.mailNickname ?? u.userPrincipalName.split('@')[0]!).toLowerCase(), upn: u.userPrincipalName, label: index === 0 ? 'the main account' : u.displayName };
}

/** Every problem of one lab folder, and the lab when there is none. */
export function validateLab(src: LabSource, options: ValidateOptions = {}): { problems: LabProblem[]; lab?: KitLab } {
  const problems: LabProblem[] = [];
  const manifestFile = `${src.dir}/lab.json`;
  const problem = (file: string, field: string, reason: string) => problems.push({ file, field, reason });

  if (!LAB_ID.test(src.folder)) problem(`${src.dir}/`, '(folder)', `'${src.folder}' is not a lab id: use lowercase letters, digits and hyphens`);

  // The step files, each on its own.
  for (const u of src.unreadableSteps ?? []) problem(`${src.dir}/${u.name}`, '(frontmatter)', u.reason);
  // A file whose frontmatter is wrong still counts as its step (from its name), so that one mistake
  // is reported once, not again as a missing overview or a check pointing at no step.
  const steps: (KitStep & { data: StepFrontmatter | null; body: string })[] = [];
  for (const file of [...src.steps].sort((a, b) => a.name.localeCompare(b.name))) {
    const where = `${src.dir}/${file.name}`;
    const m = FILE_NAME.exec(file.name);
    if (!m) {
      problem(where, '(file name)', `a step file is named NN-<slug>.mdx in lowercase, e.g. 01-open-assigned-roles.mdx`);
      continue;
    }
    const parsed = stepFrontmatterSchema.safeParse(file.frontmatter ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(where, fieldOf(issue.path), issue.message);
      steps.push({ step: Number(m[1]), slug: file.name.slice(0, -'.mdx'.length), name: file.name, title: '', summary: undefined, account: undefined, checks: rawChecks(file.frontmatter), data: null, body: file.body });
      continue;
    }
    const data = parsed.data;
    if (Number(m[1]) !== data.step) problem(where, 'step', `the file name says step ${Number(m[1])} but the frontmatter says step ${data.step}`);
    steps.push({ step: data.step, slug: file.name.slice(0, -'.mdx'.length), name: file.name, title: data.title, summary: data.summary, account: undefined, checks: data.checks ?? [], data, body: file.body });
  }
  steps.sort((a, b) => a.step - b.step || a.name.localeCompare(b.name));
  const seen = new Map<number, string>();
  for (const s of steps) {
    const other = seen.get(s.step);
    if (other) problem(`${src.dir}/${s.name}`, 'step', `step ${s.step} is also ${other}: each step number is used once`);
    else seen.set(s.step, s.name);
  }
  const overview = steps.find((s) => s.step === 0);
  if (!overview) problem(`${src.dir}/00-overview.mdx`, '(file)', 'the lab has no overview: add 00-overview.mdx with step: 0');
  const numbered = [...seen.keys()].filter((n) => n > 0).sort((a, b) => a - b);
  if (!numbered.length) problem(`${src.dir}/`, '(steps)', 'the lab has no steps: add 01-<slug>.mdx with step: 1');
  const gap = numbered.findIndex((n, i) => n !== i + 1);
  if (gap >= 0) problem(`${src.dir}/${seen.get(numbered[gap]!)}`, 'step', `step ${gap + 1} is missing: steps are numbered 1, 2, 3… without gaps`);

  // The manifest.
  let graded: GradedLab | undefined;
  if (src.manifest.kind === 'missing') problem(manifestFile, '(file)', 'missing: every lab has a lab.json (title, starting tenant, checks, solution)');
  else if (src.manifest.kind === 'unreadable') problem(manifestFile, '(file)', src.manifest.reason);
  else {
    const compiled = compileLab(src.manifest.value, { stepSlugs: steps.map((s) => s.slug) });
    if (!compiled.ok) problem(manifestFile, compiled.error.path, compiled.error.message);
    else if (compiled.lab.id !== src.folder) problem(manifestFile, '$.id', `the lab's id '${compiled.lab.id}' must be its folder's name '${src.folder}'`);
    else graded = compiled.lab;
  }

  // What spans files: needs the manifest.
  if (graded) {
    const declared = graded.checks.map((c) => c.id);
    const shown = new Set<string>();
    for (const s of steps) {
      const where = `${src.dir}/${s.name}`;
      if (s.data?.account !== undefined) {
        s.account = resolveAccount(graded.seed, s.data.account);
        if (!s.account)
          problem(where, 'account', `'${s.data.account}' is not a user of the lab's starting tenant (its users: ${graded.seed.users.map((u) => u.mailNickname ?? u.userPrincipalName.split('@')[0]).join(', ')})`);
      }
      s.checks.forEach((id, i) => {
        shown.add(id);
        if (!declared.includes(id)) problem(where, `checks[${i}]`, `'${id}' is not a check of this lab (lab.json declares: ${declared.join(', ')})`);
      });
      // Lines counted from the text's first non-blank line: the build's content layer and the CLI's
      // frontmatter reader leave different blank lines after the closing ---.
      const text = s.body.replace(/^(?:[ \t]*\r?\n)+/, '');
      for (const match of text.matchAll(CHECK_BADGE)) {
        const id = match[1]!;
        shown.add(id);
        if (!declared.includes(id)) {
          const line = text.slice(0, match.index).split('\n').length;
          problem(where, `<CheckBadge id> (text line ${line})`, `'${id}' is not a check of this lab (lab.json declares: ${declared.join(', ')})`);
        }
      }
    }
    graded.checks.forEach((c, i) => {
      if (!shown.has(c.id)) problem(manifestFile, `$.checks[${i}].id`, `no step shows the check '${c.id}': list it in the "checks" of the step that leads to it`);
    });
    if (options.solve !== false) {
      const solved = playSolution(graded);
      if (!solved.ok) problem(manifestFile, solved.error.path, solved.error.message);
    }
  }

  if (problems.length || !graded || !overview) return { problems };
  const m = graded.manifest;
  const strip = ({ data: _d, body: _b, ...step }: (typeof steps)[number]): KitStep => step;
  return {
    problems,
    lab: {
      id: graded.id,
      title: graded.title,
      summary: m.summary,
      level: m.level,
      minutes: m.minutes,
      objectives: m.objectives,
      seedId: graded.seedId,
      seed: graded.seed,
      startAt: graded.startAt,
      graded,
      overview: strip(overview),
      steps: steps.filter((s) => s.step > 0).map(strip),
    },
  };
}

/** Every lab folder, then what spans labs: one id per lab, one tenant per seed id. */
export function validateLabs(sources: readonly LabSource[], options: ValidateOptions = {}): { problems: LabProblem[]; labs: KitLab[] } {
  const problems: LabProblem[] = [];
  const labs: KitLab[] = [];
  const ids = new Map<string, string>();
  const seeds = new Map<string, { lab: KitLab; text: string }>();
  for (const src of sources) {
    const result = validateLab(src, options);
    problems.push(...result.problems);
    if (!result.lab) continue;
    const lab = result.lab;
    const other = ids.get(lab.id);
    if (other) {
      problems.push({ file: `${src.dir}/lab.json`, field: '$.id', reason: `the lab id '${lab.id}' is also the id of ${other}` });
      continue;
    }
    ids.set(lab.id, `${src.dir}/lab.json`);
    const text = JSON.stringify(lab.seed);
    const sameSeed = seeds.get(lab.seedId);
    if (sameSeed && sameSeed.text !== text && sameSeed.lab.seed !== lab.seed)
      problems.push({ file: `${src.dir}/lab.json`, field: '$.startingTenant.id', reason: `the seed id '${lab.seedId}' is also lab '${sameSeed.lab.id}''s, with another tenant: give this one its own id` });
    else seeds.set(lab.seedId, { lab, text });
    labs.push(lab);
  }
  return { problems, labs: problems.length ? [] : labs.sort((a, b) => a.title.localeCompare(b.title)) };
}

/**
 * The lab folders under labs/ from files the caller has already read, as the build has them: step
 * files by path (`<lab-id>/<name>.mdx`, relative to labs/) with their frontmatter, and manifests by
 * path (`<lab-id>/lab.json`). A step file that is not directly in a lab folder is a problem.
 */
export function labSourcesOf(
  stepFiles: readonly { path: string; frontmatter: unknown; body: string }[],
  manifests: Readonly<Record<string, unknown>>,
): { sources: LabSource[]; problems: LabProblem[] } {
  const sources = new Map<string, LabSource>();
  const problems: LabProblem[] = [];
  const source = (folder: string) => {
    let s = sources.get(folder);
    if (!s) sources.set(folder, (s = { folder, dir: `labs/${folder}`, manifest: { kind: 'missing' }, steps: [] }));
    return s;
  };
  for (const file of stepFiles) {
    const parts = file.path.split('/');
    if (parts.length !== 2) {
      problems.push({ file: `labs/${file.path}`, field: '(file)', reason: 'a step file belongs directly in its lab folder: labs/<lab-id>/NN-<slug>.mdx' });
      continue;
    }
    source(parts[0]!).steps.push({ name: parts[1]!, frontmatter: file.frontmatter, body: file.body });
  }
  for (const [path, value] of Object.entries(manifests)) {
    const parts = path.split('/');
    if (parts.length === 2 && parts[1] === 'lab.json') source(parts[0]!).manifest = { kind: 'json', value };
  }
  return { sources: [...sources.values()].sort((a, b) => a.folder.localeCompare(b.folder)), problems };
}
