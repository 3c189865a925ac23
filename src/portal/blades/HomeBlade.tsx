import { usePortal } from '../runtime/PortalContext';
import { Blade } from '../shell/Blade';
import styles from './HomeBlade.module.css';
import links from './NotInLabBlade.module.css';

/**
 * Home: the tenant overview, with shortcuts to the places the labs use. Plain elements, not Fluent's
 * Link: Home is the blade a lesson page opens on, so it loads with the page (initial JavaScript).
 */
export function HomeBlade() {
  const { state, account, navigate } = usePortal();
  const domain = state.organization.verifiedDomains.find((d) => d.isDefault)?.name ?? '';
  return (
    <Blade title="Home" subtitle={state.organization.displayName}>
      <p>Welcome to the Microsoft Entra admin center, {account.displayName}.</p>
      <dl className={styles.facts}>
        <dt className={styles.dt}>Tenant</dt>
        <dd className={styles.dd}>{state.organization.displayName}</dd>
        <dt className={styles.dt}>Primary domain</dt>
        <dd className={styles.dd}>{domain}</dd>
        <dt className={styles.dt}>Users</dt>
        <dd className={styles.dd}>{state.users.size}</dd>
      </dl>
      <p>
        Go to{' '}
        <button type="button" className={links.link} onClick={() => navigate({ name: 'users' })}>
          Users
        </button>{' '}
        or{' '}
        <button type="button" className={links.link} onClick={() => navigate({ name: 'pimQuickStart' })}>
          Privileged Identity Management
        </button>
        .
      </p>
    </Blade>
  );
}
