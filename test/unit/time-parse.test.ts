import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant, toInstant } from '../../src/tenant';

// parseInstant reads Graph's DateTimeOffset strictly and arithmetically, never through Date.parse
// (engines disagree on rolled-over days such as 2025-02-30). The oracle here is independent: the
// fields are put into a Date with setUTCFullYear/setUTCHours and kept only if the Date gives the
// same fields back (no rollover), inside 0001-01-01T00:00:00Z … 9999-12-31T23:59:59Z.

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const reference = (text: string) => {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, sec, ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || date.getUTCHours() !== h || date.getUTCMinutes() !== mi || date.getUTCSeconds() !== sec) return null;
  if (m[8] !== undefined && (Number(m[10]) > 59 || Number(m[9]) * 60 + Number(m[10]) > 14 * 60)) return null;
  const offset = m[8] === undefined ? 0 : (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3_600_000 + Number(m[10]) * 60_000);
  const t = date.getTime() - offset;
  return y >= 1 && t >= -62_135_596_800_000 && t <= 253_402_300_799_000 ? t : null;
};

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('parseInstant', () => {
  it('is the inverse of toInstant over the years the tenant uses, and beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_000 }), (ms) => {
        expect(parseInstant(toInstant(ms))).toBe(ms);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with an independent strict reading on any text of the shapes it reads, out-of-range fields included', () => {
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
    for (const [text, ok] of [
      ['2025-02-30T10:00:00Z', false],
      ['2025-01-01T24:00:00Z', false],
      ['2025-01-01t10:00:00z', false],
      ['10000-01-01T00:00:00Z', false],
      ['9999-12-31T23:59:59Z', true],
      ['9999-12-31T23:59:59.500Z', false],
      ['9999-12-31T20:00:00-04:00', false],
      ['0001-01-01T00:00:00Z', true],
      ['2025-02-26T16:39:49+14:01', false],
      ['2025-02-26T16:39:49-14:00', true],
      ['2025-02-26T16:39:49.1234567Z', true],
      ['2025-02-26T16:39:49.12345678Z', false],
    ] as const)
      expect(parseInstant(text) !== null, text).toBe(ok);
    for (const text of ['2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', '2025-04-31T12:00:00Z', '2025-01-01T24:00:00Z', '2025-06-30T23:59:60Z', '0000-01-01T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00.999Z', '2025-02-26T16:39:49+01:00', '2025-02-26T16:39Z', '2025-02-26 16:39:49Z', '2025-02-26T16:39:49.5Z'])
      expect(parseInstant(text), text).toBe(reference(text));
  });
});
