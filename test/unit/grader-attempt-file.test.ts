import { hash as nodeHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTEMPT_FORMAT,
  ATTEMPT_VERSION,
  attemptFileSchema,
  buildAttemptFile,
  canonicalJson,
  checkShape,
  findJsonFault,
  MAX_DEPTH,
  eventHash,
  headerHash,
  inCanonicalOrder,
  jsonPath,
  MAX_ATTEMPT_CHARS,
  nobleSha256Hex,
  parseAttemptFile,
  parseAttemptValue,
  sortedJson,
  sortKeys,
  stringifyAttemptFile,
  verifyChain,
  wellFormedAttemptFile,
  eventsDigest,
  payloadsJson,
  type AttemptFile,
} from '../../src/grader';
import { parseInstant } from '../../src/tenant';
import { complete, typicalAttempt } from '../../scripts/attemptScenarios';

// The attempt file: canonical JSON, the hash chain, building, writing and reading it back, and the
// one-line errors for files that are not right.

const recorded = complete();
const META = recorded.meta('0.1.0');
const built = () => buildAttemptFile(META, recorded.entries);
const textOf = (f: AttemptFile) => stringifyAttemptFile(f);

function parseError(text: string) {
  const r = parseAttemptFile(text);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

describe('canonical JSON', () => {
  it('sorts keys at every level, keeps array order, writes no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    // Integer-like keys come first in a JS object whatever their insertion; canonical order is by code unit.
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
    expect(canonicalJson('é\u2028"')).toBe(JSON.stringify('é\u2028"'));
    // A "__proto__" key from JSON.parse is data like any other (fast-check found sortKeys losing it).
    const proto = JSON.parse('{"b":1,"__proto__":{"x":1}}');
    expect(canonicalJson(proto)).toBe('{"__proto__":{"x":1},"b":1}');
    expect(canonicalJson(sortKeys(proto))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  it('takes the fast path only when JSON.stringify is already canonical', () => {
    expect(inCanonicalOrder({ a: 1, b: [{ c: 1, d: 2 }] })).toBe(true);
    expect(inCanonicalOrder({ b: 1, a: 2 })).toBe(false);
    expect(inCanonicalOrder({ a: [{ d: 1, c: 2 }] })).toBe(false);
    expect(inCanonicalOrder({ a: undefined })).toBe(false);
    expect(inCanonicalOrder({ 10: 1, 9: 2 })).toBe(false);
    expect(inCanonicalOrder(new Date(0))).toBe(false);
  });

  it('is the same text for any key order or formatting of the same JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = sortedJson(value);
        expect(canonicalJson(value)).toBe(canonical);
        expect(canonicalJson(sortKeys(value))).toBe(canonical);
        expect(canonicalJson(JSON.parse(JSON.stringify(value, null, 2)))).toBe(canonical);
        expect(JSON.parse(canonical)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the chain hash', () => {
  it('is SHA-256 of the UTF-8 text: the pure-JS hash equals Node’s for any string, lone surrogates included', () => {
    expect(nobleSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        expect(nobleSha256Hex(text)).toBe(nodeHash('sha256', text, 'hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('chains each event to the one before it, starting from the header', () => {
    const f = built();
    let previous = headerHash(f);
    for (const e of f.events) {
      expect(e.hash).toBe(eventHash(previous, e));
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      previous = e.hash;
    }
    expect(f.lastHash).toBe(previous);
    const empty = buildAttemptFile(META, []);
    expect(empty.lastHash).toBe(headerHash(empty));
    expect(verifyChain(empty)).toBeNull();
  });
});

describe('the texts the chain and the events digest hash', () => {
  const sha = (text: string) => nodeHash('sha256', text, 'hex');
  const f = buildAttemptFile(META, typicalAttempt().entries);

  it('hash each event as canonicalJson({ seq, at, actor, type, payload }) after the hash before it', () => {
    let previous = headerHash(f, sha);
    const payloads = payloadsJson(f);
    f.events.forEach((e, i) => {
      const definition = sha(previous + canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, type: e.type, payload: e.payload }));
      expect(eventHash(previous, e, sha)).toBe(definition);
      expect(eventHash(previous, e, sha, payloads[i])).toBe(definition);
      previous = e.hash;
    });
    // Fields no schema has read (a fuzzed event) are hashed by the definition too.
    const odd = { seq: '1', at: 5, actor: null, type: undefined, payload: [1, { b: 2, a: 1 }] };
    expect(eventHash('x', odd, sha)).toBe(sha(`x${canonicalJson(odd)}`));
  });

  it('digest the events as canonicalJson([[actor, type, payload, ms since the start], …])', () => {
    const startMs = parseInstant(f.startAt)!;
    const definition = sha(canonicalJson(f.events.map((e) => [e.actor, e.type, e.payload, parseInstant(e.at)! - startMs])));
    expect(eventsDigest(f, sha)).toBe(definition);
    expect(eventsDigest(f, sha, payloadsJson(f))).toBe(definition);
    expect(eventsDigest({ ...f, events: [] }, sha)).toBe(sha('[]'));
  });
});

describe('the one-pass read of a well-formed file', () => {
  const f = JSON.parse(textOf(buildAttemptFile(META, typicalAttempt().entries))) as Record<string, unknown> & { events: Record<string, unknown>[] };

  it('returns what attemptFileSchema returns for a file the site wrote, unknown header fields dropped', () => {
    const read = wellFormedAttemptFile(f);
    expect(read).toBeDefined();
    expect(read).toStrictEqual(attemptFileSchema.parse(f));
    const extra = { note: 'hi', ...f };
    expect(wellFormedAttemptFile(extra)).toStrictEqual(attemptFileSchema.parse(extra));
  });

  it('accepts no event zod refuses, and returns what zod returns for those it accepts', () => {
    const good = f.events[3]!;
    const value = fc.oneof(
      fc.constantFrom(0, -0, 1.5, -1, 2 ** 53, 2 ** 53 - 1, '', 'x', 'PT8H', '2025-02-30T10:00:00Z', '2025-03-01T09:00:00+14:01', null, true, [], {}, 'A'.repeat(64), 'g'.repeat(64)),
      fc.jsonValue({ maxDepth: 1 }),
      fc.constantFrom(...Object.values(good)),
    );
    const key = fc.constantFrom('seq', 'at', 'actor', 'type', 'payload', 'hash', '__proto__', 'extra', 'constructor');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value, fc.boolean()), { maxLength: 4 }), fc.boolean(), (edits, asJson) => {
        const e: Record<string, unknown> = { ...good };
        for (const [k, v, remove] of edits) {
          if (remove) delete e[k];
          else Object.defineProperty(e, k, { value: v, enumerable: true, writable: true, configurable: true });
        }
        // Through JSON too, as a file is read ("__proto__" then stays an own key).
        const event = asJson ? JSON.parse(JSON.stringify(e)) : e;
        const file = { ...f, events: [f.events[0], event] };
        const fast = wellFormedAttemptFile(file);
        const zod = attemptFileSchema.safeParse(file);
        if (fast) {
          expect(zod.success).toBe(true);
          expect(fast).toStrictEqual(zod.data);
        }
        // An edit that leaves the event as it was is read in one pass.
        if (edits.length === 0) expect(fast).toBeDefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('defers every header zod refuses', () => {
    for (const [k, v] of [['labId', ''], ['startAt', '2025-02-30T10:00:00Z'], ['lastHash', 'A'.repeat(64)], ['events', {}], ['version', 2], ['appVersion', 1]] as const) {
      const file = { ...f, [k]: v };
      expect(attemptFileSchema.safeParse(file).success, k).toBe(false);
      expect(wellFormedAttemptFile(file), k).toBeUndefined();
    }
  });
});

describe('buildAttemptFile and parseAttemptFile', () => {
  it('write the header, the events (type + payload) and read back the same log', () => {
    const f = built();
    expect(f).toMatchObject({ format: ATTEMPT_FORMAT, version: ATTEMPT_VERSION, labId: 'pim-eligible-role', appVersion: '0.1.0', seedId: 'my-directory-v1', startAt: META.startAt });
    const activation = f.events.find((e) => e.type === 'roleAssignmentScheduleRequest')!;
    expect(activation.payload).toMatchObject({ action: 'selfActivate', justification: expect.any(String) });
    expect(activation.payload).not.toHaveProperty('type');
    const r = parseAttemptFile(textOf(f));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.attempt.entries).toEqual(recorded.entries);
    expect(verifyChain(r.attempt.file)).toBeNull();
  });

  it('writes one event per line, and any other formatting or key order of the file still verifies', () => {
    const f = built();
    const text = textOf(f);
    expect(text.split('\n').filter((l) => l.startsWith('    {"')).length).toBe(f.events.length);
    const reordered = JSON.stringify(
      { lastHash: f.lastHash, events: f.events.map((e) => ({ hash: e.hash, payload: Object.fromEntries(Object.entries(e.payload).reverse()), type: e.type, actor: e.actor, at: e.at, seq: e.seq })), startAt: f.startAt, seedId: f.seedId, appVersion: f.appVersion, labId: f.labId, version: f.version, format: f.format },
      null,
      '\t',
    );
    const r = parseAttemptFile(`\ufeff${reordered}`);
    expect(r.ok && verifyChain(r.attempt.file)).toBeNull();
  });

  it('reads a 51-event typical attempt', () => {
    const t = typicalAttempt();
    const r = parseAttemptFile(textOf(buildAttemptFile(t.meta('0.1.0'), t.entries)));
    expect(r.ok && r.attempt.entries.length).toBe(51);
  });
});

describe('a file that cannot be read is refused with one precise line', () => {
  const good = textOf(built());

  it.each([
    ['', 'EmptyFile'],
    ['  \n\t ', 'EmptyFile'],
    ['\ufeff', 'EmptyFile'],
    ['hello', 'NotJson'],
    ['{"a":1,}', 'NotJson'],
    ['{"a":1} trailing', 'NotJson'],
    [good.slice(0, 200), 'TruncatedJson'],
    [good.slice(0, good.length - 3), 'TruncatedJson'],
    ['{"format": "pim-lab/attem', 'TruncatedJson'],
    ['[1, 2', 'TruncatedJson'],
    ['42', 'NotAnAttemptFile'],
    ['[]', 'NotAnAttemptFile'],
    ['null', 'NotAnAttemptFile'],
    ['{"format":"something/else","version":1}', 'NotAnAttemptFile'],
    ['{"format":"pim-lab/attempt"}', 'UnsupportedVersion'],
    ['{"format":"pim-lab/attempt","version":2}', 'UnsupportedVersion'],
    ['{"format":"pim-lab/attempt","version":"1"}', 'UnsupportedVersion'],
  ])('%j → %s', (text, code) => {
    const e = parseError(text);
    expect(e.code).toBe(code);
    expect(e.message).not.toMatch(/\n/);
    expect(e.message.length).toBeGreaterThan(10);
  });

  it('names the JSON path of the first schema problem, down into a command payload', () => {
    const f = JSON.parse(good);
    const cases: [(v: any) => void, string, RegExp][] = [
      [(v) => delete v.labId, '$.labId', /is missing \(expected a string\)/],
      [(v) => (v.startAt = 'yesterday'), '$.startAt', /ISO 8601/],
      [(v) => (v.events = {}), '$.events', /expected an array, got an object/],
      [(v) => (v.events[2].seq = -1), '$.events[2].seq', /at least 0/],
      [(v) => (v.events[2].seq = 1.5), '$.events[2].seq', /whole number|number/],
      [(v) => (v.events[3].hash = 'abc'), '$.events[3].hash', /64 lowercase hexadecimal/],
      [(v) => (v.events[3].note = 'x'), '$.events[3].note', /unexpected field/],
      [(v) => (v.events[4].payload = [1]), '$.events[4].payload', /expected an object/],
      [(v) => (v.events[4].type = 'deleteUser'), '$.events[4].type', /"deleteUser" is not known; expected one of "createUser"/],
      [(v) => (v.events[4].payload.type = 'createUser'), '$.events[4].payload.type', /unexpected field/],
      [(v) => (v.events[7].payload.scheduleInfo.expiration.duration = '8 hours'), '$.events[7].payload.scheduleInfo.expiration.duration', /expected an ISO 8601 duration.*"8 hours"/],
      [(v) => (v.events[7].payload.action = 'selfRenew'), '$.events[7].payload.action', /expected "adminAssign" or "adminRemove" or "selfActivate" or "selfDeactivate"/],
      [(v) => delete v.events[8].payload.passwordProfile, '$.events[8].payload.passwordProfile', /is missing/],
      [(v) => delete v.lastHash, '$.lastHash', /is missing/],
    ];
    for (const [mutate, path, message] of cases) {
      const v = structuredClone(f);
      mutate(v);
      const e = parseError(JSON.stringify(v));
      expect(e.code, path).toBe('InvalidAttemptFile');
      expect(e.path, path).toBe(path);
      expect(e.message, path).toMatch(message);
      expect(e.message.startsWith(`${path}: `), e.message).toBe(true);
    }
  });

  it('a text longer than an attempt file can be is refused before parsing', () => {
    expect(parseError(' '.repeat(MAX_ATTEMPT_CHARS + 1))).toMatchObject({ code: 'TooLarge' });
  });

  it('writes JSON paths as JSONPath', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['events', 3, 'payload', 'odd key', '@odata.type'])).toBe('$.events[3].payload["odd key"]["@odata.type"]');
  });

  it('grades an already parsed value the same as its text', () => {
    const r = parseAttemptValue(built());
    expect(r.ok).toBe(true);
  });
});

describe('JSON faults and the shape bound', () => {
  it('findJsonFault agrees with JSON.parse on every text, and says when the text stops early (property)', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.json().chain((j) => fc.nat({ max: Math.max(0, j.length) }).map((cut) => j.slice(0, cut))),
      fc.tuple(fc.json(), fc.nat(), fc.constantFrom(',', '}', ']', ':', '"', 'x', '\\', '\u0001', ' ', '-', '.', 'e')).map(([j, at, c]) => j.slice(0, at % (j.length + 1)) + c + j.slice(at % (j.length + 1))),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const fault = findJsonFault(text);
        expect(fault === null, `${JSON.stringify(text)}: ${JSON.stringify(fault)}`).toBe(valid);
        if (fault && !fault.end) expect(fault.pos).toBeLessThan(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('bounds nesting at MAX_DEPTH levels and refuses numbers beyond doubles, naming the path', () => {
    let deep: unknown = null;
    for (let i = 0; i < MAX_DEPTH - 1; i++) deep = [deep];
    expect(checkShape(deep)).toBeNull();
    expect(checkShape([deep])).toMatchObject({ code: 'InvalidAttemptFile', path: `$${'[0]'.repeat(MAX_DEPTH - 1)}` });
    expect(checkShape({ a: { 'odd key': [1, Infinity] } })).toMatchObject({ path: '$.a["odd key"][1]', message: `$.a["odd key"][1]: a number too large for JSON's safe integers.` });
  });

  it('a NotJson message gives the line and column of the fault, never the text', () => {
    const e = parseError('{\n  "a": 1,\n  "b": root:x:0:0\n}');
    expect(e).toEqual({ code: 'NotJson', message: 'The file is not JSON: an unexpected letter at line 3, column 8.' });
  });
});

describe('verifyChain names the first event that does not match', () => {
  const f = built();

  it('an edited field of any event breaks the chain at that event (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: f.events.length - 1 }), fc.constantFrom('at', 'actor', 'type', 'seq', 'payload'), (i, field) => {
        const edited = structuredClone(f);
        const e = edited.events[i]! as unknown as Record<string, unknown>;
        e[field] = field === 'seq' ? (e.seq as number) + 100 : field === 'payload' ? { ...(e.payload as object), extra: true } : `${String(e[field])}x`;
        const broken = verifyChain(edited);
        expect(broken?.code).toBe('BrokenChain');
        expect(broken?.event?.index).toBe(i);
      }),
    );
  });

  it('a removed, duplicated or moved event breaks it at the event after the change', () => {
    const removed = structuredClone(f);
    removed.events.splice(3, 1);
    expect(verifyChain(removed)?.event?.index).toBe(3);
    const duplicated = structuredClone(f);
    duplicated.events.splice(3, 0, structuredClone(duplicated.events[3]!));
    expect(verifyChain(duplicated)?.event?.index).toBe(4);
    const swapped = structuredClone(f);
    [swapped.events[2], swapped.events[3]] = [swapped.events[3]!, swapped.events[2]!];
    expect(verifyChain(swapped)?.event?.index).toBe(2);
  });

  it('an edited header breaks it at the first event; a removed last event at lastHash', () => {
    for (const key of ['labId', 'appVersion', 'seedId', 'startAt'] as const) {
      const edited = { ...f, [key]: key === 'startAt' ? '2025-02-26T15:39:49Z' : 'other' };
      const broken = verifyChain(edited);
      expect(broken?.event?.index, key).toBe(0);
      expect(broken?.message).toMatch(/header/);
    }
    const tail = structuredClone(f);
    tail.events.pop();
    expect(verifyChain(tail)?.message).toMatch(/after the last event.*lastHash does not match/);
  });

  it('a hash made by another SHA-256 implementation verifies: the CLI and the browser agree', () => {
    const native = (text: string) => nodeHash('sha256', text, 'hex');
    expect(buildAttemptFile(META, recorded.entries, native)).toEqual(f);
    expect(verifyChain(f, native)).toBeNull();
  });
});
