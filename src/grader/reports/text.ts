import type { GradeOutcome } from '../grade';

// The report for people: one block per attempt file, a line per check, and under a failed check
// what the learner should do (with the lesson step) and what the grader found.

const stepsWords = (steps: readonly string[]) => (steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.join(', ')}`);

export function textReport(name: string, outcome: GradeOutcome): string {
  if (!outcome.ok) return `${name}: could not be graded: ${outcome.error.code}: ${outcome.error.message}\n`;
  const r = outcome.report;
  const lines = [`${name}: ${r.score}/${r.maxScore} ${r.passed ? 'PASSED' : 'FAILED'}: ${r.lab.title} (${r.lab.id}), ${r.attempt.events} events`];
  const points = (c: (typeof r.checks)[number]) => `${c.score}/${c.maxScore}`;
  const width = Math.max(...r.checks.map((c) => points(c).length));
  for (const c of r.checks) {
    lines.push(`  ${c.status === 'passed' ? 'PASS' : 'FAIL'} ${points(c).padStart(width)}  ${c.id}: ${c.title}`);
    if (c.status === 'failed') {
      lines.push(`        ${c.message} See ${stepsWords(c.steps)}.`);
      lines.push(`        Found: ${c.evidence}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface BatchCounts {
  passed: number;
  failed: number;
  errors: number;
}

export function textSummary(c: BatchCounts): string {
  const files = c.passed + c.failed + c.errors;
  return `${files} file${files === 1 ? '' : 's'}: ${c.passed} passed, ${c.failed} failed, ${c.errors} could not be graded\n`;
}
