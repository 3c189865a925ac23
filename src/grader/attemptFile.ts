import { commandSchema, type Command, type LogEntry } from '../tenant';
import { sortKeys } from './canonicalJson';
import { eventHash, headerHash, nobleSha256Hex, type Sha256Hex } from './chain';
import { gradeError, type EventRef, type GradeError } from './errors';
import { describeIssue, describeValue, type IssueLike } from './issues';
import {
  ATTEMPT_FORMAT,
  ATTEMPT_VERSION,
  attemptFileSchema,
  MAX_ATTEMPT_CHARS,
  type AttemptEvent,
  type AttemptFile,
  type AttemptMeta,
} from './schemas/attemptFile';

// Writing and reading attempt files. Reading checks, in order: JSON, the format and version, the
// schema (header, events, then each event's command), and the hash chain; each step returns the
// first problem as a GradeError and never throws.

/** An attempt file read back: the file as written (for the chain) and its log, commands parsed. */
export interface ParsedAttempt {
  file: AttemptFile;
  entries: LogEntry[];
}

export type ParseResult = { ok: true; attempt: ParsedAttempt } | { ok: false; error: GradeError };

/**
 * The attempt file for a log. `entries` are the store's log entries, in order; each becomes an
 * event {seq, at, actor, type, payload, hash}, chained from the header's hash.
 */
export function buildAttemptFile(meta: AttemptMeta, entries: readonly LogEntry[], sha256: Sha256Hex = nobleSha256Hex): AttemptFile {
  const header = { format: ATTEMPT_FORMAT, version: ATTEMPT_VERSION, labId: meta.labId, appVersion: meta.appVersion, seedId: meta.seedId, startAt: meta.startAt } as const;
  let previous = headerHash(header, sha256);
  const events: AttemptEvent[] = entries.map((entry) => {
    const { type, ...rest } = entry.command;
    // Through JSON once, so the payload hashed here is exactly what a reader will parse back
    // (undefined fields dropped); keys in canonical order, so verifying takes the fast path.
    const payload = sortKeys(JSON.parse(JSON.stringify(rest)) as Record<string, unknown>);
    const fields = { seq: entry.seq, at: entry.at, actor: entry.actor, type, payload };
    previous = eventHash(previous, fields, sha256);
    return { ...fields, hash: previous };
  });
  return { ...header, events, lastHash: previous };
}

/**
 * The file's text: the header one field per line and each event on a line of its own, so that a
 * file reads (and diffs) event by event. Any JSON serialisation of the same values grades the same.
 */
export function stringifyAttemptFile(file: AttemptFile): string {
  const { events, lastHash, ...header } = file;
  const head = Object.entries(header).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const body = events.length ? `[\n${events.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]` : '[]';
  return `{\n${head.join(',\n')},\n  "events": ${body},\n  "lastHash": ${JSON.stringify(lastHash)}\n}\n`;
}

/** Whether a JSON.parse failure means the text stops early (engines word it differently). */
function endsEarly(text: string, e: unknown): boolean {
  const message = e instanceof Error ? e.message : String(e);
  if (/end of (JSON input|data)|unexpected EOF|Unterminated string/i.test(message)) return true;
  const at = /at position (\d+)/.exec(message);
  return at !== null && Number(at[1]) >= text.trimEnd().length;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Step 1: the text as JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: GradeError } {
  if (text.length > MAX_ATTEMPT_CHARS) return { ok: false, error: gradeError('TooLarge', `The file has ${text.length} characters; an attempt file has at most ${MAX_ATTEMPT_CHARS}.`) };
  // A byte order mark, as some Windows editors save, is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, error: gradeError('EmptyFile', 'The file is empty: an attempt file is the JSON that Export attempt saves.') };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    if (endsEarly(body, e))
      return { ok: false, error: gradeError('TruncatedJson', `The JSON stops after ${body.length} characters, in the middle of a value: the file was cut short (an incomplete download or copy?).`) };
    return { ok: false, error: gradeError('NotJson', `The file is not JSON: ${whereJsonFails(body, e)}.`) };
  }
}

/**
 * Where and on what JSON.parse stopped, without quoting the text: a learner's file may be a link to
 * anything the grading machine can read, and engines' messages quote the text they refused.
 */
