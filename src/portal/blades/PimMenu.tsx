import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Button, makeStyles, Nav, NavItem, NavSectionHeader, tokens } from '@fluentui/react-components';
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { usePortal } from '../runtime/PortalContext';

// The Privileged Identity Management blade menu (shared/domain/pim.md §9): Quick start, then Tasks —
// My roles, My requests, Approve requests, Review access — and Manage — Microsoft Entra roles,
// Groups, Azure resources. Only the places the labs use are built; the others say so when chosen.

export type PimPage = 'quickStart' | 'myRoles';

const TASKS = ['My roles', 'My requests', 'Approve requests', 'Review access'] as const;
const MANAGE = ['Microsoft Entra roles', 'Groups', 'Azure resources'] as const;

const useStyles = makeStyles({
  layout: { display: 'flex', alignItems: 'flex-start', gap: '20px', minHeight: '420px' },
  rail: { width: '180px', flexShrink: 0, borderRight: `1px solid ${tokens.colorNeutralStroke2}`, alignSelf: 'stretch' },
  railCollapsed: { width: '32px', flexShrink: 0, borderRight: `1px solid ${tokens.colorNeutralStroke2}`, alignSelf: 'stretch' },
  toggle: { marginBottom: '4px' },
  menu: { backgroundColor: 'transparent', paddingRight: '8px' },
  // Fluent's NavItem is drawn for a grey nav drawer; on the blade's white it is transparent.
  item: {
    backgroundColor: 'transparent',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':active': { backgroundColor: tokens.colorSubtleBackgroundPressed },
  },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  content: { flexGrow: 1, minWidth: 0 },
  notice: { marginBottom: '12px' },
});

// Fluent System Icons (20 px), inlined: the few glyphs the PIM screens draw.
const icon = (d: string) =>
  function Icon() {
    return (
      <svg width="20" height="20" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false">
        <path d={d} />
      </svg>
    );
  };
export const DismissIcon = icon(
  'm4.09 4.22.06-.07a.5.5 0 0 1 .63-.06l.07.06L10 9.29l5.15-5.14a.5.5 0 0 1 .63-.06l.07.06c.18.17.2.44.06.63l-.06.07L10.71 10l5.14 5.15c.18.17.2.44.06.63l-.06.07a.5.5 0 0 1-.63.06l-.07-.06L10 10.71l-5.15 5.14a.5.5 0 0 1-.63.06l-.07-.06a.5.5 0 0 1-.06-.63l.06-.07L9.29 10 4.15 4.85a.5.5 0 0 1-.06-.63l.06-.07z',
);
export const CheckmarkCircleIcon = icon(
  'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16m3.36 5.65a.5.5 0 0 0-.64-.06l-.07.06L9 11.3 7.35 9.65l-.07-.06a.5.5 0 0 0-.7.7l.07.07 2 2 .07.06c.17.11.4.11.56 0l.07-.06 4-4 .07-.08a.5.5 0 0 0-.06-.63',
);
export const CircleIcon = icon('M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14m-8 7a8 8 0 1 1 16 0 8 8 0 0 1-16 0');
export const CollapseIcon = icon(
  'M9.65 4.15a.5.5 0 1 1 .7.7L5.21 10l5.14 5.15a.5.5 0 1 1-.7.7l-5.5-5.5a.5.5 0 0 1 0-.7zm5 0a.5.5 0 1 1 .7.7L10.21 10l5.14 5.15a.5.5 0 1 1-.7.7l-5.5-5.5a.5.5 0 0 1 0-.7z',
);
export const ExpandIcon = icon(
  'M4.65 4.15c.2-.2.5-.2.7 0l5.5 5.5a.5.5 0 0 1 0 .7l-5.5 5.5a.5.5 0 1 1-.7-.7L9.79 10 4.65 4.85a.5.5 0 0 1 0-.7m5 0c.2-.2.5-.2.7 0l5.5 5.5a.5.5 0 0 1 0 .7l-5.5 5.5a.5.5 0 1 1-.7-.7L14.79 10 9.65 4.85a.5.5 0 0 1 0-.7',
);
export const RefreshIcon = icon(
  'M4 10a6 6 0 0 1 10.47-4H12.5a.5.5 0 0 0 0 1h3a.5.5 0 0 0 .5-.5v-3a.5.5 0 0 0-1 0v1.6a7 7 0 1 0 1.98 4.36.5.5 0 1 0-1 .08L16 10a6 6 0 0 1-12 0',
);

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

/** Room the menu takes when open (its width and the gap after it). */
const MENU_PX = 200;

/**
 * A PIM blade's body: the PIM menu on the left, the page on the right. Like the portal's blade
 * menus it collapses («); it starts collapsed when the page would otherwise get less than
 * `minContentWidth` (the simulator sits beside the lesson text, so it is often narrow).
 */
export function PimLayout({ current, minContentWidth = 360, children }: { current: PimPage; minContentWidth?: number; children: ReactNode }) {
  const styles = useStyles();
  const { navigate } = usePortal();
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const layout = useRef<HTMLDivElement>(null);
  const [narrow, setNarrow] = useState(false);
  const [chosen, setChosen] = useState<boolean | null>(null);
  const collapsed = chosen ?? narrow;
  const navId = useId();

  useLayoutEffect(() => {
    const el = layout.current;
    if (!el) return;
    const measure = () => setNarrow(el.clientWidth - MENU_PX < minContentWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [minContentWidth]);

  const selected = current === 'myRoles' ? 'My roles' : 'quickStart';
  const item = (value: string, label = value) => (
    <NavItem key={value} value={value} className={`${styles.item} ${value === selected ? styles.selected : ''}`}>
      {label}
    </NavItem>
  );
  const choose = (value: string) => {
    if (value === 'quickStart') navigate({ name: 'pimQuickStart' });
    else if (value === 'My roles') navigate({ name: 'myRoles', tab: 'eligible' });
    else setUnavailable(value);
  };

  return (
    <div className={styles.layout} ref={layout}>
      <div className={collapsed ? styles.railCollapsed : styles.rail}>
        <Button
          className={styles.toggle}
          appearance="subtle"
          size="small"
          icon={collapsed ? <ExpandIcon /> : <CollapseIcon />}
          aria-label={collapsed ? 'Expand menu' : 'Collapse menu'}
          aria-expanded={!collapsed}
          aria-controls={collapsed ? undefined : navId}
          onClick={() => setChosen(!collapsed)}
        />
        {!collapsed && (
          <nav id={navId} aria-label="Privileged Identity Management">
            <Nav className={styles.menu} selectedValue={selected} onNavItemSelect={(_, d) => choose(d.value)} density="small">
              {item('quickStart', 'Quick start')}
              <NavSectionHeader>Tasks</NavSectionHeader>
              {TASKS.map((t) => item(t))}
              <NavSectionHeader>Manage</NavSectionHeader>
              {MANAGE.map((t) => item(t))}
            </Nav>
          </nav>
        )}
      </div>
      <div className={styles.content}>
        {unavailable && (
          <MessageBar intent="info" className={styles.notice}>
            <MessageBarBody>
              <MessageBarTitle>{unavailable}</MessageBarTitle>
              Not available in this simulator.
            </MessageBarBody>
            <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<DismissIcon />} onClick={() => setUnavailable(null)} />} />
          </MessageBar>
        )}
        {children}
      </div>
    </div>
  );
}
