import { useEffect, useId, useRef, useState } from 'react';
import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';
import styles from './LeftNav.module.css';

// The admin center's left navigation, with its groups and names: Home, Favorites, Identity and
// ID Governance. Users and Privileged Identity Management open the lab's screens; every other item
// opens a page that says it is not part of this lab (view notInLab).

interface Item {
  label: string;
  /** Where the item goes; none: the "not part of this lab" page. */
  view?: View;
  /** The views it is the current item of (by default its own). */
  match?: View['name'][];
}

const USERS: Item = { label: 'Users', view: { name: 'users' }, match: ['users', 'userAuditLogs', 'createUser', 'user'] };
const PIM: Item = { label: 'Privileged Identity Management', view: { name: 'pimQuickStart' }, match: ['pimQuickStart', 'myRoles'] };
const items = (...labels: (string | Item)[]): Item[] => labels.map((l) => (typeof l === 'string' ? { label: l } : l));

const GROUPS: { label: string; items: Item[] }[] = [
  // Empty: the labs pin nothing. The admin center fills it with the pages one stars.
  { label: 'Favorites', items: [] },
  {
    label: 'Identity',
    items: items('Overview', USERS, 'Groups', 'Devices', 'Applications', 'Roles & admins', 'Billing', 'Settings', 'Protection', 'External Identities', 'Monitoring & health'),
  },
  { label: 'ID Governance', items: items('Dashboard', 'Entitlement management', 'Access reviews', PIM, 'Lifecycle workflows') },
];
const HOME_ITEM: Item = { label: 'Home', view: { name: 'home' } };

const isCurrent = (item: Item, view: View) =>
  view.name === 'notInLab' ? !item.view && view.item === item.label : !!item.view && (item.match ?? [item.view.name]).includes(view.name);
const groupOf = (view: View) => GROUPS.find((g) => g.items.some((i) => isCurrent(i, view)))?.label;

/**
 * `open` matters only while the portal is narrow (LeftNav.module.css): then the menu hides until the
 * top bar's menu button opens it over the blade, and Escape closes it again.
 */
export function LeftNav({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { view, navigate } = usePortal();
  const ref = useRef<HTMLElement>(null);
  const groupIds = useId();
  const current = groupOf(view);
  // The groups the labs work in are open at first; the group of the page shown opens with it.
  const [expanded, setExpanded] = useState(() => new Set(['Identity', 'ID Governance']));
  useEffect(() => {
    if (current) setExpanded((e) => (e.has(current) ? e : new Set(e).add(current)));
  }, [current]);
  useEffect(() => {
    if (open) ref.current?.querySelector('button')?.focus();
  }, [open]);

  const link = (item: Item) => {
    const here = isCurrent(item, view);
    return (
      <li key={item.label}>
        <button
          type="button"
          className={`${styles.link} ${here ? styles.current : ''}`}
          aria-current={here ? 'page' : undefined}
          onClick={() => {
            navigate(item.view ?? { name: 'notInLab', item: item.label });
            onClose();
          }}
        >
          {item.label}
        </button>
      </li>
    );
  };

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
        {link(HOME_ITEM)}
        {GROUPS.map((group, i) => {
          const isOpen = expanded.has(group.label);
          const listId = `${groupIds}-${i}`;
          return (
            <li key={group.label}>
              <button
                type="button"
                className={`${styles.link} ${styles.group} ${!isOpen && current === group.label ? styles.current : ''}`}
                aria-expanded={isOpen}
                aria-controls={listId}
                onClick={() =>
                  setExpanded((e) => {
                    const next = new Set(e);
                    if (!next.delete(group.label)) next.add(group.label);
                    return next;
                  })
                }
              >
                {group.label}
              </button>
              <ul id={listId} className={styles.list} hidden={!isOpen}>
                {group.items.length ? group.items.map(link) : <li className={styles.hint}>No favorites yet. In the admin center, the pages you star show here.</li>}
              </ul>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
