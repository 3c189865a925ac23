import { PortalMountNodeProvider } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useId, useState, type ComponentType } from 'react';
import { usePortal } from '../runtime/PortalContext';
import { Breadcrumbs } from './Breadcrumbs';
import { LeftNav } from './LeftNav';
import { TopBar } from './TopBar';
import { HomeBlade } from '../blades/HomeBlade';
// With the shell, not on demand: a few hundred bytes, and as a chunk of its own it made the bundler
// split the shell's shared modules into more chunks, which weighed more than it.
import { NotInLabBlade } from '../blades/NotInLabBlade';
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
    case 'notInLab':
      return <NotInLabBlade item={view.item} />;
  }
}

/**
 * The admin center look-alike: top bar, left navigation, breadcrumb, one blade and its pane. It lays
 * itself out by its own width (container queries), not the window's: beside a lesson on a wide
 * screen it can be as narrow as on a phone. When narrow, the left menu hides behind the top bar's
 * menu button, as the admin center's does.
 */
export function PortalShell({ fill = false }: { fill?: boolean }) {
  const { pane, view } = usePortal();
  const [paneArea, setPaneArea] = useState<HTMLDivElement | null>(null);
  const [frame, setFrame] = useState<HTMLElement | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  // Going somewhere (by the search, a link in a blade…) closes the menu. By value: the view object
  // may be rebuilt without the learner going anywhere.
  const where = JSON.stringify(view);
  useEffect(() => setMenuOpen(false), [where]);
  return (
    <section ref={setFrame} className={`${styles.frame} ${fill ? styles.fill : ''}`} aria-label="Simulated Microsoft Entra admin center">
      {/* Dialogs, menus and popovers open inside the simulator (the frame contains them), not over the lesson beside it. */}
      <PortalMountNodeProvider value={frame ?? undefined}>
      <TopBar menu={{ open: menuOpen, controls: navId, toggle: () => setMenuOpen((o) => !o) }} />
      <div className={styles.body} ref={setPaneArea}>
        <LeftNav id={navId} open={menuOpen} onClose={() => setMenuOpen(false)} />
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
      </PortalMountNodeProvider>
    </section>
  );
}
