import { commandSchema, type Command, type LogEntry } from '../tenant';
import { canonicalJson, sortKeys } from './canonicalJson';
import { eventHash, headerHash, nobleSha256Hex, type Sha256Hex } from './chain';
import { gradeError, type EventRef, type GradeError } from './errors';
import { describeIssue, describeValue, jsonPath, type IssueLike, type PathSegment } from './issues';
import {
  ATTEMPT_FORMAT,
  ATTEMPT_VERSION,
  attemptFileSchema,
  MAX_ATTEMPT_CHARS,
  MAX_DEPTH,
  type AttemptEvent,
  type AttemptFile,
  type AttemptMeta,
  wellFormedAttemptFile,
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
  const header = {
    format: ATTEMPT_FORMAT,
    version: ATTEMPT_VERSION,
    labId: meta.labId,
    appVersion: meta.appVersion,
    seedId: meta.seedId,
    startAt: meta.startAt,
    // Only when the learner gave one: a file without a name is the version 1 file as it always was.
    ...(meta.learner !== undefined ? { learner: meta.learner } : {}),
  } as const;
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

/** Where JSON text first goes wrong: `end` when it stops early, else the offending character's index. */
export type JsonFault = { end: true; pos: number } | { end: false; pos: number };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * The first fault of a JSON text, or null if it is valid JSON. Engines word JSON.parse errors
 * differently and V8's quotes the text itself (`"root:x:0:0"... is not valid JSON`), which must
 * never reach a report; this scanner gives a position instead. Iterative, so nesting costs nothing.
 */
export function findJsonFault(text: string): JsonFault | null {
  const n = text.length;
  const stack: string[] = [];
  type Mode = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'done';
  let mode: Mode = 'value';
  let i = 0;
  const after = (): Mode => (stack.length ? 'commaOrClose' : 'done');
  // Index after the string starting at `at`, or a fault.
  const scanString = (at: number): number | JsonFault => {
    let j = at + 1;
    for (;;) {
      if (j >= n) return { end: true, pos: n };
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20) return { end: false, pos: j };
      if (c === 0x5c) {
        if (j + 1 >= n) return { end: true, pos: n };
        const e = text[j + 1]!;
        if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            if (j + k >= n) return { end: true, pos: n };
            if (!/[0-9a-fA-F]/.test(text[j + k]!)) return { end: false, pos: j + k };
          }
          j += 6;
        } else if (ESCAPES.has(e)) j += 2;
        else return { end: false, pos: j + 1 };
      } else j++;
    }
  };
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= n) return mode === 'done' ? null : { end: true, pos: n };
    const c = text[i]!;
    if (mode === 'done') return { end: false, pos: i };
    if (mode === 'colon') {
      if (c !== ':') return { end: false, pos: i };
      i++;
      mode = 'value';
      continue;
    }
    if (mode === 'commaOrClose') {
      const top = stack[stack.length - 1];
      if (c === ',') {
        i++;
        mode = top === '{' ? 'key' : 'value';
      } else if (c === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        mode = after();
      } else return { end: false, pos: i };
      continue;
    }
    if (mode === 'keyOrClose' || mode === 'key') {
      if (mode === 'keyOrClose' && c === '}') {
        stack.pop();
        i++;
        mode = after();
        continue;
      }
      if (c !== '"') return { end: false, pos: i };
      const j = scanString(i);
      if (typeof j !== 'number') return j;
      i = j;
      mode = 'colon';
      continue;
    }
    // A value (or, in an array just opened, its end).
    if (mode === 'valueOrClose' && c === ']') {
      stack.pop();
      i++;
      mode = after();
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      mode = c === '{' ? 'keyOrClose' : 'valueOrClose';
    } else if (c === '"') {
      const j = scanString(i);
      if (typeof j !== 'number') return j;
      i = j;
      mode = after();
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return i + 1 >= n ? { end: true, pos: n } : { end: false, pos: i + 1 };
      i += m[0].length;
      // "1." or "1e" cut at the end of the text is a truncation, not a stray character.
      if (i < n && /[.eE]/.test(text[i]!) && !/\d/.test(text[i + 1] ?? '')) return i + 1 >= n ? { end: true, pos: n } : { end: false, pos: i + 1 };
      mode = after();
    } else {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : '';
      if (!word) return { end: false, pos: i };
      for (let k = 1; k < word.length; k++) {
        if (i + k >= n) return { end: true, pos: n };
        if (text[i + k] !== word[k]) return { end: false, pos: i + k };
      }
      i += word.length;
      mode = after();
    }
  }
}

/** What kind of character is at `pos`, in words that never quote the file (it may be any file). */
function characterKind(text: string, pos: number): string {
  const c = text[pos]!;
  if ('{}[],:"'.includes(c)) return `an unexpected '${c}'`;
  if (/[A-Za-z]/.test(c)) return 'an unexpected letter';
  if (/[0-9]/.test(c)) return 'an unexpected digit';
  if (c === ' ' || c === '\t' || c === '\n' || c === '\r') return 'an unexpected space';
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return 'a control character';
  if (code === 0xfffd) return 'an undecodable byte (the file is not UTF-8 text)';
  if (code > 0x7f) return 'an unexpected non-ASCII character';
  return 'an unexpected punctuation mark';
}

