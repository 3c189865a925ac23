import * as z from 'zod/mini';

// A learner's typed password is never stored. What the tenant keeps (and what replay re-checks) is
// its shape: the length and which character classes it uses. That is enough for Entra's complexity
// rule: 8 to 256 characters and at least three of lowercase, uppercase, digits and symbols.
export const passwordSummarySchema = z.object({
  length: z.int().check(z.nonnegative()),
  lowercase: z.boolean(),
  uppercase: z.boolean(),
  digit: z.boolean(),
  symbol: z.boolean(),
});

export type PasswordSummary = z.output<typeof passwordSummarySchema>;

export function summarizePassword(password: string): PasswordSummary {
  return {
    length: [...password].length,
    lowercase: /[a-z]/.test(password),
    uppercase: /[A-Z]/.test(password),
    digit: /[0-9]/.test(password),
    symbol: /[^A-Za-z0-9]/.test(password),
  };
}

export function meetsComplexity(p: PasswordSummary): boolean {
  const classes = [p.lowercase, p.uppercase, p.digit, p.symbol].filter(Boolean).length;
  return p.length >= 8 && p.length <= 256 && classes >= 3;
}
