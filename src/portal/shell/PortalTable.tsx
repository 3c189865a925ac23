import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A column of a portal list. `priority` says which columns give way first when the list is narrow
 * (1: always shown, 2: hidden under 28rem, 3: hidden under 36rem), as the admin center drops its
 * less useful columns on a small screen; the list then names them, with Show all columns. `sticky`
 * keeps the column (the row's actions) at the right edge while the rest scrolls sideways.
 */
export interface PortalColumn {
  name: string;
  priority?: 1 | 2 | 3;
  sticky?: boolean;
}

/** Under these widths of the list (rem), columns of priority 3, then 2, give way. */
const HIDE_BELOW_REM = { 3: 36, 2: 28 } as const;

const useStyles = makeStyles({
  frame: { position: 'relative' },
  scroller: {
    overflowX: 'auto',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  // Columns sized by their content (Fluent's default is equal fixed widths).
  table: { tableLayout: 'auto' },
  empty: { color: tokens.colorNeutralForeground3 },
  // A shadow on the edge where columns are hidden: the sideways scroll is there to be seen.
  moreLeft: { boxShadow: `inset 12px 0 8px -8px ${tokens.colorNeutralShadowAmbient}` },
  moreRight: { boxShadow: `inset -12px 0 8px -8px ${tokens.colorNeutralShadowAmbient}` },
  moreBoth: { boxShadow: `inset 12px 0 8px -8px ${tokens.colorNeutralShadowAmbient}, inset -12px 0 8px -8px ${tokens.colorNeutralShadowAmbient}` },
  hint: { margin: '4px 0 0', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  columnsButton: {
    fontFamily: 'inherit',
    fontSize: 'inherit',
    padding: 0,
    border: 'none',
    background: 'none',
    color: tokens.colorBrandForegroundLink,
    textDecoration: 'underline',
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

const columnOf = (c: string | PortalColumn): PortalColumn => (typeof c === 'string' ? { name: c } : c);

/**
 * A portal list (All users, Eligible assignments, Audit logs, …): a header row of column names, one
 * row per item, or one row saying there is nothing ("No results", as the portal says). When its
 * columns still do not fit, the list scrolls sideways inside itself, with shadows on the edges that
 * hide columns and a line under it saying so; it is then a focusable region, so a keyboard can scroll it.
 */
export function PortalTable<T>({
  label,
  columns,
  items,
  empty = 'No results',
  row,
}: {
  label: string;
  columns: readonly (string | PortalColumn)[];
  items: readonly T[];
  empty?: string;
  /** The item's <TableRow>, with a key; its cells in the order of `columns`. */
  row: (item: T) => ReactNode;
}) {
  const styles = useStyles();
  const cols = columns.map(columnOf);
  const frame = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState({ left: false, right: false });
  // The list's own width in rem: which priorities give way.
  const [widthRem, setWidthRem] = useState(Number.POSITIVE_INFINITY);
  const [showAll, setShowAll] = useState(false);
  const key = useId().replace(/[^A-Za-z0-9_-]/g, '');

  useLayoutEffect(() => {
    const el = scroller.current;
    const box = frame.current;
    if (!el || !box) return;
    const measure = () => {
      const left = el.scrollLeft > 1;
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setOverflow((o) => (o.left === left && o.right === right ? o : { left, right }));
      setWidthRem(box.clientWidth / (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    observer.observe(box);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);

  // Which columns give way, by position: the rows' cells are the caller's, so the rule is by index.
  // The learner can show them all again (the list then scrolls sideways), as the portal's Columns does.
  const hidden = showAll ? [] : cols.map((c, i) => ({ c, i: i + 1 })).filter(({ c }) => (c.priority === 3 || c.priority === 2) && widthRem < HIDE_BELOW_REM[c.priority]);
  const giveWay = hidden.map(({ i }) => `[data-table="${key}"] :is(th, td:not([colspan])):nth-child(${i}) { display: none; }`).join('\n');
  const canHide = cols.some((c) => (c.priority === 3 || c.priority === 2) && widthRem < HIDE_BELOW_REM[c.priority]);
  // The sticky column keeps its own background, so the columns scrolling under it do not show
  // through, and casts a shadow while there are more columns under it.
  const stickyIndex = cols.findIndex((c) => c.sticky) + 1;
  const stickyRule = stickyIndex
    ? `[data-table="${key}"] :is(th, td:not([colspan])):nth-child(${stickyIndex}) { position: sticky; right: 0; z-index: 1; background-color: var(--colorNeutralBackground1);${overflow.right ? ' box-shadow: -6px 0 6px -4px var(--colorNeutralShadowAmbient);' : ''} }`
    : '';
  const scrolls = overflow.left || overflow.right;
  const shadow = overflow.left && overflow.right ? styles.moreBoth : overflow.left ? styles.moreLeft : overflow.right ? styles.moreRight : '';

  return (
    <div ref={frame} className={styles.frame} data-table={key}>
      {(giveWay || stickyRule) && <style>{`${giveWay}\n${stickyRule}`}</style>}
      <div
        ref={scroller}
        className={`${styles.scroller} ${shadow}`}
        data-scrolls={scrolls ? 'sideways' : undefined}
        {...(scrolls ? { role: 'region', 'aria-label': `${label} (scrolls sideways)`, tabIndex: 0 } : {})}
      >
        <Table aria-label={label} size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              {cols.map((c) => (
                <TableHeaderCell key={c.name}>{c.name}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.length === 0 ? (
              <TableRow>
                <TableCell colSpan={cols.length} className={styles.empty}>
                  {empty}
                </TableCell>
              </TableRow>
            ) : (
              items.map(row)
            )}
          </TableBody>
        </Table>
      </div>
      {scrolls && (
        <p className={styles.hint} aria-hidden="true">
          {overflow.right ? 'More columns to the right: scroll sideways.' : 'More columns to the left: scroll back.'}
        </p>
      )}
      {canHide && (
        <p className={styles.hint}>
          {hidden.length > 0 ? `Not shown at this width: ${hidden.map(({ c }) => c.name).join(', ')}. ` : ''}
          <button type="button" className={styles.columnsButton} aria-pressed={showAll} onClick={() => setShowAll((v) => !v)}>
            Show all columns
          </button>
        </p>
      )}
    </div>
  );
}
