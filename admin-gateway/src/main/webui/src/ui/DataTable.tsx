import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Empty, ErrorState, Loading } from './states';
import { nextSort, sortDirection, type ListParams } from './listParams';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** The API's sort field for this column; absent when the list does not sort by it. */
    sort?: string;
    numeric?: boolean;
  }
}

export interface PageOf<T> {
  items?: T[];
  page?: number;
  size?: number;
  total?: number;
}

/**
 * A server-side table: the server pages and sorts (?page, ?size, ?sort in the URL); the table shows loading, empty
 * and error states. Click a header to sort by it; shift-click adds it as a further key.
 */
export function DataTable<T>({
  columns,
  data,
  isPending,
  error,
  params,
  empty,
  onRetry,
  rowKey,
  onRowOpen,
  label,
}: {
  columns: ColumnDef<T, any>[];
  data: PageOf<T> | undefined;
  isPending: boolean;
  error: unknown;
  params: ListParams;
  empty: ReactNode;
  onRetry?: () => void;
  rowKey: (row: T) => string;
  onRowOpen?: (row: T) => void;
  label: string;
}) {
  const table = useReactTable({
    data: data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    getRowId: rowKey,
  });
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / params.size));
  return (
    <div className="table-wrap">
      <table aria-label={label} aria-busy={isPending}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sort = header.column.columnDef.meta?.sort;
                const direction = sort ? sortDirection(params.sort, sort) : undefined;
                const title = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    aria-sort={direction ?? (sort ? 'none' : undefined)}
                    className={header.column.columnDef.meta?.numeric ? 'num' : undefined}
                  >
                    {sort ? (
                      <button
                        type="button"
                        className="sort"
                        title="Sort (shift-click to add)"
                        onClick={(e) => params.set({ sort: nextSort(params.sort, sort, e.shiftKey) })}
                      >
                        {title}
                        <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      title
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={onRowOpen ? 'openable' : undefined}
              tabIndex={onRowOpen ? 0 : undefined}
              onClick={onRowOpen ? () => onRowOpen(row.original) : undefined}
              onKeyDown={onRowOpen ? (e) => e.key === 'Enter' && onRowOpen(row.original) : undefined}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'num' : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {isPending ? <Loading /> : error ? <ErrorState error={error} onRetry={onRetry} /> : total === 0 ? <Empty>{empty}</Empty> : null}
      <nav className="pager" aria-label="Pages">
        <span>
          {total === 0 ? 'No rows' : `${params.page * params.size + 1}–${Math.min(total, (params.page + 1) * params.size)} of ${total}`}
        </span>
        <button type="button" disabled={params.page === 0} onClick={() => params.set({ page: String(params.page - 1) })}>
          ← Previous
        </button>
        <span>
          Page {params.page + 1} of {pages}
        </span>
        <button
          type="button"
          disabled={params.page + 1 >= pages}
          onClick={() => params.set({ page: String(params.page + 1) })}
        >
          Next →
        </button>
        <label>
          Rows{' '}
          <select value={params.size} onChange={(e) => params.set({ size: e.target.value })}>
            {[10, 25, 50, 100, 250].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </nav>
    </div>
  );
}
