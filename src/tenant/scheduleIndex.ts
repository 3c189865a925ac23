import type { RoleSchedule } from './model';

// Indexes that keep replay linear in the log (issue 9, item 6). A rule never scans every schedule
// a principal ever had: it looks up the live schedules of one principal, role and scope, sorted by
// start, with a binary search; and a tick never scans every timed schedule: due times wait in a
// priority queue. Both are mutated in place by `evolve` and copied by `cloneState`.

/** Request statuses of a schedule that is not (or no longer) provisioned: never in force. */
export const NOT_PROVISIONED: ReadonlySet<string> = new Set(['PendingApproval', 'Denied', 'Canceled', 'Failed', 'Revoked']);

/** Which list a schedule lives in: eligibilities, standing (Assigned) and Activated assignments apart. */
export type ScheduleLine = 'eligibility' | 'assigned' | 'activated';

export function lineOf(s: RoleSchedule): ScheduleLine {
  return s.kind === 'eligibility' ? 'eligibility' : s.assignmentType === 'Assigned' ? 'assigned' : 'activated';
}

export function lineKey(line: ScheduleLine, roleDefinitionId: string, directoryScopeId: string): string {
  return `${line}|${roleDefinitionId}|${directoryScopeId}`;
}

/**
 * The live schedules of one principal, line, role and scope, sorted by start (ties in insertion
 * order), with each one's start and effective end beside its id so that a search reads numbers
 * only. `disjoint` holds while no two of them overlap, which the tenant's own overlap rules keep
 * true; then their ends are sorted too and every query is a binary search. A starting tenant with
 * duplicate assignments, or an end moved later (lock-out protection), clears it, and queries over
 * that list scan it.
 */
export interface LiveLine {
  ids: string[];
  starts: number[];
  ends: number[];
  disjoint: boolean;
}

export function emptyLine(): LiveLine {
  return { ids: [], starts: [], ends: [], disjoint: true };
}

export function copyLine(l: LiveLine): LiveLine {
  return { ids: l.ids.slice(), starts: l.starts.slice(), ends: l.ends.slice(), disjoint: l.disjoint };
}

/** Live: provisioned (or waiting for its start) and not ended: what PIM's rules compare against. */
export function isLive(s: RoleSchedule): boolean {
  return !NOT_PROVISIONED.has(s.status) && s.endedMs === null;
}

/** The instant a schedule stops being in force (Infinity: never). */
export function effectiveEndMs(s: RoleSchedule): number {
  return Math.min(s.endMs ?? Infinity, s.endedMs ?? Infinity);
}

/** First index whose schedule starts at or after `t` (`strict`: after `t`). */
function firstStartingFrom(line: LiveLine, t: number, strict: boolean): number {
  const starts = line.starts;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? starts[mid]! <= t : starts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertLive(line: LiveLine, s: RoleSchedule): void {
  const at = firstStartingFrom(line, s.startMs, true);
  const end = effectiveEndMs(s);
  // Overlapping a neighbour (the one before ends after this starts, or the one after starts before this ends).
  if (line.disjoint && ((at > 0 && line.ends[at - 1]! > s.startMs) || (at < line.ids.length && line.starts[at]! < end))) line.disjoint = false;
  if (at === line.ids.length) {
    line.ids.push(s.id);
    line.starts.push(s.startMs);
    line.ends.push(end);
  } else {
    line.ids.splice(at, 0, s.id);
    line.starts.splice(at, 0, s.startMs);
    line.ends.splice(at, 0, end);
  }
}

function indexIn(line: LiveLine, s: RoleSchedule): number {
  for (let i = firstStartingFrom(line, s.startMs, false); i < line.ids.length && line.starts[i] === s.startMs; i++) if (line.ids[i] === s.id) return i;
  return -1;
}

export function removeLive(line: LiveLine, s: RoleSchedule): void {
  const i = indexIn(line, s);
  if (i < 0) return;
  line.ids.splice(i, 1);
  line.starts.splice(i, 1);
  line.ends.splice(i, 1);
}

/** A live schedule's end moved: the list stays sorted by start, but may no longer be disjoint. */
export function endMoved(line: LiveLine, s: RoleSchedule): void {
  const i = indexIn(line, s);
  if (i < 0) return;
  line.ends[i] = effectiveEndMs(s);
  if (i + 1 < line.ids.length && line.starts[i + 1]! < line.ends[i]!) line.disjoint = false;
}

/** Ids of the live schedules that overlap [startMs, endMs) (endMs null: without end), earliest first. */
export function overlappingLive(line: LiveLine | undefined, startMs: number, endMs: number | null): string[] {
  if (!line) return [];
  const upTo = endMs === null ? line.ids.length : firstStartingFrom(line, endMs, false);
  const found: string[] = [];
  // Disjoint: ends rise with starts, so walking back from the last one that starts before endMs
  // stops at the first that ends by startMs.
  for (let i = upTo - 1; i >= 0; i--) {
    if (line.ends[i]! > startMs) found.push(line.ids[i]!);
    else if (line.disjoint) break;
  }
  return found.reverse();
}

// ---------- due times ----------

/** A schedule that time alone will change at `dueMs` (its start, or its end). */
export interface DueTime {
  dueMs: number;
  id: string;
}

const earlier = (a: DueTime, b: DueTime) => a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.id < b.id);

/** Binary min-heap of due times. Entries are never updated: a newer due time supersedes (see dueMsById). */
export function pushDue(heap: DueTime[], entry: DueTime): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >>> 1;
    if (!earlier(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

export function popDue(heap: DueTime[]): void {
  const last = heap.pop();
  if (!heap.length || !last) return;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && earlier(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && earlier(heap[r]!, heap[m]!)) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m]!, heap[i]!];
    i = m;
  }
}

/**
 * The ids of the entries due at or before `atMs` that are still current, without changing the heap
 * (a tick computes its events from a state it must not touch). Walks only the heap's nodes due by
 * then: a node due later hides its whole subtree.
 */
export function dueBy(heap: readonly DueTime[], current: ReadonlyMap<string, number>, atMs: number): string[] {
  const ids: string[] = [];
  // A due time that came back to an earlier value (26, then 0, then 26 again) has two entries that
  // both read as current: each id is due once.
  const seen = new Set<string>();
  const stack = heap.length && heap[0]!.dueMs <= atMs ? [0] : [];
  while (stack.length) {
    const i = stack.pop()!;
    const e = heap[i]!;
    if (current.get(e.id) === e.dueMs && !seen.has(e.id)) {
      seen.add(e.id);
      ids.push(e.id);
    }
    for (const c of [2 * i + 1, 2 * i + 2]) if (c < heap.length && heap[c]!.dueMs <= atMs) stack.push(c);
  }
  return ids;
}
