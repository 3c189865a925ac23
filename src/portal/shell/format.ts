import { parseInstant } from '../../tenant/time';

// How the admin center writes times and scopes, shared by every blade and pane.

/** The instant as the portal shows it, in the learner's time zone (en-US: "2/26/2025, 4:43:25 PM"). */
export function portalDateTime(ms: number): string {
  // Narrow no-break spaces (newer ICU) read as plain spaces, as the portal prints them.
  return new Date(ms).toLocaleString('en-US').replace(/[\u202f\u00a0]/g, ' ');
}

/** A schedule's start or end, or Permanent when it has none. */
export const formatTime = (ms: number | null) => (ms === null ? 'Permanent' : portalDateTime(ms));

/** "Directory" for the tenant-wide scope '/', as the portal shows it. */
export const scopeName = (directoryScopeId: string) => (directoryScopeId === '/' ? 'Directory' : directoryScopeId);

/**
 * A refusal as the portal words it: the core's message and, for a request refused only for now
 * (the 5-minute rules), when it can succeed, in the learner's time zone.
 */
export function refusalText(error: { message: string; retryAt?: string }): string {
  const retryMs = error.retryAt === undefined ? null : parseInstant(error.retryAt);
  return retryMs === null ? error.message : `${error.message} Try again at ${portalDateTime(retryMs)} or later.`;
}
