import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';
import styles from './LeftNav.module.css';

// The admin center's left navigation, reduced to what the labs use.

const ITEMS: { label: string; view: View; match: View['name'][] }[] = [
  { label: 'Home', view: { name: 'home' }, match: ['home'] },
  { label: 'Users', view: { name: 'users' }, match: ['users', 'userAuditLogs', 'createUser', 'user'] },
  { label: 'Privileged Identity Management', view: { name: 'pimQuickStart' }, match: ['pimQuickStart', 'myRoles'] },
];

export function LeftNav() {
  const { view, navigate } = usePortal();
  return (
    <nav aria-label="Portal navigation" className={styles.nav}>
      <ul className={styles.list}>
        {ITEMS.map((item) => {
          const current = item.match.includes(view.name);
          return (
            <li key={item.label}>
              <button type="button" className={`${styles.link} ${current ? styles.current : ''}`} aria-current={current ? 'page' : undefined} onClick={() => navigate(item.view)}>
                {item.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
