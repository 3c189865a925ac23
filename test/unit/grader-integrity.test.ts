import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAttemptFile, grade, jsonReport, junitSuite, textReport, type GradeOutcome } from '../../src/grader';
import { FLAG_FIXTURE_DIR, flagFixtures, seedLab } from '../fixtures/attempts/flags/generate';
import { run, type CliIo } from '../../src/cli/main';
import { FIXTURE_DIR } from '../../scripts/gen-attempt-fixtures';

// Integrity flags: one fixture per flag raises it, it shows in every report format, and it never
// changes the score. The committed fixtures are what test/fixtures/attempts/flags/generate.ts writes.

const root = join(import.meta.dirname, '../..');
const lab = seedLab();
const read = (name: string) => readFileSync(join(FLAG_FIXTURE_DIR, name), 'utf8');
const codes = (o: GradeOutcome) => (o.ok ? o.report.flags : (o.flags ?? [])).map((f) => f.code);

describe('the flag fixtures', () => {
  it('are what generate.ts writes today (run it after changing the core or the lab)', () => {
    for (const [name, text] of Object.entries(flagFixtures())) expect(read(name), name).toBe(text);
  });
});

describe('each flag has an attempt that raises it', () => {
  it('actedWithoutSignIn: a command before any signIn of its actor (flagged even when replay refuses it)', () => {
    const o = grade(read('acted-without-sign-in.json'), lab);
    expect(codes(o)).toContain('actedWithoutSignIn');
    const flag = (o.ok ? o.report.flags : o.flags!).find((f) => f.code === 'actedWithoutSignIn')!;
    expect(flag.message).toMatch(/before any sign-in/);
  });

  it('inhumanPace: every event at one instant', () => {
    const o = grade(read('inhuman-pace.json'), lab);
    expect(o.ok).toBe(true);
    expect(codes(o)).toEqual(['inhumanPace']);
    expect(o.ok && o.report.flags[0]!.message).toMatch(/All \d+ events happen at one instant/);
  });

  it('solutionPath: the lab\'s own solution path, which still scores 100 (flags never change the score)', () => {
    const o = grade(read('solution-path.json'), lab);
    expect(o.ok && o.report.score).toBe(100);
    expect(codes(o)).toEqual(['solutionPath']);
  });

  it('solutionPath also with the request ids changed', () => {
    const file = JSON.parse(read('solution-path.json'));
    const entries = file.events.map((e: any, i: number) => ({ seq: i, at: e.at, actor: e.actor, command: { type: e.type, ...e.payload, ...('id' in e.payload ? { id: `mine-${i}` } : {}) } }));
    const renamed = buildAttemptFile({ labId: file.labId, appVersion: 'x', seedId: file.seedId, startAt: file.startAt }, entries);
    const o = grade(renamed, lab);
    expect(codes(o)).toEqual(['solutionPath']);
    expect(o.ok && o.report.flags[0]!.message).toMatch(/but for their request ids/);
  });

  it('identicalEvents: the same events in two files (started an hour apart) have one digest; the CLI flags the second', async () => {
    const a = grade(read('identical-a.json'), lab);
    const b = grade(read('identical-b.json'), lab);
    if (!a.ok || !b.ok) throw new Error('not graded');
    expect(a.report.attempt.startAt).not.toBe(b.report.attempt.startAt);
    expect(a.report.attempt.eventsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(b.report.attempt.eventsDigest).toBe(a.report.attempt.eventsDigest);
    expect(a.report.flags).toEqual([]);
    let stdout = '';
    const io: CliIo = { root, stdout: (t) => void (stdout += t), stderr: () => {} };
    await run(['grade', join(FLAG_FIXTURE_DIR, 'identical-a.json'), join(FLAG_FIXTURE_DIR, 'identical-b.json')], io);
    expect(stdout.split('\n').filter((l) => l.includes('FLAG identicalEvents'))).toHaveLength(1);
  });

  it('an attempt made at a person\'s pace, signing in first, raises none', () => {
    expect(codes(grade(readFileSync(join(FIXTURE_DIR, 'complete.json'), 'utf8'), lab))).toEqual([]);
  });
});

describe('flags in every report format', () => {
  const o = grade(read('inhuman-pace.json'), lab);
  it('text: a FLAG line, JSON: "flags", JUnit: a flag:<code> property', () => {
    expect(textReport('x.json', o)).toMatch(/\n {2}FLAG inhumanPace: All \d+ events happen at one instant/);
    expect(jsonReport('x.json', o)).toMatchObject({ flags: [{ code: 'inhumanPace', message: expect.any(String) }] });
    expect(junitSuite('x.json', o)).toMatch(/<property name="flag:inhumanPace" value="All \d+ events/);
  });

  it('for an attempt replay refuses too, when it has flags', () => {
    const refused: GradeOutcome = { ok: false, error: { code: 'ReplayRefused', message: 'refused' } as any, flags: [{ code: 'actedWithoutSignIn', message: 'no sign-in' }] };
    expect(textReport('y.json', refused)).toBe('y.json: could not be graded: ReplayRefused: refused\n  FLAG actedWithoutSignIn: no sign-in\n');
    expect(jsonReport('y.json', refused)).toMatchObject({ status: 'error', flags: [{ code: 'actedWithoutSignIn' }] });
    expect(junitSuite('y.json', refused)).toContain('<property name="flag:actedWithoutSignIn" value="no sign-in"/>');
  });
});
