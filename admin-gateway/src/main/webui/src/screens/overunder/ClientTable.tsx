import { createColumnHelper } from '@tanstack/react-table';
import { Link, useNavigate } from 'react-router';
import type { ProjectionSchemas } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { SearchBox } from '../../ui/filters';
import { date, money, percent } from '../../ui/format';
import { useListParams } from '../../ui/listParams';
import { downloadCsv, localPage } from '../settings/lists';

type Row = ProjectionSchemas['OverUnderClient'];

const BADGES: Record<string, [string, string]> = {
  OVER: ['over', 'over-commit'],
  UNDER: ['under', 'under-commit'],
  MIXED: ['warning', 'mixed'],
  ON_COMMIT: ['ok', 'on commit'],
};

export function StatusBadge({ status }: { status: string | undefined }) {
  const [cls, text] = BADGES[status ?? ''] ?? ['', status?.toLowerCase() ?? '—'];
  return <span className={`badge ${cls}`}>{text}</span>;
}

const column = createColumnHelper<Row>();
const columns = [
  column.accessor('externalId', {
    header: 'Client',
    meta: { sort: 'externalId' },
    cell: (c) => <Link to={`/clients/${c.row.original.client}`}>{c.getValue() ?? c.row.original.client}</Link>,
  }),
  column.accessor('status', { header: 'Status', meta: { sort: 'status' }, cell: (c) => <StatusBadge status={c.getValue()} /> }),
  column.accessor('periodStart', { header: 'Period from', meta: { sort: 'periodStart' }, cell: (c) => date(c.getValue()) }),
  column.accessor('finalCost', {
    header: 'Final cost',
    meta: { sort: 'finalCost', numeric: true },
    cell: (c) => money(c.getValue(), c.row.original.currency),
  }),
  column.accessor('committed', {
    header: 'Committed',
    meta: { sort: 'committed', numeric: true },
    cell: (c) => money(c.getValue(), c.row.original.currency),
  }),
  column.accessor('usageVsCommitPercent', {
    header: 'Usage vs commit',
    meta: { sort: 'usageVsCommitPercent', numeric: true },
    cell: (c) => (c.getValue() ? percent(c.getValue()) : <span className="muted" title="Its buckets count several unit types">—</span>),
  }),
  column.accessor('overage', {
    header: 'Overage',
    meta: { sort: 'overage', numeric: true },
    cell: (c) => money(c.getValue(), c.row.original.currency),
  }),
  column.accessor('buffer', {
    header: 'Buffer',
    meta: { sort: 'buffer', numeric: true },
    cell: (c) => money(c.getValue(), c.row.original.currency),
  }),
];

const FIELDS: Record<string, (r: Row) => string | undefined> = {
  externalId: (r) => r.externalId,
  status: (r) => r.status,
  periodStart: (r) => r.periodStart,
  finalCost: (r) => r.finalCost,
  committed: (r) => r.committed,
  usageVsCommitPercent: (r) => r.usageVsCommitPercent,
  overage: (r) => r.overage,
  buffer: (r) => r.buffer,
};

const CSV_HEADER = ['client', 'external id', 'status', 'period start', 'currency', 'final cost', 'committed', 'usage vs commit %']
  .concat(['overage', 'buffer']);

/** Every client's last closed period. The analysis answers the whole list (up to 200), so it pages here. */
export function ClientTable({ clients }: { clients: Row[] }) {
  const params = useListParams();
  const navigate = useNavigate();
  const search = params.get('search')?.toLowerCase();
  const shown = search ? clients.filter((c) => c.externalId?.toLowerCase().includes(search)) : clients;
  return (
    <>
      <div className="filters">
        <SearchBox label="Search external id" value={params.get('search')} onChange={(v) => params.set({ search: v })} />
        <button
          type="button"
          disabled={!shown.length}
          onClick={() =>
            downloadCsv(
              'over-under.csv',
              CSV_HEADER,
              shown.map((c) => [c.client, c.externalId, c.status, c.periodStart, c.currency, c.finalCost, c.committed]
                .concat([c.usageVsCommitPercent, c.overage, c.buffer])),
            )
          }
        >
          Export CSV
        </button>
      </div>
      <DataTable
        label="Clients over and under commit"
        columns={columns}
        data={localPage(shown, params, FIELDS)}
        isPending={false}
        error={null}
        params={params}
        rowKey={(c) => `${c.client}-${c.currency}`}
        onRowOpen={(c) => navigate(`/clients/${c.client}`)}
        empty={search ? 'No client matches.' : 'No client has this status in its last closed period.'}
      />
    </>
  );
}