function whereJsonFails(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  let pos = at ? Number(at[1]) : -1;
  if (pos < 0) {
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (lc) {
      let line = 1;
      pos = 0;
      while (line < Number(lc[1]) && pos < text.length) if (text.charCodeAt(pos++) === 10) line++;
      pos += Number(lc[2]) - 1;
    }
  }
  if (pos < 0) {
    // V8 words a bad first character without a position ("Unexpected token 'r', "root:x"…").
    const first = text.search(/\S/);
    if (first >= 0 && !/[{["\-0-9tfn]/.test(text[first]!)) pos = first;
  }
  if (pos < 0 || pos >= text.length) return 'it is not valid JSON';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) (line++, (lineStart = i + 1));
  const c = text.charCodeAt(pos);
  const kind =
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
      ? 'a letter'
      : c >= 48 && c <= 57
        ? 'a digit'
        : c < 32 || c === 127
          ? `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`
          : c > 127
            ? 'a non-ASCII character'
            : `the character ${JSON.stringify(String.fromCharCode(c))}`;
  return `${kind} where JSON cannot have one, at line ${line}, column ${pos - lineStart + 1}`;
}

/** Steps 2–3: a parsed JSON value as an attempt file. */
export function parseAttemptValue(value: unknown): ParseResult {
  if (!isRecord(value))
    return { ok: false, error: gradeError('NotAnAttemptFile', `The JSON is ${describeValue(value)}, not an attempt file (an object with "format": "${ATTEMPT_FORMAT}").`, { path: '$' }) };
  if (value.format !== ATTEMPT_FORMAT)
    return {
      ok: false,
      error: gradeError('NotAnAttemptFile', `$.format: expected "${ATTEMPT_FORMAT}", got ${describeValue(value.format)}: this is not a PIM Lab attempt file.`, { path: '$.format' }),
    };
  if (value.version !== ATTEMPT_VERSION) {
    const newer = typeof value.version === 'number' && value.version > ATTEMPT_VERSION;
    return {
      ok: false,
      error: gradeError(
        'UnsupportedVersion',
        `$.version: this grader reads attempt files of version ${ATTEMPT_VERSION}, got ${describeValue(value.version)}${newer ? ': update pim-lab to grade it' : ''}.`,
        { path: '$.version' },
      ),
    };
  }
  const parsed = attemptFileSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: schemaError(parsed.error.issues as unknown as IssueLike[], value) };
  const file = parsed.data;
  const entries: LogEntry[] = new Array(file.events.length);
  for (let i = 0; i < file.events.length; i++) {
    const e = file.events[i]!;
    if (Object.hasOwn(e.payload, 'type'))
      return { ok: false, error: gradeError('InvalidAttemptFile', `$.events[${i}].payload.type: unexpected field (the command's type is the event's "type").`, { path: `$.events[${i}].payload.type` }) };
    const command = commandSchema.safeParse({ ...e.payload, type: e.type });
    if (!command.success) {
      const issue = command.error.issues[0] as unknown as IssueLike;
      // The command's `type` is the event's; the rest of it is the payload.
      const inPayload = issue.path[0] !== 'type';
      const d = describeIssue(
        { ...issue, path: inPayload ? issue.path : issue.path.slice(1) },
        inPayload ? e.payload : e.type,
        inPayload ? ['events', i, 'payload'] : ['events', i, 'type'],
      );
      return { ok: false, error: gradeError('InvalidAttemptFile', `${d.path}: ${d.message}.`, { path: d.path }) };
    }
    entries[i] = { seq: e.seq, at: e.at, actor: e.actor, command: command.data as Command };
  }
  return { ok: true, attempt: { file, entries } };
}

function schemaError(issues: readonly IssueLike[], input: unknown): GradeError {
  const d = describeIssue(issues[0]!, input);
  return gradeError('InvalidAttemptFile', `${d.path}: ${d.message}.`, { path: d.path });
}

/** Steps 1–3: the text of an attempt file, checked and parsed (the chain is checked by verifyChain). */
export function parseAttemptFile(text: string): ParseResult {
  const json = parseJson(text);
  return json.ok ? parseAttemptValue(json.value) : json;
}

export function eventRef(file: AttemptFile, index: number): EventRef {
  const e = file.events[index];
  return { index, seq: e?.seq ?? null, type: e?.type ?? null, actor: e?.actor ?? null, at: e?.at ?? null };
}

/** What a person needs to find an event in the file: `event 5 (seq 5, createUser at 2025-…)`. */
export function describeEvent(file: AttemptFile, index: number): string {
  const e = file.events[index];
  if (!e) return `event ${index}`;
  const action = typeof e.payload.action === 'string' ? ` ${e.payload.action}` : '';
  return `event ${index} (seq ${e.seq}, ${e.type}${action} at ${e.at})`;
}

/**
 * Step 4: every event's hash against its content and the hash before it. Returns the first event
 * that does not match, or null. Reads the values as the file has them (before zod's defaults and
 * normalisation), which are what was hashed.
 */
export function verifyChain(file: AttemptFile, sha256: Sha256Hex = nobleSha256Hex): GradeError | null {
  let previous = headerHash(file, sha256);
  for (let i = 0; i < file.events.length; i++) {
    const e = file.events[i]!;
    const expected = eventHash(previous, e, sha256);
    if (expected !== e.hash) {
      const why =
        i === 0
          ? 'the event or the file header (lab, seed, start time, versions) was edited after export'
          : 'the event was edited after export, or an event before it was removed, added or moved';
      return gradeError('BrokenChain', `The hash chain breaks at ${describeEvent(file, i)}: its hash does not match its content; ${why}.`, { event: eventRef(file, i) });
    }
    previous = e.hash;
  }
  if (file.lastHash !== previous)
    return gradeError(
      'BrokenChain',
      file.events.length
        ? `The hash chain breaks after the last event, ${describeEvent(file, file.events.length - 1)}: lastHash does not match it; events were removed from the end, or lastHash was edited.`
        : 'The hash chain breaks: lastHash does not match the file header; the header was edited or the events were removed.',
      file.events.length ? { event: eventRef(file, file.events.length - 1) } : {},
    );
  return null;
}
