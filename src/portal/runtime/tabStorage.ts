// Per-tab memory (sessionStorage): which account this tab is signed in as, and where it is in the
// portal. Two tabs can be signed in as different accounts, as in the guide; a reload keeps both.

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or quota: the tab simply forgets on reload.
  }
}

export const tabStorage = {
  account: (attemptId: string) => read<string>(`pim-lab:${attemptId}:account`),
  setAccount: (attemptId: string, userId: string) => write(`pim-lab:${attemptId}:account`, userId),
  view: <V>(attemptId: string) => read<V>(`pim-lab:${attemptId}:view`),
  setView: (attemptId: string, view: unknown) => write(`pim-lab:${attemptId}:view`, view),
  pane: <P>(attemptId: string) => read<P>(`pim-lab:${attemptId}:pane`),
  setPane: (attemptId: string, pane: unknown) => write(`pim-lab:${attemptId}:pane`, pane),
  /** Per account: how far it has read (and dismissed) the top bar's notifications, in tenant ms. */
  notificationMarks: (attemptId: string, userId: string) => read<NotificationMarks>(`pim-lab:${attemptId}:notifications:${userId}`) ?? { seenMs: 0, dismissedMs: 0 },
  setNotificationMarks: (attemptId: string, userId: string, marks: NotificationMarks) => write(`pim-lab:${attemptId}:notifications:${userId}`, marks),
};

export interface NotificationMarks {
  /** The newest notification shown when the list was last open: those after it are new. */
  seenMs: number;
  /** Dismiss all: notifications up to here are no longer listed. */
  dismissedMs: number;
}

/**
 * Test mode makes the activation stages instant. It is switched on by opening any page with
 * `?mode=test` (remembered for the tab) and off with `?mode=live`.
 */
export function isTestMode(): boolean {
  try {
    const mode = new URLSearchParams(location.search).get('mode');
    if (mode === 'test') sessionStorage.setItem('pim-lab:test-mode', '1');
    if (mode === 'live') sessionStorage.removeItem('pim-lab:test-mode');
    return sessionStorage.getItem('pim-lab:test-mode') === '1';
  } catch {
    return false;
  }
}

/**
 * Success messages a pane or form leaves for the blade it returns to ("… was assigned to …",
 * "Successfully created user …"), per attempt and tab: the blade shows one once and forgets it.
 * `leave` also raises NOTICE_EVENT, for a blade that is already on screen under a closing pane.
 */
export type NoticeBlade = 'assignedRoles' | 'allUsers';
export const NOTICE_EVENT = 'pim-lab:notice';
const noticeKey = (attemptId: string, blade: NoticeBlade) => `pim-lab:${attemptId}:notice:${blade}`;

export const notices = {
  leave(attemptId: string, blade: NoticeBlade, text: string) {
    write(noticeKey(attemptId, blade), text);
    window.dispatchEvent(new CustomEvent<NoticeBlade>(NOTICE_EVENT, { detail: blade }));
  },
  take(attemptId: string, blade: NoticeBlade): string | null {
    const text = read<string>(noticeKey(attemptId, blade));
    if (text !== null) write(noticeKey(attemptId, blade), null);
    return text;
  },
};
