import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useNavigate } from 'react-router';
import { billing, ok } from '../../api/http';
import type { BillingSchemas, Client } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { Select } from '../../ui/filters';
import { date, money } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { ClientPicker, useClientMap } from '../../ui/clients';
import { PeriodCell } from '../../ui/zoned';

type Invoice = BillingSchemas['Invoice'];

/** The invoice's state, with "overdue" for a finalized one past its due date. */
export function InvoiceStatus({ invoice }: { invoice: Invoice }) {
  const overdue = invoice.status === 'FINALIZED' && !!invoice.dueAt && new Date(invoice.dueAt).getTime() < Date.now();
  const cls = invoice.status === 'PAID' ? 'ok' : invoice.status === 'VOID' ? '' : overdue ? 'over' : 'warning';
  const text = invoice.status === 'FINALIZED' ? (overdue ? 'overdue' : 'unpaid') : invoice.status?.toLowerCase();
  return (
    <span className={`badge ${cls}`} title={invoice.status?.toLowerCase()} style={{ marginLeft: 0 }}>
      {text}
    </span>
  );
}

export function StripeState({ sync }: { sync: Invoice['stripe'] }) {
  if (!sync?.status) return <span className="muted">not sent</span>;
  const cls = sync.status === 'SYNCED' ? 'ok' : sync.status === 'FAILED' ? 'over' : 'warning';
  return (
    <span className={`badge ${cls}`} title={sync.error ?? sync.invoiceId} style={{ marginLeft: 0 }}>
      {sync.status.toLowerCase()}
    </span>
  );
}

const column = createColumnHelper<Invoice>();

function invoiceColumns(clients: Map<string, Client>) {
  const tz = (i: Invoice) => clients.get(i.client ?? '')?.timeZone;
  return [
    column.accessor('number', {
      header: 'Number',
      meta: { sort: 'number' },
      cell: (c) => <Link to={`/invoices/${c.row.original.id}`}>{c.getValue()}</Link>,
    }),
    column.accessor('clientExternalId', {
      header: 'Client',
      cell: (c) => (
        <Link to={`/clients/${c.row.original.client}`} onClick={(e) => e.stopPropagation()}>
          {clients.get(c.row.original.client ?? '')?.name ?? c.getValue()}
        </Link>
      ),
    }),
    column.accessor('periodStart', {
      header: 'Period',
      meta: { sort: 'periodStart' },
      cell: (c) => <PeriodCell start={c.getValue()} end={c.row.original.periodEnd} timeZone={tz(c.row.original)} />,
    }),
    column.accessor('status', { header: 'Status', meta: { sort: 'status' }, cell: (c) => <InvoiceStatus invoice={c.row.original} /> }),
    column.accessor('total', {
      header: 'Total',
      meta: { sort: 'total', numeric: true },
      cell: (c) => money(c.getValue(), c.row.original.currency),
    }),
    column.accessor('creditCarried', {
      header: 'Credit carried',
      meta: { sort: 'creditCarried', numeric: true },
      cell: (c) => (/[1-9]/.test(c.getValue() ?? '') ? money(c.getValue(), c.row.original.currency) : '—'),
    }),
    column.accessor('issuedAt', { header: 'Issued', meta: { sort: 'issuedAt' }, cell: (c) => date(c.getValue(), tz(c.row.original)) }),
    column.accessor('dueAt', { header: 'Due', meta: { sort: 'dueAt' }, cell: (c) => date(c.getValue(), tz(c.row.original)) }),
    column.accessor('paidAt', { header: 'Paid', meta: { sort: 'paidAt' }, cell: (c) => date(c.getValue(), tz(c.row.original)) }),
    column.accessor('lines', {
      header: 'Adjustments',
      cell: (c) => {
        const lines = c.getValue() ?? [];
        const late = lines.filter((l) => l.kind === 'ADJUSTMENT').length;
        const discounts = lines.filter((l) => l.kind === 'DISCOUNT').length;
        const parts = [late ? `${late} late usage` : '', discounts ? `${discounts} discount${discounts > 1 ? 's' : ''}` : ''];
        return parts.filter(Boolean).join(', ') || '—';
      },
    }),
    column.accessor('stripe', { header: 'Stripe', cell: (c) => <StripeState sync={c.getValue()} /> }),
  ];
}

export default function Invoices() {
  const params = useListParams();
  const navigate = useNavigate();
  const clientId = params.get('client');
  const status = params.get('status');
  const query = useQuery({
    queryKey: ['invoices', params.page, params.size, params.sort, clientId, status],
    queryFn: () =>
      ok(
        billing.GET('/api/v1/invoices', {
          params: { query: { page: params.page, size: params.size, sort: params.sort, client: clientId, status } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const clients = useClientMap((query.data?.items ?? []).map((i) => i.client));
  return (
    <>
      <PageTitle title="Invoices" />
      <div className="filters">
        <ClientPicker label="Client" value={clientId} onChange={(c) => params.set({ client: c?.id })} />
        <Select
          label="Status"
          value={status}
          options={[
            ['', 'all'],
            ['FINALIZED', 'unpaid (finalized)'],
            ['PAID', 'paid'],
            ['VOID', 'void'],
          ]}
          onChange={(v) => params.set({ status: v })}
        />
      </div>
      <DataTable
        label="Invoices"
        columns={invoiceColumns(clients)}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(i) => i.id ?? ''}
        onRowOpen={(i) => navigate(`/invoices/${i.id}`)}
        empty={clientId || status ? 'No invoice matches these filters.' : 'No invoices yet: billing runs make them when periods close.'}
      />
    </>
  );
}
