// The one JSON text an event's hash is computed over: object keys in code-unit order, no spaces,
// strings and numbers as JSON.stringify writes them. Key order and whitespace in the file may then
// change (an editor reformats it, another tool re-serialises it) without breaking the chain.
// These functions recurse once per level of nesting. The grader only calls them on values whose
// depth parseAttemptFile has bounded (MAX_DEPTH, 32 levels: checkShape in attemptFile.ts) or on
// commands the core's schemas accept, so no attempt file can take them near a stack limit.

/** Canonical JSON of a JSON value (what JSON.parse returns); keys holding `undefined` are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  // Files written by buildAttemptFile already have their keys in order: then the native
  // JSON.stringify gives the same text at a third of the cost of sorting and joining here.
  return inCanonicalOrder(value) ? JSON.stringify(value) : sortedJson(value);
}

/** Whether JSON.stringify(value) is already canonical: plain objects and arrays, keys in order, no undefined. */
export function inCanonicalOrder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!inCanonicalOrder(value[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  let previous: string | null = null;
  for (const key in value) {
    if (previous !== null && !(previous < key)) return false;
    if (!inCanonicalOrder((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

/** Canonical JSON by sorting every object's keys: the definition, for values not already in order. */
export function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : sortedJson(value[i]));
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + sortedJson(v);
    first = false;
  }
  return out + '}';
}

/** A copy of a JSON value with every object's keys in canonical order (what buildAttemptFile writes). */
export function sortKeys<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = sortKeys((value as Record<string, unknown>)[key]);
    // Assigning "__proto__" would set the prototype instead of the key JSON.parse gave us.
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}
