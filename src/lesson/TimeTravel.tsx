import { useEffect, useId, useRef, useState } from 'react';
import {
  CLOCK_ADVANCED_EVENT,
  CLOCK_CHANGED_EVENT,
  currentClock,
  requestAdvanceClock,
  type ClockAdvancedDetail,
  type ClockChangedDetail,
} from '../portal/runtime/events';
import { portalDateTime } from '../portal/shell/format';

// "2 hours later": moves the simulator's tenant clock ahead. The island only asks (a DOM event);
// the simulator runs the core's advanceClock, so the log stays the one truth and replay (Check my
// work, the CLI) sees the same jump. Plain React and DOM events, like ExpectAccount.

export interface TimeTravelProps {
  /** ISO 8601 duration, e.g. PT2H (checked at build time). */
  by: string;
  /** The button's text, e.g. "2 hours later". */
  label: string;
}

export default function TimeTravel({ by, label }: TimeTravelProps) {
  // Null until the simulator has loaded a tenant and announced its clock.
  const [clock, setClock] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const asked = useRef<string | null>(null);
  const baseId = useId();
  const count = useRef(0);

  useEffect(() => {
    setClock(currentClock?.nowMs ?? null);
    const onClock = (e: Event) => setClock((e as CustomEvent<ClockChangedDetail | null>).detail?.nowMs ?? null);
    const onAdvanced = (e: Event) => {
      const d = (e as CustomEvent<ClockAdvancedDetail>).detail;
      if (d.requestId !== asked.current) return;
      asked.current = null;
      setBusy(false);
      setOutcome(d.ok ? { ok: true, text: `${label}: the tenant's clock is now ${portalDateTime(d.nowMs)}.` } : { ok: false, text: d.message });
    };
    window.addEventListener(CLOCK_CHANGED_EVENT, onClock);
    window.addEventListener(CLOCK_ADVANCED_EVENT, onAdvanced);
    return () => {
      window.removeEventListener(CLOCK_CHANGED_EVENT, onClock);
      window.removeEventListener(CLOCK_ADVANCED_EVENT, onAdvanced);
    };
  }, [label]);

  const onClick = () => {
    const requestId = `${baseId}-${++count.current}`;
    asked.current = requestId;
    setBusy(true);
    setOutcome(null);
    requestAdvanceClock({ by, requestId });
  };

  return (
    <div className="time-travel" role="group" aria-labelledby={`${baseId}-title`}>
      <p id={`${baseId}-title`} className="time-travel-title">
        <span aria-hidden="true">⏱ </span>Time travel
      </p>
      <p className="time-travel-clock">
        Tenant time: {clock === null ? 'the simulator is starting…' : <time dateTime={new Date(clock).toISOString()}>{portalDateTime(clock)}</time>}
      </p>
      <button type="button" className="lesson-button" onClick={onClick} disabled={clock === null || busy}>
        {label}
      </button>
      <p role="status" className={outcome && !outcome.ok ? 'time-travel-status time-travel-problem' : 'time-travel-status'}>
        {outcome?.text}
      </p>
    </div>
  );
}
