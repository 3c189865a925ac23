import { useEffect, type RefObject } from 'react';

/**
 * Puts focus on `target` when a pane opens and focus is on nothing in it: the pane's content loads
 * after the drawer, so the drawer's own first focus finds nothing inside to land on.
 */
export function usePaneFocus(target: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const settle = () => {
      const el = target.current;
      const active = document.activeElement;
      if (el && (!active || active === document.body || active === el.closest('[role="dialog"]'))) el.focus();
    };
    settle();
    const frame = requestAnimationFrame(settle);
    const timer = setTimeout(settle, 300);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [target]);
}
