import { makeStyles, Nav, NavItem, tokens, type GriffelStyle } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/**
 * A blade with its own menu on the left (demouser | Assigned roles, My Directory | Users): the
 * menu sits beside the page and, when the simulator is narrower than `menuAboveBelowPx`, moves
 * above it so that the page's table keeps its room.
 */
export interface BladeMenuLayoutProps<V extends string> {
  /** The menu's accessible name ("User", "Users menu"). */
  label: string;
  items: readonly { value: V; label: string }[];
  selected: V;
  onSelect: (value: V) => void;
  menuAboveBelowPx: number;
  children: ReactNode;
}

function bladeMenuStyles(narrowPx: number): Record<'container' | 'layout' | 'nav' | 'menu' | 'menuItem' | 'content', GriffelStyle> {
  const narrow = `@container (max-width: ${narrowPx}px)`;
  return {
    container: { containerType: 'inline-size' },
    layout: {
      display: 'flex',
      alignItems: 'flex-start',
      gap: '16px',
      [narrow]: { flexDirection: 'column', alignItems: 'stretch', gap: '8px' },
    },
    nav: {
      width: '190px',
      flexShrink: 0,
      alignSelf: 'stretch',
      borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
      [narrow]: { width: 'auto', borderRight: 'none', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: '4px' },
    },
    menu: { backgroundColor: 'transparent', paddingRight: '8px', [narrow]: { flexDirection: 'row', flexWrap: 'wrap', columnGap: '2px', paddingRight: 0 } },
    // Fluent's NavItem is drawn for a grey nav drawer; on the blade's white it is transparent.
    menuItem: {
      backgroundColor: 'transparent',
      ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
      [narrow]: { width: 'auto' },
    },
    content: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: '12px' },
  };
}

// Griffel's styles are static, so one style hook per breakpoint a blade uses, made on first use.
const styleHooks = new Map<number, ReturnType<typeof makeStyles<'container' | 'layout' | 'nav' | 'menu' | 'menuItem' | 'content'>>>();
function useBladeMenuStyles(narrowPx: number) {
  let useStyles = styleHooks.get(narrowPx);
  if (!useStyles) styleHooks.set(narrowPx, (useStyles = makeStyles(bladeMenuStyles(narrowPx))));
  return useStyles();
}

export function BladeMenuLayout<V extends string>({ label, items, selected, onSelect, menuAboveBelowPx, children }: BladeMenuLayoutProps<V>) {
  const styles = useBladeMenuStyles(menuAboveBelowPx);
  return (
    <div className={styles.container}>
      <div className={styles.layout}>
        <nav aria-label={label} className={styles.nav}>
          <Nav density="small" className={styles.menu} selectedValue={selected} onNavItemSelect={(_, d) => onSelect(d.value as V)}>
            {items.map((m) => (
              <NavItem key={m.value} value={m.value} className={styles.menuItem}>
                {m.label}
              </NavItem>
            ))}
          </Nav>
        </nav>
        <div className={styles.content}>{children}</div>
      </div>
    </div>
  );
}
