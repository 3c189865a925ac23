// zod/mini carries no English messages (that keeps its bundle small), so schema problems are put
// into words here: the JSON path of the value and what was expected, e.g.
//   $.events[3].payload.scheduleInfo.expiration.duration: expected an ISO 8601 duration, e.g. PT8H or P365D

export type PathSegment = PropertyKey;

/** A JSONPath for a location: `$`, `$.events[3].at`, `$["odd key"]`. */
export function jsonPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** What a value is, in a few words, for "expected X, got Y". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `the string ${JSON.stringify(value.slice(0, 40))}…` : `the string ${JSON.stringify(value)}`;
    case 'number':
      // Infinity is what JSON.parse makes of 1e400; a huge integer has lost its exact value.
      if (!Number.isFinite(value)) return "a number too large for JSON's safe integers";
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) return `the number ${value}, beyond JSON's safe integers`;
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** The value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg as string];
  }
  return cur;
}

const A_OR_AN = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** The parts of a zod issue the messages use (zod/mini's issue union, loosely). */
export interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  inclusive?: boolean;
  discriminator?: string;
  options?: readonly unknown[];
  note?: string;
  format?: string;
}

/** "$.path: what is wrong" for the first issue, reading the offending value from `input`. */
export function describeIssue(issue: IssueLike, input: unknown, prefix: readonly PathSegment[] = []): { path: string; message: string } {
  let path = [...prefix, ...issue.path];
  const value = valueAt(input, issue.path);
  // Custom messages are sentences ("Expected an ISO 8601…"); after "$.path:" they read lower-case.
  const custom = issue.message && issue.message !== 'Invalid input' ? issue.message.replace(/^Expected\b/, 'expected') : null;
  let what: string;
  switch (issue.code) {
    case 'invalid_type':
      what =
        value === undefined
          ? `is missing (expected ${A_OR_AN(issue.expected ?? 'value')})`
          : `expected ${issue.expected === 'int' ? 'a whole number' : A_OR_AN(issue.expected ?? 'value')}, got ${describeValue(value)}`;
      break;
    case 'invalid_value':
      what = `expected ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(value)}`;
      break;
    case 'unrecognized_keys': {
      const keys = issue.keys ?? [];
      path = [...path, keys[0] ?? ''];
      what = `unexpected field${keys.length > 1 ? `s ${keys.map((k) => `'${k}'`).join(', ')}` : ''}`;
      break;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const cmp = small ? (issue.inclusive === false ? 'more than' : 'at least') : issue.inclusive === false ? 'fewer than' : 'at most';
      if (issue.origin === 'string') what = `must have ${cmp} ${bound} character${bound === 1 ? '' : 's'}, got ${describeValue(value)}`;
      else if (issue.origin === 'array') what = `must have ${cmp} ${bound} item${bound === 1 ? '' : 's'}, got ${Array.isArray(value) ? value.length : describeValue(value)}`;
      else what = `must be ${small ? (issue.inclusive === false ? 'greater than' : 'at least') : issue.inclusive === false ? 'less than' : 'at most'} ${bound}, got ${describeValue(value)}`;
      break;
    }
    case 'invalid_union':
      if (issue.discriminator) {
        what = `${value === undefined ? 'is missing' : `${describeValue(value)} is not known`}; expected one of ${(issue.options ?? []).map((o) => JSON.stringify(o)).join(', ')}`;
      } else what = `${describeValue(value)} matches none of the allowed forms`;
      break;
    case 'invalid_format':
      what = custom ?? `${describeValue(value)} is not a valid ${issue.format ?? 'value'}`;
      break;
    default:
      what = custom ?? `${describeValue(value)} is not valid here (${issue.code})`;
  }
  if (custom && issue.code === 'custom') what = `${custom}; got ${describeValue(value)}`;
  return { path: jsonPath(path), message: what };
}
