import { useEffect, useState } from 'react';
import { followChecksLater } from './followChecksLater';
import type { LiveChecks } from './liveChecks';

// One of the lab's checks, live for the current attempt: "✓ Passed" or "✗ Not yet" beside its
// title, graded by the same grader as Check my work and `pim-lab grade`.

export interface CheckBadgeProps {
  labId: string;
  checkId: string;
  /** The check's title from the lab's manifest (resolved at build time). */
  title: string;
}

export default function CheckBadge({ labId, checkId, title }: CheckBadgeProps) {
  const [live, setLive] = useState<LiveChecks>({ kind: 'checking' });
  useEffect(() => followChecksLater(labId, setLive), [labId]);

  const check = live.kind === 'graded' ? live.checks.get(checkId) : undefined;
  const status =
    live.kind === 'checking' ? 'checking' : live.kind === 'problem' || !check ? 'unknown' : check.status === 'passed' ? 'passed' : 'failed';
  const text = { checking: 'Checking…', unknown: 'Cannot check', passed: 'Passed', failed: 'Not yet' }[status];
  const why = live.kind === 'problem' ? live.message : live.kind === 'graded' && !check ? `The lab has no check '${checkId}'.` : undefined;

  return (
    <p className={`check-badge check-badge-${status}`} data-check={checkId}>
      <span className="check-badge-title">{title}</span>{' '}
      <span className="check-badge-status" role="status">
        <span aria-hidden="true">{status === 'passed' ? '✓ ' : status === 'failed' ? '✗ ' : ''}</span>
        {text}
      </span>
      {why && <span className="check-badge-why"> {why}</span>}
    </p>
  );
}
