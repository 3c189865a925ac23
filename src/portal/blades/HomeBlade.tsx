import { Link, Text } from '@fluentui/react-components';
import { usePortal } from '../runtime/PortalContext';
import { Blade } from '../shell/Blade';
import styles from './HomeBlade.module.css';

/** Home: the tenant overview, with shortcuts to the places the labs use. */
export function HomeBlade() {
  const { state, account, navigate } = usePortal();
  const domain = state.organization.verifiedDomains.find((d) => d.isDefault)?.name ?? '';
  return (
    <Blade title="Home" subtitle={state.organization.displayName}>
      <Text as="p">Welcome to the Microsoft Entra admin center, {account.displayName}.</Text>
      <dl className={styles.facts}>
        <dt className={styles.dt}>Tenant</dt>
        <dd className={styles.dd}>{state.organization.displayName}</dd>
        <dt className={styles.dt}>Primary domain</dt>
        <dd className={styles.dd}>{domain}</dd>
        <dt className={styles.dt}>Users</dt>
        <dd className={styles.dd}>{state.users.size}</dd>
      </dl>
      <Text as="p">
        Go to{' '}
        <Link as="button" onClick={() => navigate({ name: 'users' })}>
          Users
        </Link>{' '}
        or{' '}
        <Link as="button" onClick={() => navigate({ name: 'pimQuickStart' })}>
          Privileged Identity Management
        </Link>
        .
      </Text>
    </Blade>
  );
}
