import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { billing, ok } from '../../api/http';
import type { BillingSchemas, Client } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { Select, Tabs } from '../../ui/filters';
import { money, period, quantity } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams, type ListParams } from '../../ui/listParams';
import { ClientPicker, useBucketNames, useClient, useClientMap } from '../../ui/clients';
import { PeriodCell } from '../../ui/zoned';
import { BillingRunCard, BillingRunList } from './BillingRuns';
import { ExportCsv } from './ExportCsv';

type Reading = BillingSchemas['BillingReading'];

export default function Readings() {
  const params = useListParams();
  const tab = params.get('tab') === 'runs' ? 'runs' : 'readings';
  // Changes outside the list keep its page.
  const keep = { page: params.page ? String(params.page) : undefined };
  return (
    <>
      <PageTitle title="Billing readings" />
      <div className="grid-2">
        <BillingRunCard runId={params.get('run')} onFollow={(run) => params.set({ run, ...keep })} />
        <ExportCsv month={params.get('month')} unitType={params.get('unitType')} onChange={(c) => params.set({ ...c, ...keep })} />
      </div>
      <Tabs
        tabs={[
          ['readings', 'Billing readings'],
          ['runs', 'Billing runs'],
        ]}
        value={tab}
        // The two lists sort by different fields.
        onChange={(t) => params.set({ tab: t === 'readings' ? undefined : t, sort: undefined })}
      />
      {tab === 'runs' ? <BillingRunList params={params} onOpen={(run) => params.set({ run, ...keep })} /> : <ReadingList params={params} />}
    </>
  );
}