/** Line and column (1-based) of an index. */
function lineColumn(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < pos; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return `line ${line}, column ${pos - lineStart + 1}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first value nested deeper than MAX_DEPTH, or the first number JSON cannot hold exactly
 * (1e400 parses as Infinity), as an InvalidAttemptFile error; null when neither. Iterative: a
 * hostile file nested 5,000 levels must not overflow the stack before it is refused.
 */
export function checkShape(value: unknown, text?: string): GradeError | null {
  return withinShape(value) ? null : locateShapeError(value, text);
}

/** Whether no value nests past MAX_DEPTH and every number is finite: one pass, no path kept. */
function withinShape(value: unknown): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        values.push(v[i]);
        depths.push(depth + 1);
      }
    } else {
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        values.push((v as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}

/** checkShape's error for a value withinShape refused: the first offending value, with its JSON path. */
function locateShapeError(value: unknown, text?: string): GradeError | null {
  type Node = { value: unknown; depth: number; key: PathSegment | null; parent: Node | null };
  const pathOf = (node: Node): string => {
    const segs: PathSegment[] = [];
    for (let p: Node | null = node; p && p.key !== null; p = p.parent) segs.push(p.key);
    return jsonPath(segs.reverse());
  };
  const stack: Node[] = [{ value, depth: 1, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        const path = pathOf(node);
        const literal = text === undefined ? null : hugeNumberLiteral(text);
        return gradeError('InvalidAttemptFile', `${path}: ${literal ? `a number too large for JSON's safe integers (${literal})` : "a number too large for JSON's safe integers"}.`, { path });
      }
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (node.depth >= MAX_DEPTH) {
      const path = pathOf(node);
      return gradeError('InvalidAttemptFile', `${path}: nested too deeply (an attempt file nests at most ${MAX_DEPTH} levels).`, { path });
    }
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: node.depth + 1, key: i, parent: node });
    else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]!], depth: node.depth + 1, key: keys[i]!, parent: node });
    }
  }
  return null;
}

/** The first number literal of a text (outside strings) that is beyond doubles, as written, capped in length. */
function hugeNumberLiteral(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      // Skip the string: hashes and ids hold digits too.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) continue;
      if (!Number.isFinite(Number(m[0]))) return m[0].length > 24 ? `${m[0].slice(0, 23)}…` : m[0];
      i += m[0].length - 1;
    }
  }
  return null;
}

/** Step 1: the text as JSON, its depth and numbers bounded. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: GradeError } {
  if (text.length > MAX_ATTEMPT_CHARS) return { ok: false, error: gradeError('TooLarge', `The file has ${text.length} characters; an attempt file has at most ${MAX_ATTEMPT_CHARS}.`) };
  // A byte order mark, as some Windows editors save, is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, error: gradeError('EmptyFile', 'The file is empty: an attempt file is the JSON that Export attempt saves.') };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const fault = findJsonFault(body);
    if (fault?.end)
      return { ok: false, error: gradeError('TruncatedJson', `The JSON stops after ${body.length} characters, in the middle of a value: the file was cut short (an incomplete download or copy?).`) };
    // Never the engine's message: V8's quotes the start of the text, and the file may be any file.
    return {
      ok: false,
      error: gradeError('NotJson', fault ? `The file is not JSON: ${characterKind(body, fault.pos)} at ${lineColumn(body, fault.pos)}.` : 'The file is not JSON this grader can read.'),
    };
  }
  const shape = checkShape(value, body);
  return shape ? { ok: false, error: shape } : { ok: true, value };
}

/** Steps 2–3: a parsed JSON value as an attempt file. */
export function parseAttemptValue(value: unknown): ParseResult {
  return parseCheckedValue(value, true);
}

function parseCheckedValue(value: unknown, checkDepth: boolean): ParseResult {
  // A value handed over directly (not text) is bounded here; parseJson has already done it for text.
  if (checkDepth) {
    const shape = checkShape(value);
    if (shape) return { ok: false, error: shape };
  }
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
  // Files as the site writes them take the one-pass read; zod reads the rest and words the error.
  let file = wellFormedAttemptFile(value);
  if (!file) {
    const parsed = attemptFileSchema.safeParse(value);
    if (!parsed.success) return { ok: false, error: schemaError(parsed.error.issues as unknown as IssueLike[], value) };
    file = parsed.data;
  }
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
  return json.ok ? parseCheckedValue(json.value, false) : json;
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
 * canonicalJson of each event's payload, in order: the chain and the events digest both hash it, so
 * the grader writes it once per attempt.
 */
export function payloadsJson(file: AttemptFile): string[] {
  return file.events.map((e) => canonicalJson(e.payload));
}

/**
 * Step 4: every event's hash against its content and the hash before it. Returns the first event
 * that does not match, or null. Reads the values as the file has them (before zod's defaults and
 * normalisation), which are what was hashed.
 */
export function verifyChain(file: AttemptFile, sha256: Sha256Hex = nobleSha256Hex, payloadJsons: readonly string[] = payloadsJson(file)): GradeError | null {
  let previous = headerHash(file, sha256);
  for (let i = 0; i < file.events.length; i++) {
    const e = file.events[i]!;
    const expected = eventHash(previous, e, sha256, payloadJsons[i]);
    if (expected !== e.hash) {
      const why =
        i === 0
          ? 'the event or the file header (lab, seed, start time, versions, learner) was edited after export'
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
