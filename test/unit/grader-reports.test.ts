import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLab, grade, jsonLine, jsonReport, junitClose, junitOpen, junitSuite, textReport, textSummary, xmlEscape, type GradeOutcome } from '../../src/grader';
import { FIXTURE_DIR } from '../../scripts/gen-attempt-fixtures';
import { activeInsteadOfEligible, ADMIN, DEMO } from '../../scripts/attemptScenarios';
import { buildAttemptFile } from '../../src/grader';
import { assignmentRequest, MINUTE_MS, parseInstant, ROLE, toInstant } from '../../src/tenant';

// The report writers: text for people, JSON for machines, JUnit XML for CI dashboards.

const root = join(import.meta.dirname, '../..');
const compiled = compileLab(JSON.parse(readFileSync(join(root, 'labs/pim-eligible-role/lab.json'), 'utf8')));
if (!compiled.ok) throw new Error(compiled.error.message);
const lab = compiled.lab;
const outcomeOf = (name: string): GradeOutcome => grade(readFileSync(join(FIXTURE_DIR, name), 'utf8'), [lab]);
const passed = outcomeOf('complete.json');
const failed = outcomeOf('admin-creates-user.json');
const broken = outcomeOf('edited/payload-edited.json');
const tooLong = outcomeOf('activated-too-long.json');

/**
 * A small well-formedness check (Node has no XML parser): a prolog, balanced and properly nested
 * tags, quoted attributes, and no raw `<` or `&` outside markup and entities.
 */
function wellFormed(xml: string): string[] {
  const errors: string[] = [];
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')) errors.push('no prolog');
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(body))) {
    if (m[6]) errors.push(`stray < at ${m.index}`);
    else if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(m[5])) errors.push(`bare & in text at ${m.index}`);
    } else if (m[1]) {
      if (stack.pop() !== m[2]) errors.push(`</${m[2]}> closes the wrong element`);
    } else {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(m[3] ?? '')) errors.push(`bare & in attribute at ${m.index}`);
      if (!m[4]) stack.push(m[2]!);
    }
  }
  if (stack.length) errors.push(`unclosed: ${stack.join(', ')}`);
  return errors;
}

describe('text report', () => {
  it('one line per check; under a failed one, what to do with its lesson step, and what was found', () => {
    const text = textReport('alice.json', failed);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('alice.json: 80/100 FAILED: Configure an eligible role with PIM (pim-eligible-role), 10 events');
    expect(lines.filter((l) => /^ {2}(PASS|FAIL) /.test(l))).toHaveLength(5);
    expect(text).toMatch(/ {2}FAIL {2}0\/20 {2}created-user-while-active: /);
    expect(text).toMatch(/demouser has not created a user .* See step 14-create-a-user-as-demouser\.\n {8}Found: demouser@mydirectory\.onmicrosoft\.com created no user/);
    expect(textReport('a.json', passed).split('\n')[0]).toMatch(/100\/100 PASSED/);
    expect(textReport('bob.json', broken)).toMatch(/^bob\.json: could not be graded: BrokenChain: The hash chain breaks at event 7 /);
    expect(textSummary({ passed: 1, failed: 2, errors: 0 })).toBe('3 files: 1 passed, 2 failed, 0 could not be graded\n');
    expect(textSummary({ passed: 1, failed: 0, errors: 0 })).toBe('1 file: 1 passed, 0 failed, 0 could not be graded\n');
  });

  it('durations read as ISO and in words, instants stay in UTC', () => {
    const text = textReport('dana.json', tooLong);
    expect(text).toContain('Found: demouser@mydirectory.onmicrosoft.com activated User Administrator, but the activation at 2025-02-26T16:50:49Z lasted PT10H (10 hours), over PT8H (8 hours).');
    expect(text).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}|[AP]M\b/);
  });
});

