import type { LogEntry } from '../tenant';
import { parseInstant } from '../tenant';

// Integrity flags: signals, for the instructor, that an attempt may not have come from the site.
// A static site cannot keep a secret, so replay proves that every step obeys the tenant's rules, not
// who did the work. Flags never change the score.

import { canonicalJson } from './canonicalJson';
import type { Sha256Hex } from './chain';
import type { AttemptFile } from './schemas/attemptFile';
import { payloadsJson } from './attemptFile';

export type IntegrityFlagCode =
  /** An actor sent commands without signing in first in this attempt. */
  | 'actedWithoutSignIn'
  /** The events all happen at one instant, or faster than a person clicks. */
  | 'inhumanPace'
  /** The event list equals the lab's solution path. */
  | 'solutionPath'
  /** Another file of the same run has the same event list (set by the CLI, which sees the whole run). */
  | 'identicalEvents';

export interface IntegrityFlag {
  code: IntegrityFlagCode;
  /** One line for the instructor: what was seen in this attempt. */
  message: string;
}

/** Gaps between two commands shorter than this are faster than a person reads a pane and clicks. */
export const HUMAN_GAP_MS = 1000;

/**
 * The digest of what an attempt did: each event's actor, type, payload and time since the start, so
 * that two files with the same work compare equal even when their headers (start time, app version) differ.
 */
export function eventsDigest(file: AttemptFile, sha256: Sha256Hex, payloadJsons: readonly string[] = payloadsJson(file)): string {
  const startMs = parseInstant(file.startAt) ?? 0;
  // canonicalJson of [[actor, type, payload, ms since start], …], each payload's text given.
  let text = '[';
  for (let i = 0; i < file.events.length; i++) {
    const e = file.events[i]!;
    text += `${i ? ',' : ''}[${JSON.stringify(e.actor)},${JSON.stringify(e.type)},${payloadJsons[i]},${(parseInstant(e.at) ?? 0) - startMs}]`;
  }
  return sha256(`${text}]`);
}

function signature(e: LogEntry, withId = true): string {
  const { id: _id, ...rest } = e.command as LogEntry['command'] & { id?: unknown };
  return canonicalJson({ actor: e.actor, command: withId ? e.command : rest });
}

/**
 * The flags an attempt's log raises on its own ('identicalEvents' needs the other files of a run:
 * the CLI adds it). `solution` is the lab's solution path as log entries, when known.
 */
export function integrityFlags(entries: readonly LogEntry[], solution: readonly LogEntry[] | null): IntegrityFlag[] {
  const flags: IntegrityFlag[] = [];
  const signedIn = new Set<string>();
  const without = new Set<string>();
  for (const e of entries) {
    if (e.command.type === 'signIn') signedIn.add(e.actor);
    else if (!signedIn.has(e.actor)) without.add(e.actor);
  }
  if (without.size)
    flags.push({ code: 'actedWithoutSignIn', message: `Commands by ${[...without].join(', ')} come before any sign-in of theirs: the site signs an account in before it acts.` });

  // Pace: the gaps before each command but a sign-in (the portal signs an account in and sends its
  // first command at one instant).
  const times = entries.map((e) => parseInstant(e.at) ?? NaN);
  const gaps: number[] = [];
  for (let i = 1; i < entries.length; i++) if (entries[i - 1]!.command.type !== 'signIn') gaps.push(times[i]! - times[i - 1]!);
  if (entries.length >= 2 && times.every((t) => t === times[0]))
    flags.push({ code: 'inhumanPace', message: `All ${entries.length} events happen at one instant (${entries[0]!.at}).` });
  else if (gaps.length >= 2) {
    const fast = gaps.filter((g) => g < HUMAN_GAP_MS).length;
    if (fast * 2 > gaps.length)
      flags.push({ code: 'inhumanPace', message: `${fast} of the ${gaps.length} gaps between commands are shorter than ${HUMAN_GAP_MS / 1000} s: faster than a person reads and clicks (a script, or time travel?).` });
  }

  if (solution && solution.length && solution.length === entries.length) {
    if (entries.every((e, i) => signature(e) === signature(solution[i]!)))
      flags.push({ code: 'solutionPath', message: `The ${entries.length} commands are the lab's own solution path, command for command (ids included).` });
    // The author's request ids ("solution-eligible") are the one thing a copier would change.
    else if (entries.every((e, i) => signature(e, false) === signature(solution[i]!, false)))
      flags.push({ code: 'solutionPath', message: `The ${entries.length} commands are the lab's own solution path, command for command but for their request ids.` });
  }
  return flags;
}
