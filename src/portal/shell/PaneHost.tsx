import { OverlayDrawer, Spinner } from '@fluentui/react-components';
import { lazy, Suspense, useLayoutEffect, type ComponentType } from 'react';
import { usePortal } from '../runtime/PortalContext';

// The right-hand pane (Add assignments, Activate, …) in a Fluent overlay drawer. Loaded with the
// first pane the learner opens.

const named = <K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const AddAssignmentsPane = named(() => import('../panes/AddAssignmentsPane'), 'AddAssignmentsPane');
const ActivatePane = named(() => import('../panes/ActivatePane'), 'ActivatePane');
const ActivationStatusPane = named(() => import('../panes/ActivationStatusPane'), 'ActivationStatusPane');
const DeactivatePane = named(() => import('../panes/DeactivatePane'), 'DeactivatePane');
const ResetPasswordPane = named(() => import('../panes/ResetPasswordPane'), 'ResetPasswordPane');

function CurrentPane() {
  const { pane } = usePortal();
  if (!pane) return null;
  switch (pane.name) {
    case 'addAssignments':
      return <AddAssignmentsPane principalId={pane.principalId} />;
    case 'activate':
      return <ActivatePane eligibilityScheduleId={pane.eligibilityScheduleId} />;
    case 'activationStatus':
      return (
        <ActivationStatusPane requestId={pane.requestId} roleDefinitionId={pane.roleDefinitionId} submittedWallMs={pane.submittedWallMs} refreshed={pane.refreshed} />
      );
    case 'deactivate':
      return <DeactivatePane assignmentScheduleId={pane.assignmentScheduleId} />;
    case 'resetPassword':
      return <ResetPasswordPane userId={pane.userId} />;
  }
}

/**
 * Non-modal and mounted in the portal's body: a modal drawer would trap focus and hide the rest of
 * the page from assistive technology, including the lesson the learner is following beside it.
 */
export function PaneHost({ mountNode }: { mountNode: HTMLElement }) {
  const { pane, closePane } = usePortal();
  // When the pane closes (Close, Escape, Assign…), focus goes back to what opened it, as in the
  // admin center, rather than falling to the page. The host mounts with the first pane, while focus
  // is still on the control that opened it.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    return () => {
      // After the drawer has left the page: then focus has fallen to <body>, unless it went elsewhere.
      setTimeout(() => {
        const active = document.activeElement;
        if (active && active !== document.body) return;
        // What opened it may be gone (the pane was open before a reload, or the list it was in has
        // changed, as after an activation's refresh): then the blade's title, not the page's top.
        if (opener?.isConnected) opener.focus();
        else mountNode.querySelector<HTMLElement>('[data-blade-title]')?.focus();
      });
    };
  }, [mountNode]);
  return (
    <OverlayDrawer
      open={pane !== null}
      position="end"
      size="medium"
      modalType="non-modal"
      mountNode={mountNode}
      // Medium (592 px) where the portal has room, the whole width where it has not.
      // Above the blade's sticky table columns.
      style={{ '--fui-Drawer--size': 'min(592px, 100%)', zIndex: 10 } as React.CSSProperties}
      onOpenChange={(_, d) => !d.open && closePane()}
    >
      <Suspense fallback={<Spinner label="Loading…" size="small" />}>
        <CurrentPane />
      </Suspense>
    </OverlayDrawer>
  );
}
