import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Button, makeStyles, Nav, NavItem, NavSectionHeader, tokens } from '@fluentui/react-components';
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { usePortal } from '../runtime/PortalContext';
import { NOT_IN_LAB_DETAIL, notInLab } from '../shell/Blade';
import { CollapseIcon, DismissIcon, ExpandIcon } from '../shell/icons';

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
              {notInLab(unavailable)} {NOT_IN_LAB_DETAIL}
            </MessageBarBody>
            <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<DismissIcon />} onClick={() => setUnavailable(null)} />} />
          </MessageBar>
        )}
        {children}
      </div>
    </div>
  );
}
