import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem } from '@fluentui/react-components';
import { Fragment } from 'react';
import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';

/** The trail above a blade: "Home > My Directory | Users > …", each crumb but the last a link. */
export function Breadcrumbs() {
  const { view, navigate, state } = usePortal();
  const dir = state.organization.displayName;
  const crumbs: { label: string; view?: View }[] = [{ label: 'Home', view: { name: 'home' } }];
  switch (view.name) {
    case 'users':
    case 'userAuditLogs':
      crumbs.push({ label: `${dir} | Users` });
      break;
    case 'createUser':
      crumbs.push({ label: 'Users', view: { name: 'users' } }, { label: 'Create new user' });
      break;
    case 'user':
      crumbs.push({ label: 'Users', view: { name: 'users' } }, { label: state.users.get(view.userId)?.displayName ?? 'User' });
      break;
    case 'pimQuickStart':
      crumbs.push({ label: 'Privileged Identity Management' });
      break;
    case 'myRoles':
      crumbs.push({ label: 'Privileged Identity Management', view: { name: 'pimQuickStart' } }, { label: 'My roles' });
      break;
    case 'home':
      break;
  }
  return (
    <Breadcrumb aria-label="Breadcrumb" size="small">
      {crumbs.map((c, i) => (
        <Fragment key={c.label}>
          <BreadcrumbItem>
            <BreadcrumbButton current={i === crumbs.length - 1} onClick={c.view && i < crumbs.length - 1 ? () => navigate(c.view!) : undefined}>
              {c.label}
            </BreadcrumbButton>
          </BreadcrumbItem>
          {i < crumbs.length - 1 && <BreadcrumbDivider />}
        </Fragment>
      ))}
    </Breadcrumb>
  );
}
