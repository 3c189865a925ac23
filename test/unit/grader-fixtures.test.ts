import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLab, grade, type GradeOutcome, type Lab } from '../../src/grader';
import { FIXTURE_DIR, fixtures } from '../../scripts/gen-attempt-fixtures';

// The seed lab graded on attempts recorded by driving the tenant core (scripts/attemptScenarios.ts):
// each fails exactly the checks it should. Forged attempts are refused by replay with the rule
// that refuses them; hand-edited ones by the hash chain, naming the event.

const root = join(import.meta.dirname, '../..');
const compiled = compileLab(JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8')));
if (!compiled.ok) throw new Error(`lab.json: ${compiled.error.path}: ${compiled.error.message}`);
const lab: Lab = compiled.lab;
const CHECKS = ['eligible-user-administrator', 'activated-within-8-hours', 'activated-with-mfa', 'created-user-while-active', 'no-standing-admin-role'];

/** Reproducible bytes 0–255 as text (latin1), like a binary file read as text. */
function junkText(length: number, seed = 7): string {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  return Buffer.from(bytes).toString('latin1');
}

const read = (name: string) => readFileSync(join(FIXTURE_DIR, name), 'utf8');
const gradeFixture = (name: string): GradeOutcome => grade(read(name), [lab]);

function failedChecks(name: string): string[] {
  const outcome = gradeFixture(name);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.report.checks.filter((c) => c.status === 'failed').map((c) => c.id);
}

function refusal(name: string) {
  const outcome = gradeFixture(name);
  if (outcome.ok) throw new Error(`${name} was graded`);
  return outcome.error;
}

describe('the committed fixtures', () => {
  it('are what scripts/gen-attempt-fixtures.ts writes today (run it after changing the core or the scenarios)', () => {
    for (const [name, contents] of Object.entries(fixtures())) expect(read(name), name).toBe(contents);
  });
});

describe('the seed lab', () => {
  it('has the five checks, 20 points each, each pointing at the lesson step that fixes it', () => {
    expect(lab.checks.map((c) => c.id)).toEqual(CHECKS);
    expect(lab.maxScore).toBe(100);
    expect(lab.checks.map((c) => c.steps)).toEqual([
      ['04-open-add-assignments', '05-select-user-administrator', '06-assign-as-eligible', '07-check-the-eligible-assignment'],
      ['12-activate-the-role'],
      ['12-activate-the-role'],
      ['14-create-a-user-as-demouser'],
      ['06-assign-as-eligible'],
    ]);
  });
});

describe('graded attempts fail exactly the right checks', () => {
  it('the complete attempt scores 100%', () => {
    const outcome = gradeFixture('complete.json');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.report).toMatchObject({ score: 100, maxScore: 100, passed: true, lab: { id: 'pim-eligible-role' } });
    expect(outcome.report.checks.every((c) => c.status === 'passed' && c.score === c.maxScore && c.message === c.evidence)).toBe(true);
    expect(outcome.report.checks[1]!.evidence).toMatch(/activated User Administrator at .* for PT8H with the reason "Create accounts/);
    expect(outcome.report.checks[3]!.evidence).toMatch(/created newstarter1@mydirectory\.onmicrosoft\.com at .*, while User Administrator was active/);
  });

  it.each([
    ['active-instead-of-eligible.json', CHECKS],
    ['no-activation.json', ['activated-within-8-hours', 'activated-with-mfa', 'created-user-while-active']],
    ['admin-creates-user.json', ['created-user-while-active']],
    ['user-created-after-activation-expired.json', ['created-user-while-active']],
    ['activated-too-long.json', ['activated-within-8-hours', 'created-user-while-active']],
  ])('%s fails %j', (name, failed) => {
    expect(failedChecks(name)).toEqual(failed);
    const outcome = gradeFixture(name);
    if (!outcome.ok) return;
    expect(outcome.report.score).toBe(100 - 20 * failed.length);
    expect(outcome.report.passed).toBe(false);
    for (const c of outcome.report.checks.filter((x) => x.status === 'failed')) {
      expect(c.score).toBe(0);
      expect(c.message).toBe(lab.checks.find((x) => x.id === c.id)!.message);
    }
  });

  it('says what it found: the admin made the user, the user came after the activation, the standing role', () => {
    const evidence = (name: string, id: string) => {
      const o = gradeFixture(name);
      return o.ok ? o.report.checks.find((c) => c.id === id)!.evidence : '';
    };
    expect(evidence('admin-creates-user.json', 'created-user-while-active')).toMatch(/created no user; users created: newstarter1@.* by admin@mydirectory/);
    expect(evidence('user-created-after-activation-expired.json', 'created-user-while-active')).toMatch(/at 2025-02-26T18:52:49Z, outside an activation.*ran 2025-02-26T16:48:49Z – 2025-02-26T17:48:49Z/);
    expect(evidence('active-instead-of-eligible.json', 'no-standing-admin-role')).toMatch(/standing active role assignments: User Administrator at "\/"/);
    expect(evidence('active-instead-of-eligible.json', 'eligible-user-administrator')).toMatch(/as an active \(Assigned\) assignment/);
    expect(evidence('activated-too-long.json', 'activated-within-8-hours')).toMatch(/lasted PT10H, over PT8H/);
  });
});

describe('forged attempts (valid chain) are refused by replay, naming the event and the rule', () => {
  it('an activation of 9 hours: RoleAssignmentRequestPolicyValidationFailed, ExpirationRule', () => {
    const e = refusal('forged/activation-9-hours.json');
    expect(e.code).toBe('ReplayRefused');
    expect(e.event).toMatchObject({ index: 7, seq: 7, type: 'roleAssignmentScheduleRequest' });
    expect(e.rule).toMatchObject({ code: 'RoleAssignmentRequestPolicyValidationFailed', failedRules: ['ExpirationRule'] });
    expect(e.message).toMatch(/event 7 \(seq 7, roleAssignmentScheduleRequest selfActivate at .*\) by demouser@mydirectory\.onmicrosoft\.com: RoleAssignmentRequestPolicyValidationFailed \[ExpirationRule\]: .*PT8H \(requested PT9H\)/);
  });

  it('a user created by demouser before activating: Authorization_RequestDenied', () => {
    const e = refusal('forged/user-created-before-activation.json');
    expect(e).toMatchObject({ code: 'ReplayRefused', event: { index: 7, type: 'createUser' }, rule: { code: 'Authorization_RequestDenied' } });
  });

  it('a user created by demouser after the activation expired: Authorization_RequestDenied', () => {
    const e = refusal('forged/user-created-after-expiry.json');
    expect(e).toMatchObject({ code: 'ReplayRefused', event: { index: 9, type: 'createUser' }, rule: { code: 'Authorization_RequestDenied' } });
  });

  it('events out of time order: ClockMovedBackwards', () => {
    const e = refusal('forged/time-runs-backwards.json');
    expect(e).toMatchObject({ code: 'ReplayRefused', event: { index: 8 }, rule: { code: 'ClockMovedBackwards' } });
    expect(e.message).toMatch(/time cannot run backwards/);
  });
});

describe('hand-edited attempts are refused by the hash chain, naming the event', () => {
  it.each([
    ['edited/payload-edited.json', 7, /breaks at event 7 \(seq 7, roleAssignmentScheduleRequest selfActivate/],
    ['edited/event-removed.json', 6, /breaks at event 6 \(seq 7,.*an event before it was removed/],
    ['edited/last-event-removed.json', 7, /after the last event, event 7.*removed from the end/],
    ['edited/start-time-edited.json', 0, /breaks at event 0.*file header/],
  ])('%s: event %i', (name, index, message) => {
    const e = refusal(name);
    expect(e.code).toBe('BrokenChain');
    expect(e.event?.index).toBe(index);
    expect(e.message).toMatch(message);
  });
});

describe('malformed files get a structured error', () => {
  it.each([
    ['malformed/empty.json', 'EmptyFile', undefined],
    ['malformed/not-json.json', 'NotJson', undefined],
    ['malformed/truncated.json', 'TruncatedJson', undefined],
    ['malformed/wrong-types.json', 'InvalidAttemptFile', '$.events[3].seq'],
    ['malformed/bad-command.json', 'InvalidAttemptFile', '$.events[7].payload.scheduleInfo.expiration.duration'],
    ['malformed/unknown-version.json', 'UnsupportedVersion', '$.version'],
    ['malformed/unknown-lab.json', 'UnknownLab', '$.labId'],
    ['malformed/not-an-attempt.json', 'NotAnAttemptFile', '$.format'],
  ])('%s → %s', (name, code, path) => {
    const e = refusal(name);
    expect(e.code).toBe(code);
    expect(e.path).toBe(path);
    expect(e.message).not.toMatch(/[\n\r]/);
  });

  it('10 MB of junk is refused quickly as not JSON', () => {
    const junk = junkText(10 * 1024 * 1024);
    const t0 = performance.now();
    const e = grade(junk, [lab]);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.ok || e.error.code).toBe('NotJson');
    if (!e.ok) expect(e.error.message.length).toBeLessThan(400);
  });
});

describe('the lab asked for and the lab of the file', () => {
  it('--lab for another lab: LabMismatch; a seed the lab does not use: SeedMismatch', () => {
    const other = grade(read('complete.json'), [lab], { labId: 'pim-approval-workflow' });
    expect(!other.ok && other.error.code).toBe('LabMismatch');
    const same = grade(read('complete.json'), [lab], { labId: 'pim-eligible-role' });
    expect(same.ok).toBe(true);
    const seedLab = { ...lab, seedId: 'another-seed' };
    const mismatch = grade(read('complete.json'), seedLab);
    expect(!mismatch.ok && mismatch.error).toMatchObject({ code: 'SeedMismatch', path: '$.seedId' });
  });
});
