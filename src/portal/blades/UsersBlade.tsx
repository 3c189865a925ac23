import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Nav,
  NavItem,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState } from 'react';
import { ACTION, hasPermission, type DirectoryAudit } from '../../tenant';
import { usePortal } from '../runtime/PortalContext';
import { Blade } from '../shell/Blade';

// Users (Microsoft Entra ID > Users): the blade of the guide's steps 3 and 14. All users lists the
// directory and offers New user > Create new user | Invite external user; Audit logs shows the
// directory audit log. Whether the signed-in account may create users is the tenant core's answer
// (hasPermission at the tenant clock); this blade only shows it.

type MenuValue = 'allUsers' | 'auditLogs' | 'signInLogs' | 'diagnose' | 'deletedUsers';

const MENU: { value: MenuValue; label: string }[] = [
  { value: 'allUsers', label: 'All users' },
  { value: 'auditLogs', label: 'Audit logs' },
  { value: 'signInLogs', label: 'Sign-in logs' },
  { value: 'diagnose', label: 'Diagnose and solve problems' },
  { value: 'deletedUsers', label: 'Deleted users' },
];

const NO_CREATE_PERMISSION =
  "You don't have permission to create users. Ask an administrator, or activate a role that allows it in Privileged Identity Management.";

/**
 * The confirmation Create new user leaves for this blade after it navigates here (sessionStorage,
 * per attempt and tab). CreateUserBlade.tsx writes the same key.
 */
const createdNoticeKey = (attemptId: string) => `pim-lab:${attemptId}:users-notice`;

function readNotice(attemptId: string): string | null {
  try {
    return sessionStorage.getItem(createdNoticeKey(attemptId));
  } catch {
    return null;
  }
}

/** The instant as the portal shows it, in the learner's time zone: "2/26/2025, 4:43:25 PM". */
const portalDateTime = (iso: string) => new Date(iso).toLocaleString('en-US').replace(/[\u202f\u00a0]/g, ' ');

const NARROW = '@container (max-width: 680px)';

// Fluent System Icons (20 px regular), inlined: the few glyphs this blade draws.
const icon = (d: string) =>
  function Icon() {
    return (
      <svg width="20" height="20" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false">
        <path d={d} />
      </svg>
    );
  };
const AddIcon = icon('M10 2.5c.28 0 .5.22.5.5v6.5H17a.5.5 0 0 1 0 1h-6.5V17a.5.5 0 0 1-1 0v-6.5H3a.5.5 0 0 1 0-1h6.5V3c0-.28.22-.5.5-.5');
const EditIcon = icon(
  'M17.18 2.93a2.97 2.97 0 0 0-4.26-.06l-9.37 9.38q-.5.5-.66 1.2l-.88 3.94a.5.5 0 0 0 .6.6l3.93-.87c.46-.1.9-.34 1.23-.68l9.36-9.36a2.97 2.97 0 0 0 .05-4.15m-3.55.65a1.97 1.97 0 1 1 2.8 2.8l-.68.66-2.8-2.79zm-1.38 1.38 2.8 2.8-7.99 7.97q-.31.31-.74.41l-3.16.7.7-3.18q.1-.41.4-.7z',
);
const DeleteIcon = icon(
  'M8.5 4h3a1.5 1.5 0 0 0-3 0m-1 0a2.5 2.5 0 0 1 5 0h5a.5.5 0 0 1 0 1h-1.05l-1.2 10.34A3 3 0 0 1 12.27 18H7.73a3 3 0 0 1-2.98-2.66L3.55 5H2.5a.5.5 0 0 1 0-1zM5.74 15.23A2 2 0 0 0 7.73 17h4.54a2 2 0 0 0 1.99-1.77L15.44 5H4.56zM8.5 7.5c.28 0 .5.22.5.5v6a.5.5 0 0 1-1 0V8c0-.28.22-.5.5-.5M12 8a.5.5 0 0 0-1 0v6a.5.5 0 0 0 1 0z',
);
const RefreshIcon = icon('M4 10a6 6 0 0 1 10.47-4H12.5a.5.5 0 0 0 0 1h3a.5.5 0 0 0 .5-.5v-3a.5.5 0 0 0-1 0v1.6a7 7 0 1 0 1.98 4.36.5.5 0 1 0-1 .08L16 10a6 6 0 0 1-12 0');
const DismissIcon = icon(
  'm4.09 4.22.06-.07a.5.5 0 0 1 .63-.06l.07.06L10 9.29l5.15-5.14a.5.5 0 0 1 .63-.06l.07.06c.18.17.2.44.06.63l-.06.07L10.71 10l5.14 5.15c.18.17.2.44.06.63l-.06.07a.5.5 0 0 1-.63.06l-.07-.06L10 10.71l-5.15 5.14a.5.5 0 0 1-.63.06l-.07-.06a.5.5 0 0 1-.06-.63l.06-.07L9.29 10 4.15 4.85a.5.5 0 0 1-.06-.63l.06-.07z',
);
const InfoIcon = icon(
  'M10.5 8.91a.5.5 0 0 0-1 .09v4.6a.5.5 0 0 0 1-.1V8.91m.3-2.16a.75.75 0 1 0-1.5 0 .75.75 0 0 0 1.5 0M18 10a8 8 0 1 0-16 0 8 8 0 0 0 16 0M3 10a7 7 0 1 1 14 0 7 7 0 0 1-14 0',
);

