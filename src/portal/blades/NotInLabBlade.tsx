import { usePortal } from '../runtime/PortalContext';
import { Blade, NOT_IN_LAB_DETAIL, notInLab } from '../shell/Blade';
import styles from './NotInLabBlade.module.css';

/**
 * A left-menu item the labs do not use (Groups, Access reviews…): a page titled with the item, as the
 * admin center would open one, that says so and leads back to where the labs work. Plain elements,
 * as small as the shell that loads it with itself (PortalShell).
 */
export function NotInLabBlade({ item }: { item: string }) {
  const { navigate } = usePortal();
  return (
    <Blade title={item}>
      <p className={styles.lead}>{notInLab(item)}</p>
      <p>
        {NOT_IN_LAB_DETAIL} They work in{' '}
        <button type="button" className={styles.link} onClick={() => navigate({ name: 'users' })}>
          Users
        </button>{' '}
        and{' '}
        <button type="button" className={styles.link} onClick={() => navigate({ name: 'pimQuickStart' })}>
          Privileged Identity Management
        </button>
        .
      </p>
      <button type="button" className={styles.primary} onClick={() => navigate({ name: 'home' })}>
        Go to Home
      </button>
    </Blade>
  );
}
