import type { ReactNode } from 'react';
import { cx } from './cx';
import './table.css';

export interface TableColumn<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'start' | 'end';
  /** Hidden below tablet width; keep the columns people scan for visible. */
  secondary?: boolean;
  /** Takes the room the other columns leave, e.g. for a long URL its cell shortens to fit. */
  grow?: boolean;
}

export interface TableProps<T> {
  /** Names the table for screen readers and tests; not shown. */
  caption: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /**
   * On a phone, `stack` shows each row as a card: its first cell as the title, the others under it, each after its
   * column's header. A list of records (users, channels…) reads better that way than scrolled sideways; `scroll`
   * keeps figures side by side for comparing.
   */
  narrow?: 'scroll' | 'stack';
}

export function Table<T>({ caption, columns, rows, rowKey, rowClassName, narrow = 'scroll' }: TableProps<T>) {
  const cellClass = (column: TableColumn<T>) =>
    cx(column.align === 'end' && 'bt-table__cell--end', column.secondary && 'bt-table__cell--secondary', column.grow && 'bt-table__cell--grow');
  return (
    <div className="bt-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className={cx('bt-table', narrow === 'stack' && 'bt-table--stack')}>
        <caption className="bt-sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={cellClass(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column, index) => (
                <td key={column.id} className={cellClass(column)} data-label={narrow === 'stack' && index > 0 && typeof column.header === 'string' && column.header ? column.header : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Buttons at the end of a row, aligned and spaced the same everywhere. */
export function RowActions({ children }: { children: ReactNode }) {
  return <div className="bt-row-actions">{children}</div>;
}