const useStyles = makeStyles({
  // The blade menu sits left of the page; in a narrow simulator it moves above it.
  container: { containerType: 'inline-size' },
  layout: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: '16px',
    [NARROW]: { flexDirection: 'column', alignItems: 'stretch', gap: '8px' },
  },
  nav: {
    width: '190px',
    flexShrink: 0,
    alignSelf: 'stretch',
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    [NARROW]: { width: 'auto', borderRight: 'none', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: '4px' },
  },
  menu: { backgroundColor: 'transparent', paddingRight: '8px', [NARROW]: { flexDirection: 'row', flexWrap: 'wrap', columnGap: '2px', paddingRight: 0 } },
  menuItem: {
    backgroundColor: 'transparent',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    [NARROW]: { width: 'auto' },
  },
  content: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: '12px' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: '12px', alignItems: 'center' },
  search: { width: '280px', maxWidth: '100%' },
  count: { color: tokens.colorNeutralForeground2 },
  tableWrap: { overflowX: 'auto' },
  // Columns sized by their content (Fluent's default is equal fixed widths).
  table: { tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  // Long names (UPNs) break anywhere rather than push the table wider than the blade.
  wrap: { overflowWrap: 'anywhere' },
  empty: { color: tokens.colorNeutralForeground3 },
  popoverNote: {
    display: 'flex',
    gap: '6px',
    alignItems: 'flex-start',
    maxWidth: '280px',
    padding: '8px 6px 4px',
    marginTop: '4px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  noteIcon: { flexShrink: 0, color: tokens.colorBrandForeground1 },
});

export function UsersBlade() {
  const styles = useStyles();
  const { state, view, navigate } = usePortal();
  // Menu items without a screen are remembered only while the blade shows the same view.
  const [other, setOther] = useState<MenuValue | null>(null);
  useEffect(() => setOther(null), [view]);

  const selected: MenuValue = other ?? (view.name === 'userAuditLogs' ? 'auditLogs' : 'allUsers');
  const selectedLabel = MENU.find((m) => m.value === selected)!.label;

  const onMenu = (value: MenuValue) => {
    if (value === 'allUsers') {
      setOther(null);
      if (view.name !== 'users') navigate({ name: 'users' });
    } else if (value === 'auditLogs') {
      setOther(null);
      if (view.name !== 'userAuditLogs') navigate({ name: 'userAuditLogs' });
    } else setOther(value);
  };

  const title = selected === 'allUsers' ? 'Users' : `Users | ${selectedLabel}`;

  return (
    <Blade title={title} subtitle={state.organization.displayName} commands={selected === 'allUsers' ? <AllUsersCommands /> : selected === 'auditLogs' ? <RefreshCommand /> : undefined}>
      <div className={styles.container}>
        <div className={styles.layout}>
          <nav aria-label="Users menu" className={styles.nav}>
            <Nav density="small" className={styles.menu} selectedValue={selected} onNavItemSelect={(_, d) => onMenu(d.value as MenuValue)}>
              {MENU.map((m) => (
                <NavItem key={m.value} value={m.value} className={styles.menuItem}>
                  {m.label}
                </NavItem>
              ))}
            </Nav>
          </nav>
          <div className={styles.content}>
            {selected === 'allUsers' ? (
              <AllUsers />
            ) : selected === 'auditLogs' ? (
              <AuditLogs />
            ) : (
              <Text as="p">
                {selectedLabel}: Not available in this simulator.
              </Text>
            )}
          </div>
        </div>
      </div>
    </Blade>
  );
}

function RefreshCommand() {
  const { refresh } = usePortal();
  return (
    <Button appearance="subtle" icon={<RefreshIcon />} onClick={() => void refresh()}>
      Refresh
    </Button>
  );
}

