import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant, toInstant } from '../../src/tenant';

// parseInstant reads the instants toInstant writes arithmetically (a replay and grading hot spot)
// and leaves every other form to Date.parse. Both ways must give the same answer as Date.parse
// behind the format check, for any text of those shapes, valid or not.

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const reference = (text: string) => {
  if (!INSTANT.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
};

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('parseInstant', () => {
  it('is the inverse of toInstant over the years the tenant uses, and beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253402300799999 }), (ms) => {
        expect(parseInstant(toInstant(ms))).toBe(ms);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with Date.parse on any text of the shapes it reads itself, out-of-range fields included', () => {
    const shaped = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), fc.option(digits(3)), fc.constantFrom('Z', 'z', '+00:00'))
      .map(([y, mo, d, h, mi, s, ms, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${ms === null ? '' : `.${ms}`}${zone}`);
    fc.assert(
      fc.property(shaped, (text) => {
        expect(parseInstant(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const nearValid = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.option(fc.integer({ min: 0, max: 999 })))
      .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${ms === null ? '' : `.${pad(ms, 3)}`}Z`);
    fc.assert(
      fc.property(nearValid, (text) => {
        expect(parseInstant(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of ['2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', '2025-04-31T12:00:00Z', '2025-01-01T24:00:00Z', '2025-06-30T23:59:60Z', '0000-01-01T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00.999Z', '2025-02-26T16:39:49+01:00', '2025-02-26T16:39Z', '2025-02-26 16:39:49Z', '2025-02-26T16:39:49.5Z'])
      expect(parseInstant(text), text).toBe(reference(text));
  });
});
