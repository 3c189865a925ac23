import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGlob, segmentRegExp } from '../../src/cli/glob';
import { parseArgs, run, USAGE, type CliIo } from '../../src/cli/main';
import { FIXTURE_DIR } from '../../scripts/gen-attempt-fixtures';

// The `pim-lab grade` CLI: most behaviour through run() in this process (cheap), and the real
// command (bin/pim-lab.mjs, from its esbuild bundle) spawned a few times for what only a process
// shows: exit codes, one stderr line per bad file, no stack trace.

const root = join(import.meta.dirname, '../..');
const fixture = (name: string) => join(FIXTURE_DIR, name);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pim-lab-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { root, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: () => stdin };
  const code = await run(argv, io);
  return { code, stdout, stderr, errLines: stderr.split('\n').filter(Boolean) };
}

describe('arguments', () => {
  it('parses files, options in both forms, and --', () => {
    expect(parseArgs(['grade', 'a.json', '--lab', 'x', '--format=json', '--out', 'r.jsonl', '--', '--odd.json'])).toEqual({
      kind: 'grade',
      options: { files: ['a.json', '--odd.json'], lab: 'x', format: 'json', out: 'r.jsonl' },
    });
    expect(parseArgs([])).toEqual({ kind: 'help' });
    expect(parseArgs(['grade', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['grade'], /no attempt file given/],
    [['grade', 'a.json', '--format', 'xml'], /--format must be one of text, json, junit \(got 'xml'\)/],
    [['grade', 'a.json', '--lab'], /--lab needs a value/],
    [['grade', 'a.json', '--verbose'], /unknown option '--verbose'/],
    [['check', 'a.json'], /unknown command 'check'/],
  ])('%j is a usage error: exit 2, one line', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--help prints the usage with the exit codes; --version the package version', async () => {
    const help = await cli(['--help']);
    expect(help).toMatchObject({ code: 0, stdout: USAGE });
    expect(USAGE).toMatch(/Exit codes\n {2}0 .*\n {2}1 .*\n {2}2 /);
    const version = await cli(['--version']);
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
  });
});

describe('exit codes and output', () => {
  it('0 when every file passes, 1 when a check fails, 2 when a file cannot be graded', async () => {
    expect((await cli(['grade', fixture('complete.json')])).code).toBe(0);
    const failed = await cli(['grade', fixture('complete.json'), fixture('no-activation.json')]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('');
    const bad = await cli(['grade', fixture('complete.json'), fixture('no-activation.json'), fixture('edited/event-removed.json')]);
    expect(bad.code).toBe(2);
    expect(bad.errLines).toEqual([`pim-lab: ${fixture('edited/event-removed.json')}: BrokenChain: ${bad.errLines[0]!.split(': BrokenChain: ')[1]}`]);
    expect(bad.stdout).toMatch(/complete\.json: 100\/100 PASSED[\s\S]*no-activation\.json: \d+\/100 FAILED[\s\S]*event-removed\.json: could not be graded: BrokenChain[\s\S]*3 files: 1 passed, 1 failed, 1 could not be graded\n$/);
  });

  it('json: JSON Lines, one object per file in argument order', async () => {
    const r = await cli(['grade', '--format', 'json', fixture('complete.json'), fixture('malformed/empty.json'), fixture('admin-creates-user.json')]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    // The failed score is the lab's business (its weights); here only that it is one.
    expect(lines.map((l) => [l.status, l.score])).toEqual([
      ['passed', 100],
      ['error', undefined],
      ['failed', expect.any(Number)],
    ]);
    expect(lines[2].score).toBeLessThan(100);
    expect(lines[1].error).toMatchObject({ code: 'EmptyFile' });
    expect(r.errLines).toHaveLength(1);
  });

  it('junit to --out: one testsuite per file; stdout stays empty', async () => {
    const out = join(dir, 'report.xml');
    const r = await cli(['grade', fixture('complete.json'), fixture('forged/activation-9-hours.json'), '--format=junit', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const xml = readFileSync(out, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pim-lab grade">\n')).toBe(true);
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toMatch(/<error type="ReplayRefused" message="[^"]*ExpirationRule/);
  });

  it('--lab: a file for another lab cannot be graded; an unknown --lab is a usage error', async () => {
    expect((await cli(['grade', '--lab', 'pim-eligible-role', fixture('complete.json')])).code).toBe(0);
    const other = await cli(['grade', '--lab', 'nope', fixture('complete.json')]);
    expect(other).toMatchObject({ code: 2, stdout: '' });
    expect(other.errLines).toHaveLength(1);
    expect(other.errLines[0]).toMatch(/^pim-lab: --lab: there is no lab 'nope' \(known: (?:[a-z0-9-]+, )*pim-eligible-role(?:, [a-z0-9-]+)*\)\.$/);
  });

  it('reads - from standard input', async () => {
    const r = await cli(['grade', '-'], readFileSync(fixture('complete.json'), 'utf8'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<stdin>: 100\/100 PASSED/);
  });

  it('a missing file, a directory without attempts and a glob without matches each get one line', async () => {
    mkdirSync(join(dir, 'empty-dir'), { recursive: true });
    const r = await cli(['grade', join(dir, 'missing.json'), join(dir, 'empty-dir'), join(dir, 'nothing-*.json')]);
    expect(r.code).toBe(2);
    expect(r.errLines).toEqual([
      `pim-lab: ${join(dir, 'missing.json')}: CannotRead: There is no such file.`,
      `pim-lab: ${join(dir, 'empty-dir')}: NoMatch: No attempt file matches: the directory holds no *.json file.`,
      `pim-lab: ${join(dir, 'nothing-*.json')}: NoMatch: No attempt file matches this pattern.`,
    ]);
    // Each is an entry of the report too, in every format.
    expect(r.stdout).toMatch(/nothing-\*\.json: could not be graded: NoMatch/);
    expect(r.stdout).toMatch(/3 files: 0 passed, 0 failed, 3 could not be graded/);
    const json = await cli(['grade', '--format', 'json', join(dir, 'nothing-*.json')]);
    expect(JSON.parse(json.stdout)).toMatchObject({ file: join(dir, 'nothing-*.json'), status: 'error', error: { code: 'NoMatch' } });
    const junit = await cli(['grade', '--format', 'junit', join(dir, 'nothing-*.json')]);
    expect(junit.stdout).toMatch(/<error type="NoMatch"/);
    expect(junit.code).toBe(2);
  });
});

describe('labs', () => {
  it('a broken lab.json stops the CLI with one line naming the file and the JSON path', async () => {
    const fakeRoot = join(dir, 'fake-root');
    mkdirSync(join(fakeRoot, 'labs/pim-eligible-role'), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8'));
    manifest.checks[1].params.role = 'Usr Administrator';
    writeFileSync(join(fakeRoot, 'labs/pim-eligible-role/lab.json'), JSON.stringify(manifest));
    for (const step of ['04-open-add-assignments', '05-select-user-administrator', '06-assign-as-eligible', '07-check-the-eligible-assignment', '12-activate-the-role', '14-create-a-user-as-demouser'])
      writeFileSync(join(fakeRoot, 'labs/pim-eligible-role', `${step}.mdx`), '');
    let stderr = '';
    const code = await run(['grade', fixture('complete.json')], { root: fakeRoot, stdout: () => {}, stderr: (t) => void (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toBe(`pim-lab: labs/pim-eligible-role/lab.json: $.checks[1].params.role: 'Usr Administrator' is not a built-in Microsoft Entra role: use its display name (e.g. "User Administrator") or template id; got the string "Usr Administrator"\n`);
  });
});

describe('globs and directories', () => {
  it('expands *, ?, [..] and ** like a shell, skipping hidden files, sorted and without duplicates', async () => {
    const g = join(dir, 'class');
    for (const f of ['a/alice.json', 'a/bob.json', 'a/notes.txt', 'b/carol.json', 'b/deep/dave.json', '.hidden/eve.json', 'a/.frank.json'])
      mkdirSync(join(g, f, '..'), { recursive: true }), writeFileSync(join(g, f), '{}');
    expect(expandGlob(`${g}/a/*.json`)).toEqual([`${g}/a/alice.json`, `${g}/a/bob.json`]);
    expect(expandGlob(`${g}/*/*.json`)).toEqual([`${g}/a/alice.json`, `${g}/a/bob.json`, `${g}/b/carol.json`]);
    expect(expandGlob(`${g}/**/*.json`)).toEqual([`${g}/a/alice.json`, `${g}/a/bob.json`, `${g}/b/carol.json`, `${g}/b/deep/dave.json`]);
    expect(expandGlob(`${g}/?/[ab]*.json`)).toEqual([`${g}/a/alice.json`, `${g}/a/bob.json`]);
    expect(expandGlob(`${g}/a/[!a]*.json`)).toEqual([`${g}/a/bob.json`]);
    expect(segmentRegExp('*.json').test('.x.json')).toBe(false);
    expect(segmentRegExp('a+b(1).json').test('a+b(1).json')).toBe(true);
    // A directory argument grades its *.json files; the same file named twice is graded once.
    const r = await cli(['grade', '--format', 'json', join(g, 'a'), `${g}/a/alice.json`]);
    expect(r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).file)).toEqual([`${g}/a/alice.json`, `${g}/a/bob.json`]);
  });
});

describe('the pim-lab command (spawned)', () => {
  const bin = join(root, 'bin/pim-lab.mjs');
  const spawnCli = (args: string[], cwd = dir) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

  it('grades a class from another working directory: labs are found from the package root', () => {
    const cls = join(dir, 'submissions');
    mkdirSync(cls, { recursive: true });
    for (const f of ['complete.json', 'admin-creates-user.json']) copyFileSync(fixture(f), join(cls, f));
    const r = spawnCli(['grade', 'submissions/*.json', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l)).map((l) => [l.file, l.score])).toEqual([
      ['submissions/admin-creates-user.json', expect.any(Number)],
      ['submissions/complete.json', 100],
    ]);
  });

  it('bad inputs: exit 2, exactly one line on stderr per file, never a stack trace', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    for (const f of ['empty.json', 'not-json.json', 'truncated.json', 'wrong-types.json', 'unknown-version.json', 'unknown-lab.json']) copyFileSync(fixture(`malformed/${f}`), join(bad, f));
    copyFileSync(fixture('edited/payload-edited.json'), join(bad, 'payload-edited.json'));
    copyFileSync(fixture('forged/activation-9-hours.json'), join(bad, 'activation-9-hours.json'));
    const junk = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0, x = 1; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    writeFileSync(join(bad, 'junk.json'), junk);
    const r = spawnCli(['grade', 'bad']);
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(9);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const codes = Object.fromEntries(lines.map((l) => /^pim-lab: bad\/([\w-]+\.json): (\w+): ./.exec(l)!.slice(1, 3)));
    expect(codes).toEqual({
      'activation-9-hours.json': 'ReplayRefused',
      'empty.json': 'EmptyFile',
      'junk.json': 'NotJson',
      'not-json.json': 'NotJson',
      'payload-edited.json': 'BrokenChain',
      'truncated.json': 'TruncatedJson',
      'unknown-lab.json': 'UnknownLab',
      'unknown-version.json': 'UnsupportedVersion',
      'wrong-types.json': 'InvalidAttemptFile',
    });
    expect(lines.find((l) => l.includes('wrong-types'))).toMatch(/\$\.events\[3\]\.seq: expected a number, got the string "3"/);
  });

  it('a usage error from the real command is one line and exit 2', () => {
    const r = spawnCli(['grade', '--format', 'yaml', 'x.json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(["pim-lab: --format must be one of text, json, junit (got 'yaml'). Run pim-lab --help for usage."]);
  });
});
