import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { billing, ok, pricing, projection } from '../../api/http';
import { useSession } from '../../api/session';
import type { BillingSchemas, ProjectionSchemas } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { SearchBox, Select } from '../../ui/filters';
import { date, money, quantity } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { ClientPicker } from '../../ui/clients';
import { CommitBar } from '../../ui/CommitBar';

type Bucket = BillingSchemas['Bucket'];
type Projection = ProjectionSchemas['Projection'];

/** A bucket as a replace request: every field as it is, assets left out so their bindings stay. */
function requestOf(b: Bucket, changes: Partial<BillingSchemas['BucketRequest']>): BillingSchemas['BucketRequest'] {
  return {
    client: b.client ?? '',
    unitType: b.unitType ?? '',
    name: b.name,
    sourceType: b.sourceType,
    commitUnits: b.commitUnits,
    basePrice: b.basePrice,
    overageRate: b.overageRate,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    reviewed: b.reviewed,
    enabled: b.enabled,
    ...changes,
  };
}

/** This period's projection of each bucket on the page, read per client (projection-service has no bucket list). */
function useProjections(clientIds: (string | undefined)[]) {
  const unique = [...new Set(clientIds.filter((id): id is string => !!id))];
  const results = useQueries({
    queries: unique.map((client) => ({
      queryKey: ['projections', 'of-client', client],
      queryFn: () => ok(projection.GET('/api/v1/projections', { params: { query: { client, size: 500 } } })),
      staleTime: 60_000,
    })),
  });
  const byBucket = new Map<string, Projection>();
  results.forEach((r) => r.data?.items?.forEach((p) => p.bucket && byBucket.set(p.bucket, p)));
  return { byBucket, failed: results.some((r) => r.isError), loading: results.some((r) => r.isPending) };
}

const column = createColumnHelper<Bucket>();

