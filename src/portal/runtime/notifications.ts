import { parseInstant, type ScheduleRequest, type TenantState } from '../../tenant';

// The top bar's notifications, as the admin center shows one for each operation the signed-in
// account carried out: derived from the tenant's requests (the core records only the requests it
// granted), so they survive a reload and follow Reset lab. Pure: the portal passes its time format.

export interface PortalNotification {
  /** The request's id. */
  id: string;
  title: string;
  message: string;
  /** When the request was made (tenant clock, epoch ms). */
  atMs: number;
}

/** How an instant (or null: no end) is written, e.g. the portal's formatTime. */
export type TimeFormat = (ms: number | null) => string;

/** The requests `accountId` made, newest first, as notifications. */
export function notificationsFor(state: TenantState, accountId: string, time: TimeFormat): PortalNotification[] {
  const list: PortalNotification[] = [];
  for (const request of state.requests.values()) {
    if (request.createdBy.user.id !== accountId) continue;
    const n = notification(state, request, time);
    if (n) list.push(n);
  }
  // Requests are kept in the order they were made; ties in time keep that order, newest first.
  return list.reverse().sort((a, b) => b.atMs - a.atMs);
}

function notification(state: TenantState, r: ScheduleRequest, time: TimeFormat): PortalNotification | null {
  const atMs = parseInstant(r.createdDateTime);
  if (atMs === null) return null;
  const role = state.roleDefinitions.get(r.roleDefinitionId)?.displayName ?? r.roleDefinitionId;
  const user = state.users.get(r.principalId)?.displayName ?? r.principalId;
  const schedule = r.targetScheduleId === null ? undefined : state.schedules.get(r.targetScheduleId);
  const type = r.kind === 'eligibility' ? 'Eligible' : 'Active';
  const say = (title: string, message: string) => ({ id: r.id, title, message, atMs });
  switch (r.action) {
    case 'adminAssign': {
      const from = schedule && schedule.startMs > atMs ? ` from ${time(schedule.startMs)}` : '';
      const until = !schedule || schedule.endMs === null ? ', permanent' : ` until ${time(schedule.endMs)}`;
      return say('Assignment added', `${type} assignment of ${role} to ${user}${from}${until}.`);
    }
    case 'adminRemove':
      return say('Assignment removed', `${type} assignment of ${role} removed from ${user}.`);
    case 'selfActivate':
      if (!schedule) return say('Role activated', `'${role}' role activated.`);
      return schedule.startMs > atMs
        ? say('Role activation scheduled', `'${role}' role will be active from ${time(schedule.startMs)} until ${time(schedule.endMs)}.`)
        : say('Role activated', `'${role}' role activated until ${time(schedule.endMs)}.`);
    case 'selfDeactivate':
      return r.status === 'Canceled'
        ? say('Role activation canceled', `The scheduled activation of '${role}' was canceled.`)
        : say('Role deactivated', `'${role}' role deactivated.`);
  }
}

/** Notifications newer than `seenMs`: made since this account last opened the list. */
export const unreadCount = (list: readonly PortalNotification[], seenMs: number) => list.filter((n) => n.atMs > seenMs).length;
