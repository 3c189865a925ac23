import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';
import { NavigationIcon } from './icons';
import styles from './TopBar.module.css';

// The admin center's top bar: product name, the global search ("privilege" finds Microsoft Entra
// Privileged Identity Management, as in the guide's step 10) and the signed-in account with
// Switch account. The search is a plain search input with a list of results, and the account menu
// loads on first use, to keep a lesson page's initial JavaScript small.

const AccountMenu = lazy(() => import('./AccountMenu').then((m) => ({ default: m.AccountMenu })));

const SERVICES: { name: string; keywords: string; view: View }[] = [
  { name: 'Microsoft Entra Privileged Identity Management', keywords: 'privileged identity management pim privilege roles', view: { name: 'pimQuickStart' } },
  { name: 'Users', keywords: 'users people accounts', view: { name: 'users' } },
  { name: 'My roles', keywords: 'my roles activate privilege pim', view: { name: 'myRoles', tab: 'eligible' } },
];

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** The menu button that shows the left menu while the portal is narrow (PortalShell). */
export interface TopBarMenu {
  open: boolean;
  /** The id of the left menu it shows. */
  controls: string;
  toggle: () => void;
}

export function TopBar({ menu }: { menu: TopBarMenu }) {
  const { account, navigate, state } = usePortal();
  const [query, setQuery] = useState('');
  const [menuLoaded, setMenuLoaded] = useState(false);
  const resultsId = useId();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? SERVICES.filter((s) => s.keywords.includes(q) || s.name.toLowerCase().includes(q)) : [];
  }, [query]);

  // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
  const label = `${account.userPrincipalName} (${account.displayName}, ${state.organization.displayName}): Switch account`;
  const face = (
    <>
      <span className={styles.initials} aria-hidden="true">
        {initialsOf(account.displayName)}
      </span>
      <span className={styles.upn}>{account.userPrincipalName}</span>
    </>
  );

  return (
    <header className={styles.bar}>
      <button type="button" className={styles.menuButton} aria-label="Show portal menu" aria-expanded={menu.open} aria-controls={menu.controls} onClick={menu.toggle}>
        <NavigationIcon />
      </button>
      <span className={styles.brand}>Microsoft Entra admin center</span>
      <div className={styles.search} role="search">
        <input
          type="search"
          className={styles.input}
          aria-label="Search resources, services, and docs"
          placeholder="Search resources, services, and docs (G+/)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={matches.length ? resultsId : undefined}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
          }}
        />
        {matches.length > 0 && (
          <div className={styles.results} id={resultsId}>
            <h3 className={styles.resultsHeader} id={`${resultsId}-services`}>
              Services
            </h3>
            <ul className={styles.list} aria-labelledby={`${resultsId}-services`}>
              {matches.map((s) => (
                <li key={s.name}>
                  <button
                    type="button"
                    className={styles.result}
                    onClick={() => {
                      setQuery('');
                      navigate(s.view);
                    }}
                  >
                    {s.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {menuLoaded ? (
        <Suspense
          fallback={
            <button type="button" className={styles.account} title={label}>
              {face}
            </button>
          }
        >
          <AccountMenu className={styles.account} label={label}>
            {face}
          </AccountMenu>
        </Suspense>
      ) : (
        // A plain button until the learner first opens the menu (Fluent's Menu loads then).
        <button type="button" className={styles.account} title={label} aria-haspopup="menu" onClick={() => setMenuLoaded(true)}>
          {face}
        </button>
      )}
    </header>
  );
}
