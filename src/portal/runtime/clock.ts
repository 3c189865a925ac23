// The tenant clock the portal reads and stamps commands with. Real time by default; a lab may move
// it ahead (advanceClock, "2 hours later"), and from then on it keeps running from the new time.
// Only the log is stored, so the lead is derived from it: the tenant time of the last write minus
// the wall time of that write (the attempt row's updatedAt). It survives reloads and other tabs.

export interface ClockInputs {
  /** The folded tenant's clock: the time of its latest command. */
  nowMs: number;
  /** Wall-clock time of the attempt's last write (ISO 8601). */
  updatedAt: string;
}

/** How far the tenant clock runs ahead of the wall clock (never negative). */
export function clockLead({ nowMs, updatedAt }: ClockInputs): number {
  const wroteAt = Date.parse(updatedAt);
  return Number.isFinite(wroteAt) ? Math.max(0, nowMs - wroteAt) : 0;
}

/** The tenant time at wall time `wallMs`: never behind the tenant's last command, so never backwards. */
export function tenantTime(wallMs: number, inputs: ClockInputs): number {
  return Math.max(wallMs + clockLead(inputs), inputs.nowMs);
}
