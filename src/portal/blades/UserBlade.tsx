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
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  SearchBox,
  Tab,
  TableCell,
  TableCellLayout,
  TableRow,
  TabList,
  Text,
  tokens,
  Toolbar,
  ToolbarButton,
  Tooltip,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { assignmentRequest, eligibilityRequest, expiredAssignments, findRole, roleAssignmentSchedules, roleEligibilitySchedules, type RoleSchedule, type User } from '../../tenant';
import { usePortal } from '../runtime/PortalContext';
import { notices, NOTICE_EVENT, type NoticeBlade } from '../runtime/tabStorage';
import type { AssignmentsTab } from '../runtime/views';
import { Blade, notInLab } from '../shell/Blade';
import { AddIcon, DismissIcon, FeedbackIcon, InfoIcon, KeyIcon, RefreshIcon } from '../shell/icons';
import { resetPasswordUnavailable } from './resetPasswordAccess';
import { portalDateTime, refusalText } from '../shell/format';
import { BladeMenuLayout } from '../shell/BladeMenuLayout';
import { PortalTable, type PortalColumn } from '../shell/PortalTable';

// A user's blade in the admin center (Users > All users > user): the blade menu on the left, and
// the Overview or the Assigned roles screen of the guide's steps 2, 4 and 9, where an administrator
// adds PIM assignments (the Add assignments pane) and removes them. Every rule is the tenant core's:
// a refused Remove shows the core's message.

type Section = 'overview' | 'assignedRoles';
type MenuItem = Section | 'auditLogs' | 'signInLogs' | 'diagnose' | 'customSecurityAttributes' | 'administrativeUnits';

const MENU: { value: MenuItem; label: string }[] = [
  { value: 'overview', label: 'Overview' },
  { value: 'auditLogs', label: 'Audit logs' },
  { value: 'signInLogs', label: 'Sign-in logs' },
  { value: 'diagnose', label: 'Diagnose and solve problems' },
  { value: 'customSecurityAttributes', label: 'Custom security attributes' },
  { value: 'assignedRoles', label: 'Assigned roles' },
  { value: 'administrativeUnits', label: 'Administrative units' },
];

const TABS: { value: AssignmentsTab; label: string }[] = [
  { value: 'eligible', label: 'Eligible assignments' },
  { value: 'active', label: 'Active assignments' },
  { value: 'expired', label: 'Expired assignments' },
];

