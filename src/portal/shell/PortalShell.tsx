import { lazy, Suspense, useState, type ComponentType } from 'react';
import { usePortal } from '../runtime/PortalContext';
import { Breadcrumbs } from './Breadcrumbs';
import { LeftNav } from './LeftNav';
import { TopBar } from './TopBar';
import { HomeBlade } from '../blades/HomeBlade';
import styles from './PortalShell.module.css';

// Blades and panes load on demand: a step page's initial JavaScript is the shell and the blade it
// opens on, which keeps it within the lesson page's budget (200 KB gzip with React and Fluent UI).
const named = <K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const UsersBlade = named(() => import('../blades/UsersBlade'), 'UsersBlade');
const CreateUserBlade = named(() => import('../blades/CreateUserBlade'), 'CreateUserBlade');
const UserBlade = named(() => import('../blades/UserBlade'), 'UserBlade');
const PimQuickStartBlade = named(() => import('../blades/PimQuickStartBlade'), 'PimQuickStartBlade');
const MyRolesBlade = named(() => import('../blades/MyRolesBlade'), 'MyRolesBlade');
const PaneHost = named(() => import('./PaneHost'), 'PaneHost');

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

/** The admin center look-alike: top bar, left navigation, breadcrumb, one blade and its pane. */
export function PortalShell() {
  const { pane } = usePortal();
  const [paneArea, setPaneArea] = useState<HTMLDivElement | null>(null);
  return (
    <section className={styles.frame} aria-label="Simulated Microsoft Entra admin center">
      <TopBar />
      <div className={styles.body} ref={setPaneArea}>
        <LeftNav />
        <div className={styles.main}>
          <div className={styles.crumbs}>
            <Breadcrumbs />
          </div>
          <Suspense fallback={<p role="status" className={styles.loading}>Loading…</p>}>
            <CurrentBlade />
          </Suspense>
        </div>
        {pane && paneArea && (
          <Suspense fallback={null}>
            <PaneHost mountNode={paneArea} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
