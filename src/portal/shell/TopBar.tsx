import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { usePortal } from '../runtime/PortalContext';
import { tabStorage, type NotificationMarks } from '../runtime/tabStorage';
import type { View } from '../runtime/views';
import { formatTime } from './format';
import { AlertIcon, DismissIcon, NavigationIcon } from './shellIcons';
import styles from './TopBar.module.css';

// The admin center's top bar: product name, the global search ("privilege" finds Microsoft Entra
// Privileged Identity Management, as in the guide's step 10), the notifications bell and the
// signed-in account with Switch account. The search results and the notifications load after the
// portal shows, and the account menu on first use, to keep a lesson page's initial JavaScript small.

const AccountMenu = lazy(() => import('./AccountMenu').then((m) => ({ default: m.AccountMenu })));
type Notifications = typeof import('./NotificationsPanel');
type Search = typeof import('./SearchResults');

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** The menu button that shows the left menu while the portal is narrow (PortalShell). */
export interface TopBarMenu {
  open: boolean;
  /** The id of the left menu it shows. */
  controls: string;
  toggle: () => void;
}

export function TopBar({ menu }: { menu: TopBarMenu }) {
  const { account, navigate, state, attemptId } = usePortal();
  const [query, setQuery] = useState('');
  const [menuLoaded, setMenuLoaded] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const resultsId = useId();
  const choose = (view: View) => {
    setQuery('');
    navigate(view);
  };

  // The search results and the notifications load once the portal is on screen, not with the page:
  // ready by the time the learner types (the results show with the first letter) or looks at the bell.
  const [search, setSearch] = useState<Search | null>(null);
  const [notifications, setNotifications] = useState<Notifications | null>(null);
  useEffect(() => {
    let live = true;
    void import('./SearchResults').then((m) => live && setSearch(m));
    void import('./NotificationsPanel').then((m) => live && setNotifications(m));
    return () => {
      live = false;
    };
  }, []);

  // Notifications: the account's own operations (runtime/notifications.ts); what it has read and
  // dismissed is kept per tab and account.
  const all = useMemo(() => notifications?.notificationsFor(state, account.id, formatTime) ?? [], [notifications, state.requests, state.users, account.id]);
  const [marksOf, setMarksOf] = useState<Record<string, NotificationMarks>>({});
  const marks = marksOf[account.id] ?? tabStorage.notificationMarks(attemptId, account.id);
  const saveMarks = useCallback(
    (m: NotificationMarks) => {
      tabStorage.setNotificationMarks(attemptId, account.id, m);
      setMarksOf((all) => ({ ...all, [account.id]: m }));
    },
    [attemptId, account.id],
  );
  const shown = all.filter((n) => n.atMs > marks.dismissedMs);
  const newest = shown[0]?.atMs ?? 0;
  const unread = notifications?.unreadCount(shown, marks.seenMs) ?? 0;
  /** Open: what had been seen when it opened (the newer ones show as new). */
  const [panel, setPanel] = useState<{ seenMs: number } | null>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  // An open list is read, including what arrives while it is open.
  useEffect(() => {
    if (panel && newest > marks.seenMs) saveMarks({ ...marks, seenMs: newest });
  }, [panel, newest, marks, saveMarks]);
  useEffect(() => setPanel(null), [account.id]);

  // Named as the admin center names it; the name starts with the visible text, the UPN (WCAG 2.5.3,
  // label in name). The initials are drawn by CSS (::before), so they are no text of the button.
  const label = `${account.userPrincipalName}: Switch account`;
  const tooltip = `${account.displayName} (${account.userPrincipalName}), ${state.organization.displayName}`;
  const face = (
    <>
      <span className={styles.initials} data-initials={initialsOf(account.displayName)} aria-hidden="true" />
      <span className={styles.upn}>{account.userPrincipalName}</span>
    </>
  );

  return (
    <header className={styles.bar}>
      <button type="button" className={`${styles.iconButton} ${styles.menuButton}`} aria-label="Show portal menu" aria-expanded={menu.open} aria-controls={menu.controls} onClick={menu.toggle}>
        <NavigationIcon />
      </button>
      <span className={styles.brand}>Microsoft Entra admin center</span>
      <div
        className={styles.search}
        role="search"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.stopPropagation();
            setQuery('');
            input.current?.focus();
          }
        }}
      >
        <input
          ref={input}
          type="search"
          className={styles.input}
          aria-label="Search resources, services, and docs"
          placeholder="Search resources, services, and docs (G+/)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-controls={query.trim() ? resultsId : undefined}
          onKeyDown={(e) => {
            // Down arrow: into the results, as the portal's search box does.
            if (e.key === 'ArrowDown') {
              const results = document.getElementById(resultsId);
              (results?.querySelector<HTMLElement>('ul button') ?? results?.querySelector<HTMLElement>('button'))?.focus();
              e.preventDefault();
            }
          }}
        />
        {query.trim() && search && <search.SearchResults id={resultsId} query={query} users={state.users} onChoose={choose} />}
      </div>
      <button
        ref={bell}
        type="button"
        className={`${styles.iconButton} ${styles.bell}`}
        aria-label={unread ? `Notifications, ${unread} new` : 'Notifications'}
        aria-expanded={!!panel}
        aria-controls={panel ? panelId : undefined}
        onClick={() => setPanel(panel ? null : { seenMs: marks.seenMs })}
      >
        <AlertIcon />
        {unread > 0 && (
          <span className={styles.badge} aria-hidden="true">
            {unread}
          </span>
        )}
      </button>
      {panel && notifications && (
        <notifications.NotificationsPanel
          id={panelId}
          list={shown}
          newAfterMs={panel.seenMs}
          opener={bell}
          time={formatTime}
          closeIcon={<DismissIcon />}
          onDismissAll={() => saveMarks({ seenMs: Math.max(marks.seenMs, newest), dismissedMs: newest })}
          onClose={() => setPanel(null)}
        />
      )}
      {menuLoaded ? (
        <Suspense
          fallback={
            <button type="button" className={styles.account} aria-label={label} title={tooltip}>
              {face}
            </button>
          }
        >
          <AccountMenu className={styles.account} label={label} tooltip={tooltip}>
            {face}
          </AccountMenu>
        </Suspense>
      ) : (
        // A plain button until the learner first opens the menu (Fluent's Menu loads then).
        <button type="button" className={styles.account} aria-label={label} title={tooltip} aria-haspopup="menu" onClick={() => setMenuLoaded(true)}>
          {face}
        </button>
      )}
    </header>
  );
}