describe('JSON report', () => {
  it('per file: lab, score, maxScore, passed; per check: id, title, status, score, maxScore, message', () => {
    const r = JSON.parse(JSON.stringify(jsonReport('alice.json', failed)));
    expect(r).toMatchObject({ file: 'alice.json', status: 'failed', lab: 'pim-eligible-role', score: 80, maxScore: 100, passed: false, events: 10 });
    expect(r.checks).toHaveLength(5);
    for (const c of r.checks) expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'title', 'status', 'score', 'maxScore', 'message', 'steps', 'detail', 'evidence']));
    expect(r.checks[3]).toMatchObject({ id: 'created-user-while-active', status: 'failed', score: 0, maxScore: 20 });
    expect(jsonReport('a.json', passed)).toMatchObject({ status: 'passed', score: 100, passed: true });
    expect(jsonReport('bob.json', broken)).toEqual({ file: 'bob.json', status: 'error', error: expect.objectContaining({ code: 'BrokenChain', event: expect.objectContaining({ index: 7 }) }) });
  });

  it('keeps message and evidence as plain ISO/UTC strings, and adds them as typed parts', () => {
    const r = JSON.parse(jsonLine(jsonReport('dana.json', tooLong)));
    const c = r.checks.find((x: { id: string }) => x.id === 'activated-within-8-hours');
    expect(c.evidence).toBe('demouser@mydirectory.onmicrosoft.com activated User Administrator, but the activation at 2025-02-26T16:50:49Z lasted PT10H, over PT8H.');
    expect(c.evidenceParts).toEqual([
      { text: 'demouser@mydirectory.onmicrosoft.com activated User Administrator, but the activation at ' },
      { instant: '2025-02-26T16:50:49Z' },
      { text: ' lasted ' },
      { duration: 'PT10H' },
      { text: ', over ' },
      { duration: 'PT8H' },
      { text: '.' },
    ]);
    expect(c.messageParts).toEqual([{ text: c.message }]);
    // A passed check's message is its evidence, in both forms.
    const eligible = r.checks.find((x: { id: string }) => x.id === 'eligible-user-administrator');
    expect(eligible.message).toBe(eligible.evidence);
    expect(eligible.messageParts).toEqual(eligible.evidenceParts);
    expect(eligible.evidenceParts).toContainEqual({ instant: '2025-02-26T16:45:19Z' });
  });
});

