import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { billing, ok } from '../../api/http';
import { useSession } from '../../api/session';
import type { BillingSchemas } from '../../api/types';
import { date, dateTime, money, quantity } from '../../ui/format';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { ClientPicker, useClient } from '../../ui/clients';

type UnboundAsset = BillingSchemas['UnboundAsset'];

/**
 * Revenue leakage: a client's assets whose usage no bucket counts, valued at list price. Billing answers this per
 * client (GET /clients/{id}/unbound-assets), so the tab asks for a client first; it is kept in the URL.
 */
export function Unbound({ clientId, onClient }: { clientId: string | undefined; onClient: (id: string | undefined) => void }) {
  const { hasRole } = useSession();
  const client = useClient(clientId);
  const query = useQuery({
    queryKey: ['unbound', clientId],
    queryFn: () => ok(billing.GET('/api/v1/clients/{id}/unbound-assets', { params: { path: { id: clientId! } } })),
    enabled: !!clientId,
  });
  const u = query.data;
  const tz = client.data?.timeZone;
  // The biggest leak first; value is absent when nothing prices the meter.
  const rows = [...(u?.assets ?? [])].sort((a, b) => Number(b.value ?? -1) - Number(a.value ?? -1));
  return (
    <>
      <div className="filters">
        <ClientPicker label="Client" placeholder="Pick a client" value={clientId} onChange={(c) => onClient(c?.id)} />
      </div>
      {!clientId ? (
        <Empty>
          Pick a client to see its unbound assets: those whose usage no bucket of the client counts, with what that usage would bill.
        </Empty>
      ) : query.isPending ? (
        <Loading what="unbound assets" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <>
          <section className="card kpi" aria-label="Unbound usage this period">
            <h2>Unbound usage this period</h2>
            <div className="figure">{money(u?.total, u?.currency)}</div>
            <div className="muted">
              {u?.clientExternalId} · period from {date(u?.periodStart, tz)}
              {tz ? ` (${tz})` : ''} · usage through {dateTime(u?.usageThrough)} · valued at list price
            </div>
          </section>
          <div className="table-wrap">
            <table aria-label="Unbound assets">
              <thead>
                <tr>
                  <th>Asset</th>
                  <th>Name</th>
                  <th>Source</th>
                  <th>Meter</th>
                  <th className="num">Usage this period</th>
                  <th className="num">Value at list price</th>
                  <th>Valued by</th>
                  {hasRole('admin', 'operator') ? <th>Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <Row
                    key={`${a.asset}-${a.meter}`}
                    a={a}
                    currency={u?.currency}
                    clientId={clientId}
                    canChange={hasRole('admin', 'operator')}
                  />
                ))}
              </tbody>
            </table>
            {rows.length === 0 ? <Empty>No unbound assets: a bucket counts all of this client's usage.</Empty> : null}
          </div>
        </>
      )}
    </>
  );
}

function Row({ a, currency, clientId, canChange }: { a: UnboundAsset; currency?: string; clientId: string; canChange: boolean }) {
  const prefill = new URLSearchParams({ client: clientId, meter: a.meter ?? '', assets: a.asset ?? '' });
  return (
    <tr>
      <td>
        <Link to={`/assets?tab=all&asset=${encodeURIComponent(a.asset ?? '')}&q=${encodeURIComponent(a.asset ?? '')}`}>
          <code>{a.asset}</code>
        </Link>
      </td>
      <td>{a.name ?? '—'}</td>
      <td>{a.source ?? '—'}</td>
      <td>{a.meter}</td>
      <td className="num">{quantity(a.usage)}</td>
      <td className="num">{a.value ? money(a.value, currency) : <span className="muted">not priced</span>}</td>
      <td className="muted">{a.valuedBy ?? '—'}</td>
      {canChange ? (
        <td>
          <Link className="button" to={`/buckets/new?${prefill}`}>
            Create bucket
          </Link>
        </td>
      ) : null}
    </tr>
  );
}
