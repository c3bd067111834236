import { Table, type TableColumn } from '@backtalk/console/ui';
import type { ReactNode } from 'react';

export interface BreakdownColumn<T> {
  id: string;
  header: string;
  value: (row: T) => number | null;
  format: (value: number | null) => string;
  /** What the cell shows when `value` is null, instead of format(null): e.g. amounts in several currencies. */
  fallback?: (row: T) => ReactNode;
  /** Draws a bar behind this column's numbers, scaled to the largest, so the biggest rows stand out. */
  bar?: boolean;
  secondary?: boolean;
}

/** Rows of a report by team, channel or agent: a name and numbers, largest first. */
export function BreakdownTable<T extends { id: string | null; name: string }>({
  caption,
  nameHeader,
  noneLabel,
  rows,
  columns,
}: {
  caption: string;
  nameHeader: string;
  /** The row for none (id null): unassigned, automatic, a deleted team… in the console's words, not the API's English. */
  noneLabel: string;
  rows: readonly T[];
  columns: readonly BreakdownColumn<T>[];
}) {
  const maxima = new Map(columns.map((c) => [c.id, Math.max(0, ...rows.map((r) => c.value(r) ?? 0))]));
  const tableColumns: TableColumn<T>[] = [
    // A team's, channel's or agent's own name is data; the row for none (id null) is labelled, not named.
    { id: 'name', header: nameHeader, cell: (row) => (row.id === null ? noneLabel : <span translate="no">{row.name}</span>), grow: true },
    ...columns.map<TableColumn<T>>((column) => ({
      id: column.id,
      header: column.header,
      align: 'end',
      secondary: column.secondary,
      cell: (row) => {
        const value = column.value(row);
        if (value === null && column.fallback) return column.fallback(row);
        const max = maxima.get(column.id) ?? 0;
        if (!column.bar || value === null || max === 0) return column.format(value);
        return (
          <span className="bt-breakdown__bar-cell">
            <span className="bt-breakdown__track" aria-hidden="true">
              <span className="bt-breakdown__bar" style={{ width: `${Math.round((value / max) * 100)}%` }} />
            </span>
            {column.format(value)}
          </span>
        );
      },
    })),
  ];
  return <Table caption={caption} columns={tableColumns} rows={rows} rowKey={(row) => row.id ?? `none:${row.name}`} />;
}
