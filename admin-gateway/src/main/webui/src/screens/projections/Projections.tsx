import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { ok, projection } from '../../api/http';
import { useSession } from '../../api/session';
import type { Client, ProjectionSchemas } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { dateTime, money, quantity } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { ErrorState } from '../../ui/states';
import { ClientPicker, useBucketNames, useClientMap } from '../../ui/clients';
import { CommitBar } from '../../ui/CommitBar';
import { PeriodCell } from '../../ui/zoned';

type Projection = ProjectionSchemas['Projection'];

const column = createColumnHelper<Projection>();

function projectionColumns(clients: Map<string, Client>, buckets: Map<string, string>) {
  const cur = (p: Projection) => p.currency;
  return [
    column.accessor('externalId', {
      header: 'Client',
      meta: { sort: 'externalId' },
      cell: (c) => <Link to={`/clients/${c.row.original.client}`}>{clients.get(c.row.original.client ?? '')?.name ?? c.getValue()}</Link>,
    }),
    column.accessor('bucket', {
      header: 'Bucket or charge',
      cell: (c) => {
        const p = c.row.original;
        if (!p.bucket) {
          const dims = Object.entries(p.dimensions ?? {}).map(([k, v]) => `${k}=${v}`);
          return (
            <span title={`meter ${p.meter}`}>
              charge {p.charge ?? '—'}
              {dims.length ? <span className="muted"> ({dims.join(', ')})</span> : null}
            </span>
          );
        }
        return (
          <Link to={`/buckets?client=${p.client}`} title={`meter ${p.meter}`}>
            {buckets.get(p.bucket) ?? p.bucket.substring(0, 8)}
          </Link>
        );
      },
    }),
    column.accessor('currentUsage', {
      header: 'Current usage',
      meta: { sort: 'currentUsage', numeric: true },
      cell: (c) => quantity(c.getValue()),
    }),
    column.accessor('projectedUsage', {
      header: 'Projected usage',
      meta: { sort: 'projectedUsage', numeric: true },
      cell: (c) => {
        const p = c.row.original;
        const range = p.projectedLow && p.projectedHigh ? `80 % interval ${quantity(p.projectedLow)}–${quantity(p.projectedHigh)}` : undefined;
        return <span title={range}>{quantity(c.getValue())}</span>;
      },
    }),
    column.accessor('projectedCost', {
      header: 'Projected cost',
      meta: { sort: 'projectedCost', numeric: true },
      cell: (c) => money(c.getValue(), cur(c.row.original)),
    }),
    column.accessor('percentOfCommit', {
      header: '% of commit',
      meta: { sort: 'percentOfCommit', numeric: true },
      cell: (c) => (c.row.original.bucket ? <CommitBar value={c.getValue()} /> : <span className="muted">no commit</span>),
    }),
    column.accessor('calculatedAt', { header: 'Calculated at', meta: { sort: 'calculatedAt' }, cell: (c) => dateTime(c.getValue()) }),
    column.accessor('commitUnits', { header: 'Commit', meta: { sort: 'commitUnits', numeric: true }, cell: (c) => quantity(c.getValue()) }),
    column.accessor('projectedOverage', {
      header: 'Projected overage',
      meta: { sort: 'projectedOverage', numeric: true },
      cell: (c) => (c.row.original.bucket ? money(c.getValue(), cur(c.row.original)) : '—'),
    }),
    column.accessor('projectedBuffer', {
      header: 'Projected buffer',
      meta: { sort: 'projectedBuffer', numeric: true },
      cell: (c) => (c.row.original.bucket ? money(c.getValue(), cur(c.row.original)) : '—'),
    }),
    column.accessor('periodEnd', {
      header: 'Period',
      meta: { sort: 'periodEnd' },
      cell: (c) => (
        <PeriodCell start={c.row.original.periodStart} end={c.getValue()} timeZone={clients.get(c.row.original.client ?? '')?.timeZone} />
      ),
    }),
    column.accessor('method', { header: 'Method', cell: (c) => c.getValue()?.toLowerCase().replace(/_/g, ' ') ?? '—' }),
  ];
}

export default function Projections() {
  const params = useListParams();
  const { hasRole } = useSession();
  const queries = useQueryClient();
  const clientId = params.get('client');
  const query = useQuery({
    queryKey: ['projections', params.page, params.size, params.sort, clientId],
    queryFn: () =>
      ok(
        projection.GET('/api/v1/projections', {
          params: { query: { page: params.page, size: params.size, sort: params.sort, client: clientId } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const clients = useClientMap(items.map((p) => p.client));
  const buckets = useBucketNames(items.map((p) => p.client));
  const recompute = useMutation({
    mutationFn: () => ok(projection.POST('/api/v1/projections/recompute')),
    onSuccess: () => {
      queries.invalidateQueries({ queryKey: ['projections'] });
      queries.invalidateQueries({ queryKey: ['view'] });
    },
  });
  const overCommit = params.sort === '-percentOfCommit';
  return (
    <>
      <PageTitle title="Projections">
        {hasRole('admin', 'operator') ? (
          <button
            type="button"
            disabled={recompute.isPending}
            onClick={() => recompute.mutate()}
            title="Recompute every client's open period now"
          >
            {recompute.isPending ? 'Recomputing…' : 'Recompute now'}
          </button>
        ) : null}
      </PageTitle>
      <div className="filters">
        <ClientPicker label="Client" value={clientId} onChange={(c) => params.set({ client: c?.id })} />
        <button type="button" aria-pressed={overCommit} onClick={() => params.set({ sort: overCommit ? undefined : '-percentOfCommit' })}>
          Highest % of commit first
        </button>
      </div>
      {recompute.isError ? <ErrorState error={recompute.error} /> : null}
      {recompute.data ? (
        <p className="muted" role="status">
          Recomputed {recompute.data.clients ?? 0} clients in {quantity(recompute.data.millis ?? 0)} ms.
        </p>
      ) : null}
      <DataTable
        label="Projections"
        columns={projectionColumns(clients, buckets)}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(p) => `${p.client}-${p.bucket ?? p.charge}-${JSON.stringify(p.dimensions ?? {})}`}
        empty={clientId ? 'No projection for this client: it has no open period or no usage yet.' : 'No projections yet.'}
      />
      <p className="muted">
        Projected usage is expected usage at the period’s end; over 100 % of the commit is an over-commit (overage), under it leaves a
        buffer (unused commit).
      </p>
    </>
  );
}
