import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';

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

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: '12px',
    paddingInline: '12px',
    minHeight: '48px',
    backgroundColor: '#0f1b3d',
    color: '#ffffff',
  },
  brand: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap', color: '#ffffff' },
  search: { position: 'relative', flexGrow: 1, maxWidth: '520px' },
  input: {
    boxSizing: 'border-box',
    width: '100%',
    height: '32px',
    padding: '0 10px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase300,
    fontFamily: 'inherit',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  results: {
    position: 'absolute',
    top: '36px',
    left: 0,
    right: 0,
    zIndex: 10,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow16,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 0',
  },
  resultsHeader: { margin: 0, padding: '4px 12px', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, fontWeight: 'normal' },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  result: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: '6px 12px',
    border: 'none',
    background: 'none',
    cursor: 'pointer',
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  account: {
    marginLeft: 'auto',
    display: 'inline-flex',
    alignItems: 'center',
    padding: '4px 8px',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    background: 'transparent',
    color: '#ffffff',
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: 'rgba(255,255,255,0.1)', color: '#ffffff' },
    ':focus-visible': { outline: '2px solid #ffffff' },
  },
  initials: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '24px',
    height: '24px',
    marginRight: '6px',
    borderRadius: '50%',
    backgroundColor: '#8764b8',
    color: '#ffffff',
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
  },
});

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

export function TopBar() {
  const styles = useStyles();
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
      <span>{account.userPrincipalName}</span>
    </>
  );

  return (
    <header className={styles.bar}>
      <Text className={styles.brand}>Microsoft Entra admin center</Text>
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
              Services ({matches.length})
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
