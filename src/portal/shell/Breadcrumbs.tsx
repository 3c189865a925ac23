import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';
import styles from './Breadcrumbs.module.css';

// The trail above a blade: "Home > My Directory | Users > …", each crumb but the last a link.
// A plain ordered list in a nav landmark (WAI-ARIA breadcrumb pattern); Fluent's Breadcrumb would
// add ~30 KB to every lesson page.

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
      crumbs.push({ label: `${dir} | Users`, view: { name: 'users' } }, { label: 'Create new user' });
      break;
    case 'user':
      crumbs.push({ label: `${dir} | Users`, view: { name: 'users' } }, { label: state.users.get(view.userId)?.displayName ?? 'User' });
      break;
    case 'pimQuickStart':
      crumbs.push({ label: 'Privileged Identity Management' });
      break;
    case 'myRoles':
      crumbs.push({ label: 'Privileged Identity Management', view: { name: 'pimQuickStart' } }, { label: 'My roles' });
      break;
    case 'notInLab':
      crumbs.push({ label: view.item });
      break;
    case 'home':
      break;
  }
  return (
    <nav aria-label="Breadcrumb">
      <ol className={styles.list}>
        {crumbs.map((c, i) => {
          const last = i === crumbs.length - 1;
          return (
            <li key={c.label} className={styles.item}>
              {last || !c.view ? (
                <span className={styles.current} aria-current={last ? 'page' : undefined}>
                  {c.label}
                </span>
              ) : (
                <button type="button" className={styles.link} onClick={() => navigate(c.view!)}>
                  {c.label}
                </button>
              )}
              {!last && <span className={styles.sep} aria-hidden="true">›</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
