import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { ok, projection } from '../../api/http';
import type { ProjectionSchemas } from '../../api/types';
import { DataTable } from '../../ui/DataTable';
import { dateTime } from '../../ui/format';
import { Empty } from '../../ui/states';
import { usePrefixedListParams } from '../settings/lists';

type Delivery = ProjectionSchemas['WebhookDelivery'];

const BADGE: Record<string, string> = { DELIVERED: 'ok', PENDING: 'warning', FAILED: 'over' };

function DeliveryStatus({ status }: { status: string | undefined }) {
  return <span className={`badge ${BADGE[status ?? ''] ?? ''}`}>{status?.toLowerCase() ?? '—'}</span>;
}

const d = createColumnHelper<Delivery>();
const columns = [
  d.accessor('createdAt', { header: 'Created', meta: { sort: 'createdAt' }, cell: (c) => dateTime(c.getValue()) }),
  d.accessor('status', { header: 'Status', meta: { sort: 'status' }, cell: (c) => <DeliveryStatus status={c.getValue()} /> }),
  d.accessor('attempts', { header: 'Attempts', meta: { sort: 'attempts', numeric: true } }),
  d.accessor('url', { header: 'URL', meta: { sort: 'url' } }),
  d.accessor('deliveredAt', { header: 'Delivered', meta: { sort: 'deliveredAt' }, cell: (c) => dateTime(c.getValue()) }),
  d.accessor('nextAttemptAt', {
    header: 'Next attempt',
    meta: { sort: 'nextAttemptAt' },
    cell: (c) => (c.row.original.status === 'PENDING' ? dateTime(c.getValue()) : '—'),
  }),
];

/** The rule's webhook deliveries; opening one shows every attempt and the body sent. */
export function Deliveries({ rule }: { rule: string }) {
  const params = usePrefixedListParams('d');
  const selected = params.get('delivery');
  const query = useQuery({
    queryKey: ['alert-rule', rule, 'deliveries', params.page, params.size, params.sort],
    queryFn: () =>
      ok(
        projection.GET('/api/v1/alert-rules/{id}/deliveries', {
          params: { path: { id: rule }, query: { page: params.page, size: params.size, sort: params.sort } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const open = query.data?.items?.find((x) => x.id === selected);
  return (
    <section aria-label="Webhook deliveries" style={{ marginBottom: 12 }}>
      <h2 style={{ fontSize: 16 }}>Webhook deliveries</h2>
      <DataTable
        label="Webhook deliveries"
        columns={columns}
        data={query.data}
        isPending={query.isPending}
        error={query.error}
        onRetry={() => query.refetch()}
        params={params}
        rowKey={(x) => x.id ?? ''}
        onRowOpen={(x) => params.set({ delivery: x.id === selected ? undefined : x.id, page: String(params.page) })}
        empty="Nothing sent yet: a delivery is made when the rule changes state (with a webhook)."
      />
      {open ? <DeliveryDetail delivery={open} onClose={() => params.set({ delivery: undefined, page: String(params.page) })} /> : null}
    </section>
  );
}

function DeliveryDetail({ delivery, onClose }: { delivery: Delivery; onClose: () => void }) {
  return (
    <section className="card" aria-label="Delivery attempts" style={{ marginTop: 12 }}>
      <h2>
        Delivery {delivery.id} <DeliveryStatus status={delivery.status} />
      </h2>
      {delivery.log?.length ? (
        <table aria-label="Attempts">
          <thead>
            <tr>
              <th className="num">Attempt</th>
              <th>At</th>
              <th>Answer</th>
              <th className="num">Took</th>
            </tr>
          </thead>
          <tbody>
            {delivery.log.map((a) => (
              <tr key={a.attempt}>
                <td className="num">{a.attempt}</td>
                <td>{dateTime(a.at)}</td>
                <td className={a.statusCode && a.statusCode < 300 ? 'up' : 'down'}>
                  {a.statusCode ? `HTTP ${a.statusCode}` : ''}
                  {a.error ? `${a.statusCode ? ' · ' : ''}${a.error}` : ''}
                </td>
                <td className="num">{a.durationMs === undefined ? '—' : `${a.durationMs} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>No attempt yet{delivery.nextAttemptAt ? `: the first is due ${dateTime(delivery.nextAttemptAt)}` : ''}.</Empty>
      )}
      <h2 style={{ marginTop: 12 }}>Body sent (webhook-id {delivery.id})</h2>
      <pre className="json" style={{ maxWidth: '100%' }}>
        {pretty(delivery.payload)}
      </pre>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}

function pretty(payload: string | undefined): string {
  if (!payload) return '—';
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}
