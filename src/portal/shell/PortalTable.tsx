import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  // Columns sized by their content (Fluent's default is equal fixed widths).
  table: { tableLayout: 'auto' },
  empty: { color: tokens.colorNeutralForeground3 },
});

/**
 * A portal list (All users, Eligible assignments, Audit logs, …): a header row of column names, one
 * row per item, or one row saying there is nothing ("No results", as the portal says).
 */
export function PortalTable<T>({
  label,
  columns,
  items,
  empty = 'No results',
  row,
}: {
  label: string;
  columns: readonly string[];
  items: readonly T[];
  empty?: string;
  /** The item's <TableRow>, with a key. */
  row: (item: T) => ReactNode;
}) {
  const styles = useStyles();
  return (
    <Table aria-label={label} size="small" className={styles.table}>
      <TableHeader>
        <TableRow>
          {columns.map((c) => (
            <TableHeaderCell key={c}>{c}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.length === 0 ? (
          <TableRow>
            <TableCell colSpan={columns.length} className={styles.empty}>
              {empty}
            </TableCell>
          </TableRow>
        ) : (
          items.map(row)
        )}
      </TableBody>
    </Table>
  );
}
