import {
  Button,
  Link,
  makeStyles,
  Tab,
  TableCell,
  TableRow,
  TabList,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { activationRequestOf, expiredAssignments, roleAssignmentSchedules, roleEligibilitySchedules, type RoleSchedule } from '../../tenant';
import { roleName, usePortal } from '../runtime/PortalContext';
import type { MyRolesTab } from '../runtime/views';
import { Blade } from '../shell/Blade';
import { PimLayout } from './PimMenu';
import { RefreshIcon } from '../shell/icons';
import { formatTime, scopeName } from '../shell/format';
import { PortalTable } from '../shell/PortalTable';

// PIM > My roles > Microsoft Entra roles: the signed-in account's own eligible, active and expired
// role assignments (guide steps 11 and 13). The tenant is observed at the tenant clock, which moves
// every few seconds, so an activation whose end has passed leaves the Active tab by itself. An
// activation offers its request's Status tab again (View status): PIM keeps the request.

const TABS: { value: MyRolesTab; label: string }[] = [
  { value: 'eligible', label: 'Eligible assignments' },
  { value: 'active', label: 'Active assignments' },
  { value: 'expired', label: 'Expired assignments' },
];

const useStyles = makeStyles({
  tabs: { marginBottom: '8px' },
  // Side by side where the column has room, else one under the other (a long one wraps rather than
  // widen the list past the portal on a laptop).
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: '12px' },
});

/** When a schedule stops: its end, or earlier if it was removed or deactivated. */
const endOf = (s: RoleSchedule) => (s.endedMs !== null && (s.endMs === null || s.endedMs < s.endMs) ? s.endedMs : s.endMs);

interface Column {
  header: string;
  cell: (s: RoleSchedule) => ReactNode;
  /** Which columns give way on a narrow screen, and which stays in view (PortalTable). */
  priority?: 1 | 2 | 3;
  sticky?: boolean;
}

export function MyRolesBlade({ tab }: { tab: MyRolesTab }) {
  const styles = useStyles();
  const { state, now, account, navigate, openPane, refresh } = usePortal();

  const role: Column = { header: 'Role', cell: (s) => roleName(s.roleDefinitionId) };
  const scope: Column = { header: 'Scope', cell: (s) => scopeName(s.directoryScopeId), priority: 3 };
  const membership: Column = { header: 'Membership', cell: (s) => s.memberType, priority: 3 };
  const end: Column = { header: 'End time', cell: (s) => formatTime(endOf(s)) };

  let rows: RoleSchedule[];
  let columns: Column[];
  switch (tab) {
    case 'eligible':
      rows = roleEligibilitySchedules(state, now, account.id);
      columns = [
        role,
        scope,
        membership,
        end,
        {
          header: 'Action',
          sticky: true,
          cell: (s) => (
            <Link as="button" onClick={() => openPane({ name: 'activate', eligibilityScheduleId: s.id })}>
              Activate
            </Link>
          ),
        },
      ];
      break;
    case 'active':
      rows = roleAssignmentSchedules(state, now, account.id);
      columns = [
        role,
        scope,
        membership,
        { header: 'State', cell: (s) => (s.kind === 'assignment' ? s.assignmentType : ''), priority: 2 },
        { header: 'Start time', cell: (s) => formatTime(s.startMs), priority: 2 },
        end,
        {
          header: 'Action',
          sticky: true,
          cell: (s) => {
            if (s.kind !== 'assignment' || s.assignmentType !== 'Activated') return null;
            const request = activationRequestOf(state, s.id);
            return (
              <span className={styles.actions}>
                <Link as="button" onClick={() => openPane({ name: 'deactivate', assignmentScheduleId: s.id })}>
                  Deactivate
                </Link>
                {request && (
                  <Link as="button" onClick={() => openPane({ name: 'activationStatus', requestId: request.id, roleDefinitionId: s.roleDefinitionId })}>
                    View status
                  </Link>
                )}
              </span>
            );
          },
        },
      ];
      break;
    case 'expired':
      rows = expiredAssignments(state, now, account.id);
      columns = [role, scope, membership, end];
      break;
  }
  const label = TABS.find((t) => t.value === tab)!.label;

  return (
    <Blade
      title="My roles | Microsoft Entra roles"
      subtitle="Privileged Identity Management"
      commands={
        <Button appearance="subtle" icon={<RefreshIcon />} onClick={() => void refresh()}>
          Refresh
        </Button>
      }
    >
      <PimLayout current="myRoles" minContentWidth={600}>
        <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => navigate({ name: 'myRoles', tab: d.value as MyRolesTab })}>
          {TABS.map((t) => (
            <Tab key={t.value} value={t.value}>
              {t.label}
            </Tab>
          ))}
        </TabList>
        <div role="tabpanel" aria-label={label}>
          <PortalTable
            label={label}
            columns={columns.map((c) => ({ name: c.header, ...(c.priority ? { priority: c.priority } : {}), ...(c.sticky ? { sticky: true } : {}) }))}
            items={rows}
            row={(s) => (
              <TableRow key={s.id}>
                {columns.map((c) => (
                  <TableCell key={c.header}>{c.cell(s)}</TableCell>
                ))}
              </TableRow>
            )}
          />
        </div>
      </PimLayout>
    </Blade>
  );
}
