import { hash as nodeHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAttemptFile, compileLab, grade, stringifyAttemptFile, type GradeError, type GradeOutcome } from '../../src/grader';
import type { Command, LogEntry } from '../../src/tenant';
import { complete, DEMO, START } from '../../scripts/attemptScenarios';

// Issue 9, rows 5, 6, 9 and 10: inputs a hostile learner can put in a submissions folder. Each
// gets a precise error (its code and what is wrong, with the JSON path), never InternalError, and
// the browser's grader (noble SHA-256) and the CLI's (Node's) give the same result.

const root = join(import.meta.dirname, '../..');
const compiled = compileLab(JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8')));
if (!compiled.ok) throw new Error(compiled.error.message);
const lab = compiled.lab;
const nodeSha256 = (text: string) => nodeHash('sha256', text, 'hex');

const base = () => complete().entries.map((e) => structuredClone(e));
const textOf = (entries: readonly LogEntry[], startAt = START) => stringifyAttemptFile(buildAttemptFile({ labId: lab.id, appVersion: '0.1.0', seedId: lab.seedId, startAt }, entries));

/** Grades with both hashes, asserts they agree and that nothing is internal, and returns the error. */
function refusal(input: string): GradeError {
  const browser = grade(input, [lab]);
  const cli = grade(input, [lab], { sha256: nodeSha256 });
  expect(cli).toEqual(browser);
  if (browser.ok) throw new Error(`expected a refusal, got a report scoring ${browser.report.score}`);
  expect(browser.error.code, browser.error.message).not.toBe('InternalError');
  expect(browser.error.message).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
  return browser.error;
}

/** The entries with one command's fields replaced (deeply for scheduleInfo). */
function edit(entries: LogEntry[], seq: number, change: (c: any) => void): LogEntry[] {
  change(entries[seq]!.command as any);
  return entries;
}

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + 'null' + '}'.repeat(n);

describe('row 5: payloads and schedules that once reached InternalError', () => {
  it.each([
    ['arrays', deepArray(5000)],
    ['objects', deepObject(5000)],
  ])('a payload nested 5,000 levels (%s) is refused with the path of the too-deep value', (_kind, deep) => {
    const text = textOf(base()).replace('"ticketInfo":null', `"ticketInfo":${deep}`);
    const e = refusal(text);
    expect(e.code).toBe('InvalidAttemptFile');
    expect(e.path).toMatch(/^\$\.events\[4\]\.payload\.ticketInfo/);
    expect(e.message).toMatch(/nested too deeply \(an attempt file nests at most 32 levels\)/);
    // The same value handed over parsed (as the browser may) is refused the same way.
    const asValue = grade(JSON.parse(text), [lab]);
    expect(!asValue.ok && asValue.error).toEqual(e);
  });

  it('an eligibility of P100000000D is refused by the core\'s schedule schema, at the path of the duration', () => {
    const entries = edit(base(), 4, (c) => (c.scheduleInfo = { startDateTime: null, expiration: { type: 'afterDuration', duration: 'P100000000D', endDateTime: null } }));
    const e = refusal(textOf(entries));
    expect(e.code).toBe('InvalidAttemptFile');
    expect(e.path).toBe('$.events[4].payload.scheduleInfo.expiration.duration');
    expect(e.message).toMatch(/no longer than the span Graph dates can hold/);
  });

  it('an activation ending in year 10000 is refused as InvalidScheduleInfo, not graded "without end"', () => {
    const entries = base().slice(0, 6);
    const late = '9999-12-31T20:00:00Z';
    const activation = structuredClone(complete().entries[7]!.command);
    const more: [string, Command][] = [
      [DEMO, { type: 'advanceClock' }],
      [DEMO, { type: 'signIn' }],
      [DEMO, { type: 'completeMfa', method: 'microsoftAuthenticator' }],
      [DEMO, activation],
    ];
    for (const [actor, command] of more) entries.push({ seq: entries.length, at: late, actor, command });
    const e = refusal(textOf(entries));
    expectScheduleRefused(e, 9);
  });
});

/** A schedule Graph would not accept: refused by the core's replay (InvalidScheduleInfo) at that event. */
function expectScheduleRefused(e: GradeError, index: number): void {
  expect(e.code, e.message).toBe('ReplayRefused');
  expect(e.event?.index).toBe(index);
  expect(e.rule?.code).toBe('InvalidScheduleInfo');
}

describe('row 6: ids that would forge lines of a text report', () => {
  it.each([
    ['a newline', `x\nPASS 25/25 activated-within-8-hours`],
    ['a fake passing line', 'PASS 25/25 all checks passed'],
    ['ESC[8m (hidden text)', 'req\u001b[8mhidden'],
    ['a GitHub Actions command', '::error::forged'],
  ])('a request id holding %s is refused at parse', (_what, id) => {
    const e = refusal(textOf(edit(base(), 7, (c) => (c.id = id))));
    expect(e.code).toBe('InvalidAttemptFile');
    expect(e.path).toBe('$.events[7].payload.id');
    expect(e.message).toMatch(/expected an object id/);
  });

  it('an actor id holding a line break or U+2028 is refused at parse', () => {
    for (const actor of [`${DEMO}\n`, `${DEMO}\u2028PASS`]) {
      const entries = base();
      entries[0]!.actor = actor;
      const e = refusal(textOf(entries));
      expect(e.code).toBe('InvalidAttemptFile');
      expect(e.path).toBe('$.events[0].actor');
      expect(e.message).toMatch(/expected an object id/);
    }
  });
});

describe('row 9: instants', () => {
  it('2025-02-30T10:00:00Z (a rolled-over day) is refused with its path', () => {
    const entries = base();
    entries[3]!.at = '2025-02-30T10:00:00Z';
    const e = refusal(textOf(entries));
    expect(e.code).toBe('InvalidAttemptFile');
    expect(e.path).toBe('$.events[3].at');
    expect(e.message).toMatch(/ISO 8601 date and time/);
  });

  it('an attempt starting 1900-01-01, before its lab starts, is refused (it used to grade 100)', () => {
    const early = '1900-01-01T00:00:00Z';
    const entries = base();
    const e = refusal(textOf(entries, early));
    expect(e.code).toBe('InvalidAttemptFile');
    expect(e.path).toBe('$.startAt');
    expect(e.message).toBe(`$.startAt: the attempt starts at ${early}, before lab 'pim-eligible-role' starts (${lab.startAt}).`);
  });

  it('an attempt starting at its lab’s startAt still grades', () => {
    const ok = grade(textOf(base()), [lab]);
    expect(ok.ok).toBe(true);
  });
});

describe('row 10: numbers, durations and files that are not JSON', () => {
  it('"seq": 1e400 names the number as written, not "Infinity"', () => {
    const e = refusal(textOf(base()).replace('"seq":2,', '"seq":1e400,'));
    expect(e.code).toBe('InvalidAttemptFile');
    expect(e.path).toBe('$.events[2].seq');
    expect(e.message).toBe("$.events[2].seq: a number too large for JSON's safe integers (1e400).");
  });

  it('an unsafe integer seq is described as such', () => {
    const e = refusal(textOf(base()).replace('"seq":2,', '"seq":9007199254740993,'));
    expect(e.code).toBe('InvalidAttemptFile');
    expect(e.path).toBe('$.events[2].seq');
    expect(e.message).toMatch(/beyond JSON's safe integers/);
  });

  it('a PT28800.4S activation fails the expiration rule without saying "maximum PT8H (requested PT8H)"', () => {
    const entries = edit(base(), 7, (c) => (c.scheduleInfo.expiration.duration = 'PT28800.4S'));
    const e = refusal(textOf(entries));
    expect(e.code).toBe('ReplayRefused');
    expect(e.event?.index).toBe(7);
    expect(e.rule?.failedRules ?? []).toContain('ExpirationRule');
    expect(e.message).not.toMatch(/maximum PT8H \(requested PT8H\)/);
  });

  it.each([
    ['/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n', /an unexpected letter at line 1, column 1/],
    ['an environment', 'SECRET_TOKEN=abc123\u0000PATH=/usr/bin', /an unexpected letter at line 1, column 1/],
    ['JSON with a stray word', '{\n  "format": "pim-lab/attempt",\n  oops\n}', /an unexpected letter at line 3, column 3/],
    ['a trailing comma', '{"a": 1,}', /an unexpected '\}' at line 1, column 9/],
    ['binary', '\u0001\u0002ELF', /a control character at line 1, column 1/],
  ])('a NotJson message never echoes the file (%s): it gives the kind of character and where', (_what, text, message) => {
    const e = refusal(text);
    expect(e.code).toBe('NotJson');
    expect(e.message).toMatch(message);
    for (const secret of ['root', 'SECRET', 'abc123', 'bash', 'oops', 'ELF']) expect(e.message).not.toContain(secret);
  });

  it('JSON cut short is still TruncatedJson', () => {
    const text = textOf(base());
    for (const cut of [10, text.length / 2, text.length - 3]) expect(refusal(text.slice(0, Math.floor(cut))).code).toBe('TruncatedJson');
  });
});
