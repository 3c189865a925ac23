import { makeStyles, tokens } from '@fluentui/react-components';
import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';

// The admin center's left navigation, reduced to what the labs use.

const ITEMS: { label: string; view: View; match: View['name'][] }[] = [
  { label: 'Home', view: { name: 'home' }, match: ['home'] },
  { label: 'Users', view: { name: 'users' }, match: ['users', 'userAuditLogs', 'createUser', 'user'] },
  { label: 'Privileged Identity Management', view: { name: 'pimQuickStart' }, match: ['pimQuickStart', 'myRoles'] },
];

const useStyles = makeStyles({
  nav: { width: '200px', flexShrink: 0, padding: '8px 0', borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  link: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: '8px 16px',
    border: 'none',
    background: 'none',
    cursor: 'pointer',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  current: { fontWeight: tokens.fontWeightSemibold, borderLeft: `3px solid ${tokens.colorBrandStroke1}` },
});

export function LeftNav() {
  const styles = useStyles();
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
