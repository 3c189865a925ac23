import { useEffect, useRef } from 'react';
import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';
import styles from './LeftNav.module.css';

// The admin center's left navigation, reduced to what the labs use.

const ITEMS: { label: string; view: View; match: View['name'][] }[] = [
  { label: 'Home', view: { name: 'home' }, match: ['home'] },
  { label: 'Users', view: { name: 'users' }, match: ['users', 'userAuditLogs', 'createUser', 'user'] },
  { label: 'Privileged Identity Management', view: { name: 'pimQuickStart' }, match: ['pimQuickStart', 'myRoles'] },
];

/**
 * `open` matters only while the portal is narrow (LeftNav.module.css): then the menu hides until the
 * top bar's menu button opens it over the blade, and Escape closes it again.
 */
export function LeftNav({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { view, navigate } = usePortal();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) ref.current?.querySelector('button')?.focus();
  }, [open]);
  return (
    <nav
      id={id}
      ref={ref}
      aria-label="Portal navigation"
      className={`${styles.nav} ${open ? styles.open : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          onClose();
          document.querySelector<HTMLElement>(`[aria-controls="${id}"]`)?.focus();
        }
      }}
    >
      <ul className={styles.list}>
        {ITEMS.map((item) => {
          const current = item.match.includes(view.name);
          return (
            <li key={item.label}>
              <button
                type="button"
                className={`${styles.link} ${current ? styles.current : ''}`}
                aria-current={current ? 'page' : undefined}
                onClick={() => {
                  navigate(item.view);
                  onClose();
                }}
              >
                {item.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