const useStyles = makeStyles({
  commands: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, marginTop: '-8px' },
  filters: { display: 'flex', gap: '12px', alignItems: 'center' },
  search: { width: '280px', maxWidth: '100%' },
  // Cut short to leave room for the other columns; the whole name shows on hover (title) and on focus.
  upn: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    display: 'block',
    maxWidth: '120px',
    ':focus-visible': { whiteSpace: 'normal', overflowWrap: 'anywhere', outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: '12px' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content auto', gap: '8px 32px', margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  sectionTitle: { margin: '4px 0 0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  unavailable: { display: 'flex', gap: '6px', alignItems: 'flex-start', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  noteIcon: { flexShrink: 0, color: tokens.colorBrandForeground1 },
});

export function UserBlade({ userId, section }: { userId: string; section: Section }) {
  const { state, navigate } = usePortal();
  const user = state.users.get(userId);
  // Menu items the simulator has no screen for are remembered only while the blade is open.
  const [other, setOther] = useState<MenuItem | null>(null);
  useEffect(() => setOther(null), [userId, section]);

  if (!user) {
    return (
      <Blade title="User" subtitle="User">
        <MessageBar intent="error">
          <MessageBarBody>This user does not exist in the directory (it may have been deleted).</MessageBarBody>
        </MessageBar>
      </Blade>
    );
  }

  const selected: MenuItem = other ?? section;
  const selectedLabel = MENU.find((m) => m.value === selected)!.label;
  const title = `${user.displayName} | ${selected === 'assignedRoles' ? 'Assigned roles' : selected === 'overview' ? 'Overview' : selectedLabel}`;

  const onMenu = (value: MenuItem) => {
    if (value === 'overview' || value === 'assignedRoles') {
      setOther(null);
      if (value !== section) navigate({ name: 'user', userId, section: value });
    } else if (value === 'auditLogs') navigate({ name: 'userAuditLogs' });
    else setOther(value);
  };

  return (
    <Blade title={title} subtitle="User">
      <BladeMenuLayout label="User" items={MENU} selected={selected} onSelect={onMenu} menuAboveBelowPx={880}>
        {selected === 'assignedRoles' ? (
          <AssignedRoles user={user} />
        ) : selected === 'overview' ? (
          <Overview user={user} />
        ) : (
          <Text as="p">{notInLab(selectedLabel)} The labs use Overview and Assigned roles.</Text>
        )}
      </BladeMenuLayout>
    </Blade>
  );
}

function Overview({ user }: { user: User }) {
  const styles = useStyles();
  const { state, now, account, refresh, openPane } = usePortal();
  // Greyed out, with the reason, when the core would refuse it (shared/domain/password-reset-matrix.md).
  const resetBlocked = resetPasswordUnavailable(state, account.id, user, now);
  const reasonId = useId();
  const facts: [string, string][] = [
    ['User principal name', user.userPrincipalName],
    ['Object ID', user.id],
    ['User type', user.userType],
    ['Account enabled', user.accountEnabled ? 'Yes' : 'No'],
    ['Created date time', portalDateTime(Date.parse(user.createdDateTime))],
  ];
  return (
    <>
      <Toolbar aria-label="User commands" className={styles.commands}>
        <ToolbarButton
          icon={<KeyIcon />}
          disabledFocusable={resetBlocked !== null}
          aria-describedby={resetBlocked ? reasonId : undefined}
          onClick={() => openPane({ name: 'resetPassword', userId: user.id })}
        >
          Reset password
        </ToolbarButton>
        <ToolbarButton icon={<RefreshIcon />} onClick={() => void refresh()}>
          Refresh
        </ToolbarButton>
      </Toolbar>
      {resetBlocked && (
        <p id={reasonId} className={styles.unavailable}>
          <span className={styles.noteIcon}>
            <InfoIcon />
          </span>
          <span>{resetBlocked}</span>
        </p>
      )}
      <h3 className={styles.sectionTitle}>Basic info</h3>
      <dl className={styles.facts}>
        {facts.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt className={styles.dt}>{k}</dt>
            <dd className={styles.dd}>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

interface Row {
  schedule: RoleSchedule;
  roleName: string;
  /** Standing active assignment (Assigned) or one made by activating an eligibility (Activated). */
  state?: 'Assigned' | 'Activated';
}

type Notice = { intent: 'success' | 'error' | 'info'; text: string };

function AssignedRoles({ user }: { user: User }) {
  const styles = useStyles();
  const { state, now, view, navigate, openPane, refresh, dispatch, newId, attemptId } = usePortal();
  const tab: AssignmentsTab = view.name === 'user' && view.tab ? view.tab : 'eligible';
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<Notice | null>(() => {
    const text = notices.take(attemptId, 'assignedRoles');
    return text ? { intent: 'success', text } : null;
  });
  const [removing, setRemoving] = useState<Row | null>(null);
  const [busy, setBusy] = useState(false);

  // The Add assignments pane reports a successful assignment after it closes.
  useEffect(() => {
    const onNotice = (e: Event) => {
      if ((e as CustomEvent<NoticeBlade>).detail !== 'assignedRoles') return;
      const text = notices.take(attemptId, 'assignedRoles');
      if (text) setNotice({ intent: 'success', text });
    };
    window.addEventListener(NOTICE_EVENT, onNotice);
    return () => window.removeEventListener(NOTICE_EVENT, onNotice);
  }, [attemptId]);

  const rows = useMemo<Row[]>(() => {
    const schedules: RoleSchedule[] =
      tab === 'eligible' ? roleEligibilitySchedules(state, now, user.id) : tab === 'active' ? roleAssignmentSchedules(state, now, user.id) : expiredAssignments(state, now, user.id);
    const q = query.trim().toLowerCase();
    return schedules
      .map((s) => ({ schedule: s, roleName: findRole(s.roleDefinitionId)?.displayName ?? s.roleDefinitionId, ...(s.kind === 'assignment' ? { state: s.assignmentType } : {}) }))
      .filter((r) => !q || r.roleName.toLowerCase().includes(q));
  }, [state, now, user.id, tab, query]);

  const selectTab = (value: AssignmentsTab) => {
    if (view.name === 'user') navigate({ ...view, tab: value });
  };

  const remove = useCallback(
    async (row: Row) => {
      setBusy(true);
      const s = row.schedule;
      const target = { id: newId(), principalId: s.principalId, roleDefinitionId: s.roleDefinitionId, directoryScopeId: s.directoryScopeId };
      const result = await dispatch(s.kind === 'eligibility' ? eligibilityRequest('adminRemove', target) : assignmentRequest('adminRemove', target));
      setBusy(false);
      setRemoving(null);
      setNotice(result.ok ? { intent: 'success', text: `${row.roleName} was removed from ${user.displayName}.` } : { intent: 'error', text: refusalText(result.error) });
    },
    [dispatch, newId, user.displayName],
  );

  const showState = tab === 'active';
  // What gives way on a narrow screen: the principal (the blade's own user), scope and membership first.
  const columns: PortalColumn[] = [
    { name: 'Role' },
    { name: 'Principal name', priority: 2 },
    { name: 'Scope', priority: 3 },
    { name: 'Membership', priority: 3 },
    ...(showState ? [{ name: 'State', priority: 2 } as const] : []),
    { name: 'Start time', priority: 2 },
    { name: 'End time' },
    { name: 'Action', sticky: true },
  ];
  const tabLabel = TABS.find((t) => t.value === tab)!.label;

  return (
    <>
      <Toolbar aria-label="Assigned roles commands" className={styles.commands}>
        <ToolbarButton icon={<AddIcon />} onClick={() => openPane({ name: 'addAssignments', principalId: user.id })}>
          Add assignments
        </ToolbarButton>
        <ToolbarButton
          icon={<RefreshIcon />}
          onClick={() => {
            setNotice(null);
            void refresh();
          }}
        >
          Refresh
        </ToolbarButton>
        <ToolbarButton icon={<FeedbackIcon />} onClick={() => setNotice({ intent: 'info', text: 'Thank you. This simulator does not send feedback anywhere.' })}>
          Got feedback?
        </ToolbarButton>
      </Toolbar>

      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
          <MessageBarActions
            containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<DismissIcon />} onClick={() => setNotice(null)} />}
          />
        </MessageBar>
      )}

      <TabList aria-label="Assignments" selectedValue={tab} onTabSelect={(_, d) => selectTab(d.value as AssignmentsTab)}>
        {TABS.map((t) => (
          <Tab key={t.value} value={t.value}>
            {t.label}
          </Tab>
        ))}
      </TabList>

      <div className={styles.filters}>
        <SearchBox className={styles.search} placeholder="Search by role" aria-label="Search by role" value={query} onChange={(_, d) => setQuery(d.value)} />
      </div>

      <div>
        <PortalTable
          label={tabLabel}
          columns={columns}
          items={rows}
          row={(row) => (
            <TableRow key={row.schedule.id}>
              <TableCell>{row.roleName}</TableCell>
              <TableCell>
                <TableCellLayout truncate title={user.userPrincipalName}>
                  <span className={styles.upn} tabIndex={0}>
                    {user.userPrincipalName}
                  </span>
                </TableCellLayout>
              </TableCell>
              <TableCell>{row.schedule.directoryScopeId === '/' ? 'Directory' : row.schedule.directoryScopeId}</TableCell>
              <TableCell>{row.schedule.memberType}</TableCell>
              {showState && <TableCell>{row.state}</TableCell>}
              <TableCell>{portalDateTime(row.schedule.startMs)}</TableCell>
              <TableCell>{row.schedule.endMs === null ? 'Permanent' : portalDateTime(row.schedule.endMs)}</TableCell>
              <TableCell>
                <RowActions row={row} tab={tab} onRemove={() => setRemoving(row)} />
              </TableCell>
            </TableRow>
          )}
        />
      </div>

      <Dialog open={removing !== null} onOpenChange={(_, d) => !d.open && !busy && setRemoving(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Remove</DialogTitle>
            <DialogContent>
              {removing && (
                <>
                  Are you sure you want to remove the {removing.schedule.kind === 'eligibility' ? 'eligible' : 'active'} assignment of {removing.roleName} for {user.displayName}?
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => removing && void remove(removing)}>
                Yes
              </Button>
              <Button disabled={busy} onClick={() => setRemoving(null)}>
                No
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}

/** An action the simulator does not offer yet: shown, focusable, disabled, and saying why. */
function Unavailable({ label, why }: { label: string; why: string }) {
  return (
    <Tooltip content={why} relationship="description" withArrow>
      <Link as="button" disabledFocusable>
        {label}
      </Link>
    </Tooltip>
  );
}

function RowActions({ row, tab, onRemove }: { row: Row; tab: AssignmentsTab; onRemove: () => void }) {
  const styles = useStyles();
  if (tab === 'expired') return <Unavailable label="Renew" why="Renewing assignments is not available in this simulator yet" />;
  return (
    <div className={styles.actions}>
      {row.state === 'Activated' ? (
        <Unavailable label="Remove" why="An activated role ends when the user deactivates it or it expires. Remove the eligible assignment to end it." />
      ) : (
        <Link as="button" onClick={onRemove}>
          Remove
        </Link>
      )}
      <Unavailable label="Update" why="Updating assignments is not available in this simulator yet" />
    </div>
  );
}
