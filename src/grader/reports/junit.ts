import type { GradeOutcome } from '../grade';
import type { IntegrityFlag } from '../integrity';

// The report for CI dashboards: JUnit XML, one <testsuite> per attempt file and one <testcase> per
// check (a failed check is a <failure>). A file that could not be graded is a suite with a single
// testcase holding an <error>. Suites are written one by one between junitOpen() and junitClose(),
// so a class's report streams.

// Characters XML 1.0 cannot hold at all (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Controls XML could hold but a CI dashboard would render invisibly (C1, DEL, bidi): shown as \uXXXX.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(NOT_XML, (c) => (c.length === 1 && c < ' ' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : '\ufffd')).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const attr = (name: string, value: string | number) => `${name}="${xmlEscape(String(value))}"`;

export function junitOpen(name = 'pim-lab grade'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attr('name', name)}>\n`;
}

export function junitClose(): string {
  return '</testsuites>\n';
}

// Integrity flags are properties, so that dashboards show them beside the score they never change.
const flagProperties = (flags: readonly IntegrityFlag[] = []) => flags.map((f) => `      <property ${attr('name', `flag:${f.code}`)} ${attr('value', f.message)}/>\n`).join('');
// The learner the file names, as the suite's first property (the suite is named after the file).
const learnerProperty = (learner: string | null | undefined) => (learner ? `      <property ${attr('name', 'learner')} ${attr('value', learner)}/>\n` : '');

/** One attempt file as a <testsuite>; `seconds` is the time spent grading it. */
export function junitSuite(name: string, outcome: GradeOutcome, seconds = 0): string {
  const time = seconds.toFixed(3);
  if (!outcome.ok) {
    const e = outcome.error;
    return (
      `  <testsuite ${attr('name', name)} tests="1" failures="0" errors="1" skipped="0" ${attr('time', time)}>\n` +
      (outcome.flags?.length || outcome.learner ? `    <properties>\n${learnerProperty(outcome.learner)}${flagProperties(outcome.flags)}    </properties>\n` : '') +
      `    <testcase ${attr('classname', 'pim-lab')} ${attr('name', 'attempt file can be graded')} ${attr('file', name)} ${attr('time', time)}>\n` +
      `      <error ${attr('type', e.code)} ${attr('message', e.message)}>${xmlEscape(`${e.code}: ${e.message}`)}</error>\n` +
      `    </testcase>\n  </testsuite>\n`
    );
  }
  const r = outcome.report;
  const failures = r.checks.filter((c) => c.status === 'failed').length;
  const cases = r.checks.map((c) => {
    const open = `    <testcase ${attr('classname', r.lab.id)} ${attr('name', `${c.id}: ${c.title}`)} ${attr('file', name)} time="0"`;
    if (c.status === 'passed') return `${open}/>\n`;
    const body = `${c.message}\nLesson step${c.steps.length > 1 ? 's' : ''}: ${c.steps.join(', ')}\nFound: ${c.evidence}\nCheck: ${c.detail}\nPoints: 0/${c.maxScore}`;
    return `${open}>\n      <failure ${attr('type', 'CheckFailed')} ${attr('message', c.message)}>${xmlEscape(body)}</failure>\n    </testcase>\n`;
  });
  return (
    `  <testsuite ${attr('name', name)} ${attr('tests', r.checks.length)} ${attr('failures', failures)} errors="0" skipped="0" ${attr('time', time)}>\n` +
    `    <properties>\n` +
    learnerProperty(r.attempt.learner) +
    `      <property ${attr('name', 'lab')} ${attr('value', r.lab.id)}/>\n` +
    `      <property ${attr('name', 'score')} ${attr('value', r.score)}/>\n` +
    `      <property ${attr('name', 'maxScore')} ${attr('value', r.maxScore)}/>\n` +
    flagProperties(r.flags) +
    `    </properties>\n` +
    cases.join('') +
    `  </testsuite>\n`
  );
}