export default function Buckets() {
  const params = useListParams();
  const { hasRole } = useSession();
  const canChange = hasRole('admin', 'operator');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [note, setNote] = useState<string>();
  const filters = {
    client: params.get('client'),
    unitType: params.get('unitType'),
    reviewed: params.get('reviewed'),
    enabled: params.get('enabled'),
    sourceType: params.get('sourceType'),
  };
  const query = useQuery({
    queryKey: ['buckets', params.page, params.size, params.sort, filters],
    queryFn: () =>
      ok(
        billing.GET('/api/v1/buckets', {
          params: {
            query: {
              page: params.page,
              size: params.size,
              sort: params.sort,
              client: filters.client,
              unitType: filters.unitType,
              sourceType: filters.sourceType,
              reviewed: filters.reviewed === undefined ? undefined : filters.reviewed === 'true',
              enabled: filters.enabled === undefined ? undefined : filters.enabled === 'true',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const unitTypes = useQuery({
    queryKey: ['unit-types', 'all'],
    queryFn: () => ok(pricing.GET('/api/v1/unit-types', { params: { query: { size: 500 } } })),
    staleTime: 5 * 60_000,
  });
  const projections = useProjections((query.data?.items ?? []).map((b) => b.client));
  const review = useMutation({
    mutationFn: (b: Bucket) =>
      ok(billing.PUT('/api/v1/buckets/{id}', { params: { path: { id: b.id ?? '' } }, body: requestOf(b, { reviewed: true }) })),
    onSuccess: (b) => {
      setNote(`${b.name} is reviewed.`);
      queries.invalidateQueries({ queryKey: ['buckets'] });
    },
    onError: (e) => setNote(`Could not mark it reviewed: ${e.message}`),
  });
  const provision = useMutation({
    mutationFn: () => ok(billing.POST('/api/v1/buckets/auto-provision')),
    onSuccess: (p) => {
      const n = p.created?.length ?? 0;
      setNote(n ? `Auto-provisioning made ${n} bucket${n === 1 ? '' : 's'}, unreviewed.` : 'Auto-provisioning found nothing to make.');
      queries.invalidateQueries({ queryKey: ['buckets'] });
    },
    onError: (e) => setNote(`Auto-provisioning failed: ${e.message}`),
  });
  const usage = (b: Bucket) => {
    const p = b.id ? projections.byBucket.get(b.id) : undefined;
    if (p) return p;
    return projections.failed ? 'unavailable' : projections.loading ? '…' : undefined;
  };
  // Made on each render: the usage cells read this render's projections.
  const columns = [
    column.accessor('clientExternalId', {
      id: 'client',
      header: 'Client',
      meta: { sort: 'client' },
      cell: (c) => (
        <Link to={`/clients/${c.row.original.client}`} onClick={(e) => e.stopPropagation()}>
          {c.getValue()}
        </Link>
      ),
    }),
    column.accessor('name', {
      header: 'Bucket',
      meta: { sort: 'name' },
      cell: (c) => (
        <>
          {c.getValue()}
          {c.row.original.autoProvisioned ? (
            <span className="badge" title="Made by auto-provisioning from the unit type's template">
              auto
            </span>
          ) : null}
        </>
      ),
    }),
    column.accessor('sourceType', { header: 'Source type', meta: { sort: 'sourceType' }, cell: (c) => c.getValue() ?? '—' }),
    column.accessor('unitTypeName', {
      header: 'Unit type',
      meta: { sort: 'meter' },
      cell: (c) => <span title={`meter ${c.row.original.meter}`}>{c.getValue()}</span>,
    }),
    column.accessor('aggregation', { header: 'Aggregation', cell: (c) => c.getValue()?.toLowerCase() }),
    column.display({
      id: 'usage',
      header: 'Usage this period',
      meta: { numeric: true },
      cell: (c) => {
        const p = usage(c.row.original);
        return typeof p === 'object' ? (
          <span title={`projected ${quantity(p.projectedUsage)} by ${date(p.periodEnd)}`}>{quantity(p.currentUsage)}</span>
        ) : (
          <span className="muted">{p ?? '—'}</span>
        );
      },
    }),
    column.accessor('commitUnits', { header: 'Commit', meta: { sort: 'commitUnits', numeric: true }, cell: (c) => quantity(c.getValue()) }),
    column.display({
      id: 'percent',
      header: 'Projected % of commit',
      meta: { numeric: true },
      cell: (c) => {
        const p = usage(c.row.original);
        return typeof p === 'object' ? <CommitBar value={p.percentOfCommit} /> : <span className="muted">{p ?? '—'}</span>;
      },
    }),
    column.accessor('basePrice', {
      header: 'Base',
      meta: { sort: 'basePrice', numeric: true },
      cell: (c) => money(c.getValue(), c.row.original.currency),
    }),
    column.accessor('overageRate', {
      header: 'Overage rate',
      meta: { sort: 'overageRate', numeric: true },
      cell: (c) => money(c.getValue(), c.row.original.currency),
    }),
    column.accessor('startsAt', {
      header: 'Active',
      meta: { sort: 'startsAt' },
      cell: (c) => `${date(c.getValue())} – ${c.row.original.endsAt ? date(c.row.original.endsAt) : 'no end'}`,
    }),
    column.accessor('reviewed', {
      header: 'Reviewed',
      meta: { sort: 'reviewed' },
      cell: (c) =>
        c.getValue() ? (
          'yes'
        ) : (
          <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            <span className="badge warning">unreviewed</span>{' '}
            {canChange ? (
              <button type="button" disabled={review.isPending} onClick={() => review.mutate(c.row.original)}>
                Mark reviewed
              </button>
            ) : null}
          </span>
        ),
    }),
    column.accessor('enabled', {
      header: 'Enabled',
      meta: { sort: 'enabled' },
      cell: (c) => (c.getValue() ? 'yes' : <span className="badge">disabled</span>),
    }),
    column.accessor('assets', {
      header: 'Assets',
      cell: (c) => (c.getValue()?.length ? `${c.getValue()!.length} bound` : <span className="muted">unbound usage</span>),
    }),
  ];
  const filtered = Object.values(filters).some((v) => v !== undefined);
  return (
    <>
      <PageTitle title="Buckets">
        {canChange ? (
          <>
            <button
              type="button"
              disabled={provision.isPending}
              onClick={() => provision.mutate()}
              title="Make a bucket, unreviewed, for each client whose assets match a unit type's auto-provision filter"
            >
              {provision.isPending ? 'Provisioning…' : 'Auto-provision now'}
            </button>
            <Link className="button primary" to={filters.client ? `/buckets/new?client=${filters.client}` : '/buckets/new'}>
              New bucket
            </Link>
          </>
        ) : null}
      </PageTitle>
      <div className="filters">
        <ClientPicker label="Client" value={filters.client} onChange={(c) => params.set({ client: c?.id })} />
        <Select
          label="Unit type"
          value={filters.unitType}
          options={[['', 'all'], ...(unitTypes.data?.items ?? []).map((u): [string, string] => [u.id ?? '', u.name ?? ''])]}
          onChange={(v) => params.set({ unitType: v })}
        />
        <SearchBox label="Source type" value={filters.sourceType} onChange={(v) => params.set({ sourceType: v })} />
        <Select
          label="Reviewed"
          value={filters.reviewed}
          options={[['', 'all'], ['true', 'reviewed'], ['false', 'unreviewed']]}
          onChange={(v) => params.set({ reviewed: v })}
        />
        <Select
          label="Enabled"
          value={filters.enabled}
          options={[['', 'all'], ['true', 'enabled'], ['false', 'disabled']]}
          onChange={(v) => params.set({ enabled: v })}
        />
      </div>
      {note ? (
        <div className="state" role="status">
          {note}
          <button type="button" onClick={() => setNote(undefined)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <DataTable
        label="Buckets"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(b) => b.id ?? ''}
        onRowOpen={(b) => navigate(`/buckets/${b.id}/edit`)}
        empty={filtered ? 'No bucket matches these filters.' : 'No buckets yet: a client without one is billed at list price.'}
      />
      {projections.failed ? <p className="muted">Usage comes from projection-service, which could not be read.</p> : null}
    </>
  );
}
