import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabFolder, splitFrontmatter } from '../../src/cli/labkit';
import { run, type CliIo } from '../../src/cli/main';
import { buildAttemptFile, grade, playSolution } from '../../src/grader';
import { labSourcesOf, problemLine, resolveAccount, scaffoldLab, validateLab, validateLabs } from '../../src/labkit';
import { canonicalSeed, MY_DIRECTORY_SEED } from '../../src/tenant';

// The lab kit: one fixture lab folder per problem the validator finds (test/fixtures/labs/<case>/),
// each with the exact line `pim-lab validate` and the build print; every real lab under labs/
// validated with its solution replayed to a full score; `pim-lab validate` and `pim-lab new`.

const root = join(import.meta.dirname, '../..');
const FIXTURES = 'test/fixtures/labs';
const fixture = (name: string) => readLabFolder(join(root, FIXTURES, name), `${FIXTURES}/${name}`);
const linesOf = (name: string) => validateLab(fixture(name)).problems.map(problemLine);

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await run(argv, io);
  return { code, stdout, errLines: stderr.split('\n').filter(Boolean) };
}

describe('every lab under labs/', () => {
  const folders = readdirSync(join(root, 'labs'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const sources = folders.map((f) => readLabFolder(join(root, 'labs', f), `labs/${f}`));

  it('is valid, as a set (one id per lab, one tenant per seed id)', () => {
    expect(folders.length).toBeGreaterThan(0);
    const { problems, labs } = validateLabs(sources);
    expect(problems.map(problemLine)).toEqual([]);
    expect(labs.map((l) => l.id).sort()).toEqual([...folders].sort());
  });

  it.each(folders)('%s: its solution path, replayed and graded, scores 100%%', (folder) => {
    const { lab } = validateLab(sources[folders.indexOf(folder)]!, { solve: false });
    const solved = playSolution(lab!.graded);
    if (!solved.ok) throw new Error(`${solved.error.path}: ${solved.error.message}`);
    expect(solved.report.score).toBe(solved.report.maxScore);
    expect(solved.report.checks.every((c) => c.status === 'passed')).toBe(true);
    expect(solved.report.maxScore).toBe(100);
  });

  it.each(folders)('%s: an attempt with no events (an untouched tenant) scores 0', (folder) => {
    const { lab } = validateLab(sources[folders.indexOf(folder)]!, { solve: false });
    const l = lab!.graded;
    const outcome = grade(buildAttemptFile({ labId: l.id, appVersion: 'test', seedId: l.seedId, startAt: l.startAt }, []), l);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    expect(outcome.report.checks.filter((c) => c.status === 'passed').map((c) => c.id)).toEqual([]);
    expect(outcome.report.score).toBe(0);
  });
});

describe('the seed lab', () => {
  const { lab } = validateLab(readLabFolder(join(root, 'labs/pim-eligible-role'), 'labs/pim-eligible-role'));

  it('declares the built-in tenant under its id, so attempt files already exported still grade', () => {
    expect(lab!.seedId).toBe('my-directory-v1');
    expect(canonicalSeed(lab!.seed)).toBe(canonicalSeed(MY_DIRECTORY_SEED));
    const file = JSON.parse(readFileSync(join(root, 'test/fixtures/attempts/complete.json'), 'utf8'));
    expect(file.seedId).toBe('my-directory-v1');
    const outcome = grade(file, lab!.graded);
    expect(outcome.ok && outcome.report.score).toBe(100);
  });

  it('reads its metadata from lab.json; steps list the checks they lead to and their account', () => {
    expect(lab).toMatchObject({ title: 'Configure an eligible role with PIM', level: 'Beginner', minutes: 20 });
    expect(lab!.objectives).toHaveLength(4);
    const step6 = lab!.steps.find((s) => s.step === 6)!;
    expect(step6.checks).toEqual(['eligible-user-administrator', 'no-standing-admin-role']);
    expect(step6.account).toEqual({ key: 'admin', upn: 'admin@mydirectory.onmicrosoft.com', label: 'the main account' });
  });

  it('its solution is refused by the core once a rule is broken (the replay is real)', () => {
    const m = JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8'));
    m.solution[4].command.scheduleInfo.expiration.duration = 'PT9H';
    const src = readLabFolder(join(root, 'labs/pim-eligible-role'), 'labs/pim-eligible-role');
    const lines = validateLab({ ...src, manifest: { kind: 'json', value: m } }).problems.map(problemLine);
    expect(lines).toEqual([expect.stringMatching(/^labs\/pim-eligible-role\/lab\.json: \$\.solution\[4\]\.command: the tenant refuses .*ExpirationRule/)]);
  });
});

describe('fixture labs: one problem each, named by file, field and reason', () => {
  const at = (name: string, file: string) => `${FIXTURES}/${name}/${file}`;
  const declared = 'lab.json declares: alex-eligible-helpdesk-admin, alex-activated-for-2-hours';
  const cases: [string, string][] = [
    ['unknown-primitive', `${at('unknown-primitive', 'lab.json')}: $.checks[1].primitive: 'activationWithn' is not a check primitive (known: eligibleAssignment, activationWithin, activationWithMfa, createdUserWhileActive, resetPasswordWhileActive, assignmentExpired, noStandingActiveRole)`],
    ['bad-params', `${at('bad-params', 'lab.json')}: $.checks[1].params.maxDuration: expected an ISO 8601 duration, e.g. PT8H or P365D; got the string "2 hours"`],
    ['undeclared-check', `${at('undeclared-check', '02-activate-as-alex.mdx')}: checks[1]: 'alex-activated-for-8-hours' is not a check of this lab (${declared})`],
    ['undeclared-check-badge', `${at('undeclared-check-badge', '02-activate-as-alex.mdx')}: <CheckBadge id> (text line 3): 'alex-activated' is not a check of this lab (${declared})`],
    ['unshown-check', `${at('unshown-check', 'lab.json')}: $.checks[1].id: no step shows the check 'alex-activated-for-2-hours': list it in the "checks" of the step that leads to it`],
    ['duplicate-lab-id', `${at('duplicate-lab-id', 'lab.json')}: $.id: the lab's id 'valid' must be its folder's name 'duplicate-lab-id'`],
    ['duplicate-step', `${at('duplicate-step', '02-activate-as-alex.mdx')}: step: step 2 is also 02-activate-again.mdx: each step number is used once`],
    ['missing-lab-title', `${at('missing-lab-title', 'lab.json')}: $.title: is missing (expected a string)`],
    ['missing-step-title', `${at('missing-step-title', '02-activate-as-alex.mdx')}: title: a step needs a title`],
    ['unknown-role', `${at('unknown-role', 'lab.json')}: $.startingTenant.roleAssignments[0].role: 'Global Admin' is not a built-in Microsoft Entra role: use its display name (e.g. "User Administrator") or template id`],
    ['unknown-user', `${at('unknown-user', 'lab.json')}: $.startingTenant.roleAssignments[0].principalId: 'root@contoso.onmicrosoft.com' is not a user of the starting tenant (give a user's id or sign-in name)`],
    ['unknown-account', `${at('unknown-account', '02-activate-as-alex.mdx')}: account: 'megan-b' is not a user of the lab's starting tenant (its users: admin, alex, megan)`],
    ['metadata-in-overview', `${at('metadata-in-overview', '00-overview.mdx')}: labTitle: lab metadata lives in lab.json now: set "title" there`],
    ['solution-short', `${at('solution-short', 'lab.json')}: $.solution: the solution scores 50 of 100: 'alex-activated-for-2-hours' fails (alex@contoso.onmicrosoft.com never activated Helpdesk Administrator at directory scope "/".)`],
    [
      'solution-refused',
      `${at('solution-refused', 'lab.json')}: $.solution[3].command: the tenant refuses this roleAssignmentScheduleRequest by alex@contoso.onmicrosoft.com at 2025-01-06T09:09:00Z: RoleAssignmentRequestPolicyValidationFailed [MfaRule]: The following policy rules failed: ["MfaRule"]. Additional verification required: complete multifactor authentication before you activate this role.`,
    ],
  ];

  it('has a fixture folder for every case, and a valid one', () => {
    const folders = readdirSync(join(root, FIXTURES)).sort();
    expect(folders).toEqual([...cases.map(([c]) => c), 'valid'].sort());
  });

  it.each(cases)('%s', (name, line) => {
    expect(linesOf(name)).toEqual([line]);
  });

  it('valid: no problem; its own tenant has a third, non-admin user and a role setting override', () => {
    const { problems, lab } = validateLab(fixture('valid'));
    expect(problems).toEqual([]);
    expect(lab!.seedId).toBe('lab:valid');
    expect(lab!.seed.users.map((u) => u.mailNickname)).toEqual(['admin', 'alex', 'megan']);
    expect(lab!.steps.map((s) => s.account?.upn)).toEqual(['admin@contoso.onmicrosoft.com', 'alex@contoso.onmicrosoft.com']);
    const solved = playSolution(lab!.graded);
    expect(solved.ok && [solved.report.score, solved.report.maxScore]).toEqual([100, 100]);
  });

  it('one id per lab across folders', () => {
    const valid = fixture('valid');
    const { problems } = validateLabs([valid, { ...valid, dir: 'elsewhere/valid' }]);
    expect(problems.map(problemLine)).toEqual(["elsewhere/valid/lab.json: $.id: the lab id 'valid' is also the id of test/fixtures/labs/valid/lab.json"]);
  });

  it('a step file without a frontmatter, or with bad YAML, is a problem of its own', () => {
    expect(splitFrontmatter('# Title\n')).toMatch(/does not start with a frontmatter/);
    expect(splitFrontmatter('---\ntitle: [unclosed\n---\n')).toMatch(/not valid YAML/);
    expect(splitFrontmatter('---\ntitle: A\nstep: 1\n---\nBody')).toEqual({ frontmatter: { title: 'A', step: 1 }, body: '\nBody' });
  });

  it('accounts resolve by mail nickname, sign-in name or its part before the @', () => {
    const seed = MY_DIRECTORY_SEED;
    expect(resolveAccount(seed, 'DemoUser')?.upn).toBe('demouser@mydirectory.onmicrosoft.com');
    expect(resolveAccount(seed, 'admin@mydirectory.onmicrosoft.com')?.label).toBe('the main account');
    expect(resolveAccount(seed, 'nobody')).toBeUndefined();
  });
});

describe('pim-lab validate', () => {
  it('every lab of the package: exit 0', async () => {
    const r = await cli(['validate']);
    expect(r).toMatchObject({ code: 0, errLines: [] });
    // Every folder under labs/ with a manifest, whatever labs the package holds.
    const labs = readdirSync(join(root, 'labs'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, 'labs', d.name, 'lab.json')))
      .map((d) => d.name)
      .sort();
    expect(labs).toContain('pim-eligible-role');
    expect(r.stdout).toBe(`${labs.length} lab${labs.length === 1 ? '' : 's'} valid: ${labs.join(', ')}\n`);
  });

  it('a lab folder with a problem: exit 1, one line per problem on stderr', async () => {
    const r = await cli(['validate', `${FIXTURES}/unknown-role`.replace(/^/, `${root}/`)]);
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([expect.stringMatching(/unknown-role\/lab\.json: \$\.startingTenant\.roleAssignments\[0\]\.role: 'Global Admin' is not/)]);
  });

  it('several folders, by id under --dir: every problem of every lab', async () => {
    const r = await cli(['validate', '--dir', join(root, FIXTURES), 'valid', 'bad-params', 'unknown-account']);
    expect(r.code).toBe(1);
    expect(r.errLines.map((l) => l.slice(l.indexOf(FIXTURES)))).toEqual([linesOf('bad-params')[0], linesOf('unknown-account')[0]]);
  });

  it('an unknown lab or option: exit 2', async () => {
    expect(await cli(['validate', 'no-such-lab'])).toMatchObject({ code: 2, errLines: ["pim-lab: no-such-lab: there is no lab folder labs/no-such-lab."] });
    expect((await cli(['validate', '--strict'])).code).toBe(2);
  });
});

describe('pim-lab new', () => {
  it('scaffolds a lab that passes validate (its solution scores 100%), in a temporary labs folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pim-lab-new-'));
    temp.push(dir);
    const created = await cli(['new', 'helpdesk-basics', '--dir', dir]);
    expect(created.code).toBe(0);
    expect(readdirSync(join(dir, 'helpdesk-basics')).sort()).toEqual(['00-overview.mdx', '01-make-alex-eligible.mdx', 'lab.json']);
    expect(await cli(['validate', '--dir', dir])).toMatchObject({ code: 0, errLines: [] });
    // An author's first edit that breaks it is caught.
    const manifest = JSON.parse(readFileSync(join(dir, 'helpdesk-basics/lab.json'), 'utf8'));
    manifest.solution.pop();
    writeFileSync(join(dir, 'helpdesk-basics/lab.json'), JSON.stringify(manifest));
    const broken = await cli(['validate', '--dir', dir, 'helpdesk-basics']);
    expect(broken.code).toBe(1);
    expect(broken.errLines).toEqual([expect.stringMatching(/helpdesk-basics\/lab\.json: \$\.solution: the solution scores 0 of 100/)]);
  });

  it('refuses a bad id or an existing folder: exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pim-lab-new-'));
    temp.push(dir);
    expect((await cli(['new', 'Bad Id', '--dir', dir])).code).toBe(2);
    expect((await cli(['new', 'x', '--dir', dir])).code).toBe(0);
    expect((await cli(['new', 'x', '--dir', dir])).code).toBe(2);
    expect(() => scaffoldLab('Nope')).toThrow(/not a lab id/);
  });

  it('the real command (bin/pim-lab.mjs, bundled) validates and exits with the code', () => {
    const ok = spawnSync(process.execPath, [join(root, 'bin/pim-lab.mjs'), 'validate'], { encoding: 'utf8' });
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    const bad = spawnSync(process.execPath, [join(root, 'bin/pim-lab.mjs'), 'validate', join(root, FIXTURES, 'unshown-check')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the authoring guide', () => {
  it('lists every check primitive with its parameters, read from the code', async () => {
    const { primitiveDocs } = await import('../../src/labkit/primitiveDocs');
    const { PRIMITIVES } = await import('../../src/grader');
    const docs = primitiveDocs();
    expect(docs.map((d) => d.name)).toEqual(Object.keys(PRIMITIVES));
    expect(docs.find((d) => d.name === 'activationWithin')!.params).toEqual([
      { name: 'principal', presence: 'required' },
      { name: 'role', presence: 'required' },
      { name: 'scope', presence: 'default: "/"' },
      { name: 'maxDuration', presence: 'default: "PT8H"' },
      { name: 'requireJustification', presence: 'default: true' },
    ]);
    expect(docs.find((d) => d.name === 'noStandingActiveRole')!.params).toEqual([
      { name: 'principal', presence: 'required' },
      { name: 'roles', presence: 'optional' },
    ]);
  });

  it('content/authoring.mdx documents every manifest field, the check primitives and every lesson component', () => {
    const guide = readFileSync(join(root, 'content/authoring.mdx'), 'utf8');
    for (const field of ['summary', 'level', 'minutes', 'objectives', 'startingTenant', 'seedId', 'checks', 'solution', 'startAt', 'roleSettings']) expect(guide).toContain(`\`${field}\``);
    // Every check primitive is listed by <PrimitiveTable />, generated from PRIMITIVES.
    expect(guide).toContain('<PrimitiveTable />');
    for (const component of ['<Callout', '<ExpectAccount', '<SwitchAccount', '<Hint', '<TimeTravel', '<CheckBadge']) expect(guide).toContain(component);
  });
});

describe('the build reads the same labs as pim-lab validate', () => {
  it('labSourcesOf (the content collection and lab.json imports) gives the same problem lines as the files read by the CLI', () => {
    for (const name of ['unknown-account', 'undeclared-check-badge', 'valid']) {
      const fromCli = readLabFolder(join(root, FIXTURES, name), `labs/${name}`);
      const files = fromCli.steps.map((s) => ({ path: `${name}/${s.name}`, frontmatter: s.frontmatter, body: s.body }));
      const manifest = fromCli.manifest.kind === 'json' ? { [`${name}/lab.json`]: fromCli.manifest.value } : {};
      const read = labSourcesOf(files, manifest);
      expect(read.problems).toEqual([]);
      expect(validateLabs(read.sources).problems.map(problemLine)).toEqual(validateLab(fromCli).problems.map(problemLine));
    }
  });

  it('a step file outside a lab folder, or a lab folder without lab.json, is a problem', () => {
    const read = labSourcesOf([{ path: 'a/b/01-x.mdx', frontmatter: {}, body: '' }, { path: 'lonely/00-overview.mdx', frontmatter: { title: 'O', step: 0 }, body: '' }], {});
    expect(read.problems.map(problemLine)).toEqual(['labs/a/b/01-x.mdx: (file): a step file belongs directly in its lab folder: labs/<lab-id>/NN-<slug>.mdx']);
    expect(validateLabs(read.sources).problems.map(problemLine)).toEqual([
      'labs/lonely/: (steps): the lab has no steps: add 01-<slug>.mdx with step: 1',
      'labs/lonely/lab.json: (file): missing: every lab has a lab.json (title, starting tenant, checks, solution)',
    ]);
  });
});

describe('labs/lab.schema.json (for editors)', () => {
  it('is the manifest schema as generated now (npm run labs:schema rewrites it)', async () => {
    const { labManifestJsonSchema } = await import('../../src/labkit/jsonSchema');
    expect(readFileSync(join(root, 'labs/lab.schema.json'), 'utf8')).toBe(labManifestJsonSchema());
  });

  it('names every manifest field, and the labs point at it', () => {
    const schema = JSON.parse(readFileSync(join(root, 'labs/lab.schema.json'), 'utf8'));
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'id', 'title', 'summary', 'level', 'minutes', 'objectives', 'seedId', 'startingTenant', 'checks', 'solution']);
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8')).$schema).toBe('../lab.schema.json');
    expect(JSON.parse(scaffoldLab('x')['lab.json']!).$schema).toBe('../lab.schema.json');
  });
});