function ReadingList({ params }: { params: ListParams }) {
  const clientId = params.get('client');
  const periodStart = params.get('period');
  const bucket = params.get('bucket');
  const query = useQuery({
    queryKey: ['billing-readings', params.page, params.size, params.sort, clientId, periodStart, bucket],
    queryFn: () =>
      ok(
        billing.GET('/api/v1/billing-readings', {
          params: { query: { page: params.page, size: params.size, sort: params.sort, client: clientId, periodStart, bucket } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const clients = useClientMap(items.map((r) => r.client));
  const buckets = useBucketNames([...items.map((r) => r.client), clientId]);
  const columns = readingColumns(clients, buckets);
  return (
    <>
      <div className="filters">
        <ClientPicker
          label="Client"
          value={clientId}
          onChange={(c) => params.set({ client: c?.id, period: undefined, bucket: undefined })}
        />
        {clientId ? <ClientFilters clientId={clientId} params={params} /> : null}
      </div>
      {clientId && periodStart ? <PeriodSummary clientId={clientId} periodStart={periodStart} /> : null}
      <DataTable
        label="Billing readings"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(r) => r.id ?? ''}
        empty={
          clientId || periodStart
            ? 'No billing reading for these filters.'
            : 'No billing readings yet: a billing run writes them when it closes a period.'
        }
      />
    </>
  );
}

/** The client's closed periods (from its invoices) and its buckets, to narrow the readings. */
function ClientFilters({ clientId, params }: { clientId: string; params: ListParams }) {
  const client = useClient(clientId);
  const invoices = useQuery({
    queryKey: ['invoices', 'of-client', clientId],
    queryFn: () => ok(billing.GET('/api/v1/invoices', { params: { query: { client: clientId, size: 100, sort: '-periodStart' } } })),
  });
  const buckets = useQuery({
    queryKey: ['buckets', 'of-client', clientId],
    queryFn: () => ok(billing.GET('/api/v1/buckets', { params: { query: { client: clientId, size: 500 } } })),
    staleTime: 5 * 60_000,
  });
  const tz = client.data?.timeZone;
  const periods = new Map<string, string>();
  (invoices.data?.items ?? []).forEach((i) => i.periodStart && periods.set(i.periodStart, period(i.periodStart, i.periodEnd, tz)));
  const chosen = params.get('period');
  if (chosen && !periods.has(chosen)) periods.set(chosen, period(chosen, undefined, tz));
  return (
    <>
      <Select
        label="Period"
        value={chosen}
        options={[['', 'every period'], ...periods.entries()]}
        onChange={(v) => params.set({ period: v })}
      />
      <Select
        label="Bucket"
        value={params.get('bucket')}
        options={[['', 'every bucket and charge'], ...(buckets.data?.items ?? []).map((b): [string, string] => [b.id ?? '', b.name ?? ''])]}
        onChange={(v) => params.set({ bucket: v })}
      />
    </>
  );
}

/** One client's period: its invoice, which totals what the readings below bill (with discounts and adjustments). */
function PeriodSummary({ clientId, periodStart }: { clientId: string; periodStart: string }) {
  const client = useClient(clientId);
  const invoices = useQuery({
    queryKey: ['invoices', 'of-client', clientId],
    queryFn: () => ok(billing.GET('/api/v1/invoices', { params: { query: { client: clientId, size: 100, sort: '-periodStart' } } })),
  });
  const invoice = invoices.data?.items?.find((i) => i.periodStart === periodStart && i.status !== 'VOID');
  const c = client.data;
  return (
    <section className="card" aria-label="Period summary">
      <h2>
        {c?.name ?? 'Client'} · {period(periodStart, invoice?.periodEnd, c?.timeZone)}
      </h2>
      {invoice ? (
        <p style={{ margin: 0 }}>
          Invoice <Link to={`/invoices/${invoice.id}`}>{invoice.number}</Link>: total{' '}
          <strong>{money(invoice.total, invoice.currency)}</strong> ({invoice.status?.toLowerCase()}), with the readings below,
          discounts and late-usage adjustments.
        </p>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          {invoices.isPending ? 'Looking for its invoice…' : 'No invoice for this period yet: it is still open or not billed.'}
        </p>
      )}
    </section>
  );
}

const column = createColumnHelper<Reading>();

function readingColumns(clients: Map<string, Client>, buckets: Map<string, string>) {
  const amount = (field: keyof Reading, header: string, sort: string, title?: string) =>
    column.accessor(field, {
      id: field,
      header: () => <span title={title}>{header}</span>,
      meta: { sort, numeric: true },
      cell: (c) => money(c.getValue() as string | undefined, c.row.original.currency),
    });
  return [
    column.accessor('periodStart', {
      header: 'Period',
      meta: { sort: 'periodStart' },
      cell: (c) => (
        <PeriodCell start={c.getValue()} end={c.row.original.periodEnd} timeZone={clients.get(c.row.original.client ?? '')?.timeZone} />
      ),
    }),
    column.accessor('clientExternalId', {
      id: 'client',
      header: 'Client',
      meta: { sort: 'client' },
      cell: (c) => <Link to={`/clients/${c.row.original.client}`}>{clients.get(c.row.original.client ?? '')?.name ?? c.getValue()}</Link>,
    }),
    column.accessor('bucket', {
      header: 'Bucket',
      cell: (c) => {
        const r = c.row.original;
        if (!r.bucket) return <span className="muted">charge {r.chargeKey ?? '—'}</span>;
        return <Link to={`/buckets/${r.bucket}/edit`}>{buckets.get(r.bucket) ?? r.bucket.substring(0, 8)}</Link>;
      },
    }),
    column.accessor('meter', { header: 'Meter', meta: { sort: 'meter' } }),
    column.accessor('sourceType', { header: 'Source type', meta: { sort: 'sourceType' }, cell: (c) => c.getValue() ?? '—' }),
    column.accessor('usage', { header: 'Total usage', meta: { sort: 'usage', numeric: true }, cell: (c) => quantity(c.getValue()) }),
    column.accessor('commitUnits', { header: 'Commit', meta: { sort: 'commitUnits', numeric: true }, cell: (c) => quantity(c.getValue()) }),
    column.accessor('overageUnits', {
      header: 'Overage units',
      meta: { sort: 'overageUnits', numeric: true },
      cell: (c) => quantity(c.getValue()),
    }),
    amount('baseAmount', 'Base', 'baseAmount'),
    amount('overageAmount', 'Overage', 'overageAmount'),
    amount('bufferAmount', 'Buffer', 'bufferAmount', 'Money for commit left unused'),
    amount('billedAmount', 'Final cost', 'billedAmount', 'What the client is billed for it: base + overage, or the charge'),
    amount('cost', 'Metered cost', 'cost', 'What it cost us, from the cost rates in effect'),
    column.accessor('margin', { header: 'Margin', meta: { numeric: true }, cell: (c) => money(c.getValue(), c.row.original.currency) }),
    column.accessor('finalized', {
      header: 'Finalized',
      meta: { sort: 'finalized' },
      cell: (c) => (c.getValue() ? 'yes' : <span className="badge warning">not finalized</span>),
    }),
  ];
}