/** New user (Create new user | Invite external user), Edit (Preview), Delete, Refresh. */
function AllUsersCommands() {
  const styles = useStyles();
  const { state, now, account, navigate } = usePortal();
  const mayCreate = hasPermission(state, account.id, ACTION.createUser, now);
  const [inviting, setInviting] = useState(false);
  const noteId = useId();
  const describedBy = mayCreate ? undefined : noteId;

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton appearance="subtle" icon={<AddIcon />}>
            New user
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem
              disabled={!mayCreate}
              aria-describedby={describedBy}
              subText="Create a new internal user in your organization"
              onClick={() => navigate({ name: 'createUser' })}
            >
              Create new user
            </MenuItem>
            <MenuItem
              disabled={!mayCreate}
              aria-describedby={describedBy}
              subText="Invite an external user to collaborate with your organization"
              onClick={() => setInviting(true)}
            >
              Invite external user
            </MenuItem>
          </MenuList>
          {!mayCreate && (
            <div id={noteId} role="note" className={styles.popoverNote}>
              <span className={styles.noteIcon}>
                <InfoIcon />
              </span>
              <span>{NO_CREATE_PERMISSION}</span>
            </div>
          )}
        </MenuPopover>
      </Menu>
      <Button appearance="subtle" icon={<EditIcon />} disabled>
        Edit (Preview)
      </Button>
      <Button appearance="subtle" icon={<DeleteIcon />} disabled>
        Delete
      </Button>
      <RefreshCommand />

      <Dialog open={inviting} onOpenChange={(_, d) => setInviting(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Invite external user</DialogTitle>
            <DialogContent>
              Inviting external users (B2B collaboration) is not part of this simulator. The labs create internal users only: use{' '}
              <strong>Create new user</strong>.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => setInviting(false)}>
                Close
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}

function AllUsers() {
  const styles = useStyles();
  const { state, attemptId, navigate } = usePortal();
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(() => readNotice(attemptId));
  // The confirmation is shown once: forget it as soon as it is on screen.
  useEffect(() => {
    try {
      sessionStorage.removeItem(createdNoticeKey(attemptId));
    } catch {
      /* storage unavailable: nothing to forget */
    }
  }, [attemptId]);

  const users = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...state.users.values()]
      .filter((u) => !q || u.displayName.toLowerCase().includes(q) || u.userPrincipalName.toLowerCase().includes(q))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' }));
  }, [state, query]);

  const columns = ['Display name', 'User principal name', 'User type', 'Account enabled'];

  return (
    <>
      {notice && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
          <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<DismissIcon />} onClick={() => setNotice(null)} />} />
        </MessageBar>
      )}
      <div className={styles.filters}>
        <SearchBox className={styles.search} placeholder="Search" aria-label="Search" value={query} onChange={(_, d) => setQuery(d.value)} />
        <Text className={styles.count} role="status">
          {users.length} {users.length === 1 ? 'user' : 'users'} found
        </Text>
      </div>
      <div className={styles.tableWrap}>
        <Table aria-label="All users" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              {columns.map((c) => (
                <TableHeaderCell key={c}>{c}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.length === 0 ? (
              <TableRow>
                <TableCell colSpan={columns.length} className={styles.empty}>
                  No users found
                </TableCell>
              </TableRow>
            ) : (
              users.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>
                    <Link as="button" onClick={() => navigate({ name: 'user', userId: u.id, section: 'overview' })}>
                      {u.displayName}
                    </Link>
                  </TableCell>
                  <TableCell className={styles.wrap}>{u.userPrincipalName}</TableCell>
                  <TableCell>{u.userType}</TableCell>
                  <TableCell>{u.accountEnabled ? 'Yes' : 'No'}</TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

const actorOf = (a: DirectoryAudit) => a.initiatedBy.user?.userPrincipalName ?? a.initiatedBy.app?.displayName ?? '';
const targetsOf = (a: DirectoryAudit) => a.targetResources.map((t) => t.userPrincipalName ?? t.displayName).join(', ');

/** The directory audit log, newest first: every category, so PIM's entries show too. */
function AuditLogs() {
  const styles = useStyles();
  const { state } = usePortal();
  const rows = useMemo(() => {
    // Newest first; entries of the same instant keep the log's order, latest first.
    const indexed = state.audits.map((a, i) => ({ a, i, t: Date.parse(a.activityDateTime) }));
    return indexed.sort((x, y) => y.t - x.t || y.i - x.i).map((r) => r.a);
  }, [state.audits]);
  const columns = ['Date', 'Service', 'Category', 'Activity', 'Status', 'Target(s)', 'Initiated by (actor)'];

  return (
    <>
      <Text className={styles.count}>
        {rows.length} {rows.length === 1 ? 'entry' : 'entries'}
      </Text>
      {/* Focusable so that keyboard users can scroll it when it is wider than the blade. */}
      <div className={styles.tableWrap} tabIndex={0} role="region" aria-label="Audit logs table">
        <Table aria-label="Audit logs" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              {columns.map((c) => (
                <TableHeaderCell key={c}>{c}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={columns.length} className={styles.empty}>
                  No results
                </TableCell>
              </TableRow>
            ) : (
              rows.map((a) => (
                <TableRow key={a.id}>
                  <TableCell className={styles.nowrap}>{portalDateTime(a.activityDateTime)}</TableCell>
                  <TableCell>{a.loggedByService}</TableCell>
                  <TableCell>{a.category}</TableCell>
                  <TableCell>{a.activityDisplayName}</TableCell>
                  <TableCell>{a.result === 'success' ? 'Success' : 'Failure'}</TableCell>
                  <TableCell className={styles.wrap}>{targetsOf(a)}</TableCell>
                  <TableCell className={styles.wrap}>{actorOf(a)}</TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