describe('JUnit report', () => {
  it('one testsuite per file, one testcase per check, a failure per failed check, an error for an ungradable file', () => {
    const xml = junitOpen() + junitSuite('alice.json', failed, 0.0123) + junitSuite('carol.json', passed) + junitSuite('bob.json', broken) + junitClose();
    expect(wellFormed(xml)).toEqual([]);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml).toMatch(/<testsuite name="alice\.json" tests="5" failures="1" errors="0" skipped="0" time="0\.012">/);
    expect(xml.match(/<testcase /g)).toHaveLength(11);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toMatch(/<testcase classname="pim-eligible-role" name="created-user-while-active: demouser created a user while the activated role was active" file="alice\.json" time="0">\n {6}<failure type="CheckFailed" message="demouser has not created/);
    expect(xml).toMatch(/<property name="score" value="80"\/>/);
    // JUnit is for machines: ISO durations, no words.
    expect(junitSuite('dana.json', tooLong)).toContain('lasted PT10H, over PT8H.');
    expect(junitSuite('dana.json', tooLong)).not.toContain('10 hours');
    expect(xml).toMatch(/<testsuite name="bob\.json" tests="1" failures="0" errors="1"[^>]*>\n {4}<testcase classname="pim-lab" name="attempt file can be graded"[^>]*>\n {6}<error type="BrokenChain" message="The hash chain breaks at event 7/);
  });

  it('escapes what XML cannot hold as is', () => {
    expect(xmlEscape(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(xmlEscape('bell\u0007 nul\u0000 tab\t lone\ud800 pair\ud83d\ude00')).toBe('bell\\u0007 nul\\u0000 tab\t lone\ufffd pair\ud83d\ude00');
    const hostile = 'x"><evil a="&\u0001.json';
    const xml = junitOpen() + junitSuite(hostile, failed) + junitSuite(hostile, broken) + junitClose();
    expect(wellFormed(xml)).toEqual([]);
    expect(xml).not.toContain('<evil');
  });

  it('shows ESC, C1, bidi and line separators as visible \\uXXXX text', () => {
    expect(xmlEscape('a\u001b[8mb\u0085c\u202ed\u2028e')).toBe('a\\u001b[8mb\\u0085c\\u202ed\\u2028e');
  });

  it('the well-formedness check catches broken XML (so the test above can fail)', () => {
    expect(wellFormed('<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a>')).not.toEqual([]);
    expect(wellFormed('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1">&</a>')).not.toEqual([]);
    expect(wellFormed('<?xml version="1.0" encoding="UTF-8"?>\n<a x="<">b</a>')).not.toEqual([]);
  });
});

describe('text from inside an attempt cannot forge a report', () => {
  // Learner-chosen text (a request id, a reason, a display name) reaches ids, messages and evidence.
  const hostile = 'x\nalice.json: 100/100 PASSED\n::error::pwned \u001b[8mhidden\u009b \u2028 \u202e \u2066';
  const forged: GradeOutcome = passed.ok
    ? { ok: true, report: { ...passed.report, checks: passed.report.checks.map((c, i) => (i === 0 ? { ...c, status: 'failed', score: 0, message: hostile, evidence: hostile, title: hostile } : c)), flags: [{ code: 'inhumanPace', message: hostile }] } }
    : passed;
  const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  it('text: every line starts with the file name or indentation, control characters as \\uXXXX, the file name too', () => {
    const text = textReport(`evil${hostile}.json`, forged) + textReport(`evil${hostile}.json`, broken);
    const lines = text.trimEnd().split('\n');
    for (const l of lines) expect(l, l).toMatch(/^(evil| )/);
    expect(text).not.toMatch(controls);
    expect(text).not.toMatch(/^::/m);
    expect(text).toContain('\\u001b[8mhidden\\u009b \\u2028 \\u202e \\u2066');
  });

  it('JSON: one line, U+2028/2029, C1 and bidi escaped, the same value once parsed', () => {
    const line = jsonLine(jsonReport(`evil${hostile}.json`, forged));
    expect(line).not.toMatch(controls);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(jsonReport(`evil${hostile}.json`, forged))));
  });

  it('JUnit: well-formed, no raw control characters but line breaks', () => {
    const xml = junitOpen() + junitSuite(`evil${hostile}.json`, forged) + junitClose();
    expect(wellFormed(xml)).toEqual([]);
    expect(xml).not.toMatch(controls);
    expect(xml).toContain('<property name="flag:inhumanPace"');
  });
});

describe('a removal refused by the 5-minute rule', () => {
  it('is reported with the instant it could have succeeded, in the message and as rule.retryAt', () => {
    const r = activeInsteadOfEligible();
    const made = r.state.schedules.values().find((x) => x.kind === 'assignment' && x.principalId === DEMO && x.roleDefinitionId === ROLE.userAdministrator)!;
    const madeMs = parseInstant(made.createdDateTime)!;
    // The main account removes it a minute after the attempt's last event, still within 5 minutes of making it.
    const at = toInstant(parseInstant(r.entries.at(-1)!.at)! + MINUTE_MS);
    const remove = { seq: r.entries.length, at, actor: ADMIN, command: assignmentRequest('adminRemove', { id: 'too-early', principalId: DEMO, roleDefinitionId: ROLE.userAdministrator }) };
    const outcome = grade(buildAttemptFile(r.meta('0.1.0'), [...r.entries, remove]), [lab]);
    const retryAt = toInstant(madeMs + 5 * MINUTE_MS);
    expect(parseInstant(remove.at)!).toBeLessThan(madeMs + 5 * MINUTE_MS);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'ReplayRefused', rule: { code: 'ActiveDurationTooShort', retryAt } } });
    expect(!outcome.ok && outcome.error.message).toMatch(new RegExp(`ActiveDurationTooShort: An assignment cannot be removed within 5 minutes of being made\\. It can succeed from ${retryAt}\\.$`));
  });
});
