import {
  Avatar,
  Button,
  makeStyles,
  Menu,
  MenuGroup,
  MenuGroupHeader,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  SearchBox,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import { usePortal } from '../runtime/PortalContext';
import type { View } from '../runtime/views';

// The admin center's top bar: product name, the global search ("privilege" finds Microsoft Entra
// Privileged Identity Management, as in the guide's step 10) and the signed-in account with
// Switch account.

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
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap', color: tokens.colorNeutralForegroundOnBrand },
  search: { position: 'relative', flexGrow: 1, maxWidth: '520px' },
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
    margin: 0,
    listStyle: 'none',
  },
  resultsHeader: { padding: '4px 12px', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
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
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  account: { marginLeft: 'auto', color: tokens.colorNeutralForegroundOnBrand },
});

export function TopBar() {
  const styles = useStyles();
  const { account, accounts, switchAccount, navigate, state } = usePortal();
  const [query, setQuery] = useState('');
  const listId = useId();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? SERVICES.filter((s) => s.keywords.includes(q) || s.name.toLowerCase().includes(q)) : [];
  }, [query]);

  return (
    <header className={styles.bar}>
      <Text className={styles.brand}>Microsoft Entra admin center</Text>
      <div className={styles.search} role="search">
        <SearchBox
          aria-label="Search resources, services, and docs"
          placeholder="Search resources, services, and docs (G+/)"
          value={query}
          onChange={(_, d) => setQuery(d.value)}
          aria-controls={matches.length ? listId : undefined}
          aria-expanded={matches.length > 0}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
          }}
        />
        {matches.length > 0 && (
          <div className={styles.results} id={listId} role="group" aria-label={`Services (${matches.length})`}>
            <div className={styles.resultsHeader}>Services ({matches.length})</div>
            {matches.map((s) => (
              <button
                key={s.name}
                type="button"
                className={styles.result}
                onClick={() => {
                  setQuery('');
                  navigate(s.view);
                }}
              >
                {s.name}
              </button>
            ))}
          </div>
        )}
      </div>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button
            className={styles.account}
            appearance="transparent"
            icon={<Avatar name={account.displayName} size={24} color="colorful" />}
            aria-label={`Account: ${account.displayName} (${account.userPrincipalName}), ${state.organization.displayName}. Switch account`}
          >
            <span style={{ color: 'white' }}>{account.userPrincipalName}</span>
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList checkedValues={{ account: [account.id] }} onCheckedValueChange={(_, d) => d.checkedItems[0] && void switchAccount(d.checkedItems[0])}>
            <MenuGroup>
              <MenuGroupHeader>Switch account</MenuGroupHeader>
              {accounts.map((u) => (
                <MenuItemRadio key={u.id} name="account" value={u.id}>
                  {u.displayName} ({u.userPrincipalName})
                </MenuItemRadio>
              ))}
            </MenuGroup>
          </MenuList>
        </MenuPopover>
      </Menu>
    </header>
  );
}
