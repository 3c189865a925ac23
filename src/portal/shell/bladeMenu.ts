import { tokens, type GriffelStyle } from '@fluentui/react-components';

/**
 * Styles of a blade with its own menu on the left (demouser | Assigned roles, My Directory | Users):
 * the menu sits beside the page and, when the simulator is narrower than `narrowPx`, moves above
 * it so that the page's table keeps its room. Spread into a blade's makeStyles.
 */
export function bladeMenuStyles(narrowPx: number): Record<'container' | 'layout' | 'nav' | 'menu' | 'menuItem' | 'content', GriffelStyle> {
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
    menuItem: {
      backgroundColor: 'transparent',
      ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
      [narrow]: { width: 'auto' },
    },
    content: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: '12px' },
  };
}
