import { makeStyles, OverlayDrawer, tokens } from '@fluentui/react-components';
import { usePortal } from '../runtime/PortalContext';
import { Breadcrumbs } from './Breadcrumbs';
import { LeftNav } from './LeftNav';
import { TopBar } from './TopBar';
import { HomeBlade } from '../blades/HomeBlade';
import { UsersBlade } from '../blades/UsersBlade';
import { CreateUserBlade } from '../blades/CreateUserBlade';
import { UserBlade } from '../blades/UserBlade';
import { PimQuickStartBlade } from '../blades/PimQuickStartBlade';
import { MyRolesBlade } from '../blades/MyRolesBlade';
import { AddAssignmentsPane } from '../panes/AddAssignmentsPane';
import { ActivatePane } from '../panes/ActivatePane';
import { ActivationStatusPane } from '../panes/ActivationStatusPane';
import { DeactivatePane } from '../panes/DeactivatePane';

const useStyles = makeStyles({
  frame: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '640px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  main: { flexGrow: 1, minWidth: 0, backgroundColor: tokens.colorNeutralBackground1, overflow: 'auto' },
  crumbs: { padding: '8px 16px 0' },
});

function CurrentBlade() {
  const { view } = usePortal();
  switch (view.name) {
    case 'home':
      return <HomeBlade />;
    case 'users':
    case 'userAuditLogs':
      return <UsersBlade />;
    case 'createUser':
      return <CreateUserBlade />;
    case 'user':
      return <UserBlade userId={view.userId} section={view.section} />;
    case 'pimQuickStart':
      return <PimQuickStartBlade />;
    case 'myRoles':
      return <MyRolesBlade tab={view.tab} />;
  }
}

function CurrentPane() {
  const { pane } = usePortal();
  if (!pane) return null;
  switch (pane.name) {
    case 'addAssignments':
      return <AddAssignmentsPane principalId={pane.principalId} />;
    case 'activate':
      return <ActivatePane eligibilityScheduleId={pane.eligibilityScheduleId} />;
    case 'activationStatus':
      return <ActivationStatusPane requestId={pane.requestId} roleDefinitionId={pane.roleDefinitionId} submittedWallMs={pane.submittedWallMs} />;
    case 'deactivate':
      return <DeactivatePane assignmentScheduleId={pane.assignmentScheduleId} />;
  }
}

/** The admin center look-alike: top bar, left navigation, breadcrumb, one blade and its pane. */
export function PortalShell() {
  const styles = useStyles();
  const { pane, closePane } = usePortal();
  return (
    <div className={styles.frame}>
      <TopBar />
      <div className={styles.body}>
        <LeftNav />
        <main className={styles.main} aria-label="Portal">
          <div className={styles.crumbs}>
            <Breadcrumbs />
          </div>
          <CurrentBlade />
        </main>
      </div>
      <OverlayDrawer open={pane !== null} position="end" size="medium" onOpenChange={(_, d) => !d.open && closePane()}>
        <CurrentPane />
      </OverlayDrawer>
    </div>
  );
}
