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
  SearchBox,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState } from 'react';
import { ACTION, hasPermission, type DirectoryAudit } from '../../tenant';
import { usePortal } from '../runtime/PortalContext';
import { notices } from '../runtime/tabStorage';
import { Blade, NOT_IN_LAB_DETAIL, notInLab } from '../shell/Blade';
import { AddIcon, DeleteIcon, DismissIcon, EditIcon, InfoIcon, RefreshIcon } from '../shell/icons';
import { portalDateTime } from '../shell/format';
import { BladeMenuLayout } from '../shell/BladeMenuLayout';
import { PortalTable, type PortalColumn } from '../shell/PortalTable';

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

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: '12px', alignItems: 'center' },
  search: { width: '280px', maxWidth: '100%' },
  count: { color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: 'nowrap' },
  // Long names (UPNs) break anywhere rather than push the table wider than the blade.
  wrap: { overflowWrap: 'anywhere' },
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
      <BladeMenuLayout label="Users menu" items={MENU} selected={selected} onSelect={onMenu} menuAboveBelowPx={680}>
        {selected === 'allUsers' ? <AllUsers /> : selected === 'auditLogs' ? <AuditLogs /> : <Text as="p">{notInLab(selectedLabel)} {NOT_IN_LAB_DETAIL}</Text>}
      </BladeMenuLayout>
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
  // The confirmation Create new user left for this blade: shown once, then forgotten.
  const [notice, setNotice] = useState<string | null>(() => notices.take(attemptId, 'allUsers'));

  const users = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...state.users.values()]
      .filter((u) => !q || u.displayName.toLowerCase().includes(q) || u.userPrincipalName.toLowerCase().includes(q))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' }));
  }, [state, query]);

  const columns: PortalColumn[] = [{ name: 'Display name' }, { name: 'User principal name' }, { name: 'User type', priority: 3 }, { name: 'Account enabled', priority: 2 }];

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
      <div>
        <PortalTable
          label="All users"
          columns={columns}
          items={users}
          empty="No users found"
          row={(u) => (
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
          )}
        />
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
  const columns: PortalColumn[] = [
    { name: 'Date' },
    { name: 'Service', priority: 3 },
    { name: 'Category', priority: 3 },
    { name: 'Activity' },
    { name: 'Status', priority: 2 },
    { name: 'Target(s)' },
    { name: 'Initiated by (actor)', priority: 2 },
  ];

  return (
    <>
      <Text className={styles.count}>
        {rows.length} {rows.length === 1 ? 'entry' : 'entries'}
      </Text>
      <div>
        <PortalTable
          label="Audit logs"
          columns={columns}
          items={rows}
          row={(a) => (
            <TableRow key={a.id}>
              <TableCell className={styles.nowrap}>{portalDateTime(Date.parse(a.activityDateTime))}</TableCell>
              <TableCell>{a.loggedByService}</TableCell>
              <TableCell>{a.category}</TableCell>
              <TableCell>{a.activityDisplayName}</TableCell>
              <TableCell>{a.result === 'success' ? 'Success' : 'Failure'}</TableCell>
              <TableCell className={styles.wrap}>{targetsOf(a)}</TableCell>
              <TableCell className={styles.wrap}>{actorOf(a)}</TableCell>
            </TableRow>
          )}
        />
      </div>
    </>
  );
}
