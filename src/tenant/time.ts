// Time in the tenant is always an explicit input: instants are ISO 8601 strings (as in Graph) or
// epoch milliseconds, and durations are ISO 8601 durations (PT8H, PT5H30M, P365D). Nothing here reads
// the wall clock.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO 8601 duration (weeks, days, hours, minutes, seconds) into milliseconds, or null. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim().toUpperCase());
  if (!m || text.trim().toUpperCase() === 'P' || /T$/.test(text.trim())) return null;
  const [, w, d, h, min, s] = m;
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  const ms = n(w) * 7 * DAY_MS + n(d) * DAY_MS + n(h) * HOUR_MS + n(min) * MINUTE_MS + n(s) * 1000;
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

/** Formats milliseconds as the shortest ISO 8601 duration Graph would echo (PT8H, PT5H30M, P365D). */
export function formatDuration(ms: number): string {
  if (ms <= 0) return 'PT0S';
  let rest = Math.round(ms / 1000);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant with an explicit offset (Graph's DateTimeOffset) to epoch ms, or null. */
export function parseInstant(text: string): number | null {
  if (!INSTANT.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * Epoch ms to the UTC ISO string Graph returns (2025-03-01T09:00:00Z; milliseconds only when not
 * zero). Computed arithmetically (Hinnant's civil-from-days): Date#toISOString was a hot spot of replay.
 */
export function toInstant(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0 || ms >= 253402300800000) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const frac = milli ? `.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}` : '';
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(m)}:${pad2(sec)}${frac}Z`;
}
