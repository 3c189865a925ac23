import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import type { PortalNotification } from '../runtime/notifications';
import styles from './NotificationsPanel.module.css';

// Loaded by the top bar once the portal is on screen, with the notifications' derivation (the bell's
// count needs it): neither is in a lesson page's initial JavaScript. Its time format and close icon
// come from the top bar: a shell module that this chunk imported too would be split out of the
// shell's chunk, and the initial JavaScript grow.

export { notificationsFor, unreadCount } from '../runtime/notifications';

/**
 * The top bar's notifications list, opened from the bell and loaded then. A non-modal panel under
 * the top bar, as in the admin center: Escape or Close closes it and returns to the bell; a click
 * elsewhere closes it too.
 */
export function NotificationsPanel({
  id,
  list,
  newAfterMs,
  opener,
  time,
  closeIcon,
  onDismissAll,
  onClose,
}: {
  id: string;
  list: readonly PortalNotification[];
  /** Notifications after this were new when the panel opened. */
  newAfterMs: number;
  opener: RefObject<HTMLElement | null>;
  /** The portal's time format (format.ts formatTime). */
  time: (ms: number) => string;
  closeIcon: ReactNode;
  onDismissAll: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const close = (returnFocus: boolean) => {
    onClose();
    if (returnFocus) opener.current?.focus();
  };
  // The top bar re-renders as the clock moves: the latest onClose, but focus moves in only once.
  const latestClose = useRef(onClose);
  latestClose.current = onClose;
  useEffect(() => {
    ref.current?.focus();
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !opener.current?.contains(target)) latestClose.current();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [opener]);

  return (
    <div
      id={id}
      ref={ref}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      className={styles.panel}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close(true);
        }
      }}
    >
      <div className={styles.header}>
        <h2 className={styles.title} id={titleId}>
          Notifications
        </h2>
        <button type="button" className={styles.close} aria-label="Close notifications" onClick={() => close(true)}>
          {closeIcon}
        </button>
      </div>
      {list.length > 0 ? (
        <>
          <button type="button" className={styles.dismiss} onClick={onDismissAll}>
            Dismiss all
          </button>
          <ul className={styles.list}>
            {list.map((n) => (
              <li key={n.id} className={styles.item}>
                <h3 className={styles.itemTitle}>
                  {n.title}
                  {n.atMs > newAfterMs && (
                    <>
                      {' '}
                      <span className={styles.new}>New</span>
                    </>
                  )}
                </h3>
                <p className={styles.message}>{n.message}</p>
                <p className={styles.time}>{time(n.atMs)}</p>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className={styles.empty}>No new notifications.</p>
      )}
    </div>
  );
}
