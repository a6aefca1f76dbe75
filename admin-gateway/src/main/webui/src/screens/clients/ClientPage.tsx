import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { panel, view } from '../../api/gateway';
import { useSession } from '../../api/session';
import type { BillingSchemas, Client, MarginRow, PageOf, ProjectionSchemas } from '../../api/types';
import { Chart } from '../../ui/Chart';
import { dateTime, money, percent, period, quantity } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { Empty, ErrorState, Loading, PanelCard } from '../../ui/states';

type Bucket = BillingSchemas['Bucket'];
type Invoice = BillingSchemas['Invoice'];
type Reading = NonNullable<BillingSchemas['PageReadingView']['items']>[number];
type Projection = ProjectionSchemas['Projection'];
type Alert = ProjectionSchemas['Alert'];

export default function ClientPage() {
  const { id } = useParams();
  const { canChange } = useSession();
  const query = useQuery({ queryKey: ['view', 'client', id], queryFn: () => view(`clients/${id}`) });
  if (query.isPending) return <Loading what="the client" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const v = query.data;
  const client = panel<Client>(v, 'client')?.data;
  const tz = client?.timeZone;
  const projections = panel<PageOf<Projection>>(v, 'projections');
  const byBucket = new Map((projections?.data?.items ?? []).map((p) => [p.bucket, p]));
  return (
    <>
      <PageTitle title={client?.name ?? 'Client'}>
        {canChange && client ? (
          <Link className="button" to={`/clients/${id}/edit`}>
            Edit
          </Link>
        ) : null}
      </PageTitle>
      <PanelCard<Client> title="Client" panel={panel(v, 'client')}>
        {(c) => (
          <dl className="facts">
            <dt>External id</dt>
            <dd>{c.externalId}</dd>
            <dt>Currency</dt>
            <dd>{c.currency}</dd>
            <dt>Time zone</dt>
            <dd>{c.timeZone}</dd>
            <dt>Billing cycle</dt>
            <dd>{c.billingCycle?.type === 'ANNIVERSARY' ? `anniversary, day ${c.billingCycle.anchorDay}` : 'calendar month'}</dd>
            <dt>Billing</dt>
            <dd>
              from {dateTime(c.startsAt)}
              {c.endsAt ? ` to ${dateTime(c.endsAt)}` : ''}
            </dd>
            <dt>Status</dt>
            <dd>{c.enabled ? 'enabled' : 'disabled: not billed'}</dd>
            <dt>Stripe</dt>
            <dd>{c.stripeCustomerId ?? '—'}</dd>
          </dl>
        )}
      </PanelCard>
      <PanelCard<PageOf<Bucket>> title="Buckets" panel={panel(v, 'buckets')}>
        {(buckets) =>
          buckets.items?.length ? (
            <table aria-label="Buckets">
              <thead>
                <tr>
                  <th>Bucket</th>
                  <th>Unit type</th>
                  <th className="num">Commit</th>
                  <th className="num">Base</th>
                  <th className="num">Overage rate</th>
                  <th className="num">Current usage</th>
                  <th className="num">Projected cost</th>
                  <th className="num">% of commit</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {buckets.items.map((b) => {
                  const p = byBucket.get(b.id);
                  const pct = Number(p?.percentOfCommit ?? NaN);
                  return (
                    <tr key={b.id}>
                      <td>{b.name}</td>
                      <td>{b.unitTypeName}</td>
                      <td className="num">{quantity(b.commitUnits)}</td>
                      <td className="num">{money(b.basePrice, b.currency)}</td>
                      <td className="num">{money(b.overageRate, b.currency)}</td>
                      <td className="num">{projections?.status === 'ok' ? quantity(p?.currentUsage) : 'unavailable'}</td>
                      <td className="num">{projections?.status === 'ok' ? money(p?.projectedCost, p?.currency) : 'unavailable'}</td>
                      <td className="num">{percent(p?.percentOfCommit)}</td>
                      <td>{Number.isNaN(pct) ? '—' : pct > 100 ? <span className="badge over">over</span> : <span className="badge under">under</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <Empty>No buckets: usage of this client is billed at list price.</Empty>
          )
        }
      </PanelCard>
      <div className="grid-2">
        <PanelCard<PageOf<Reading>> title="Billing history" panel={panel(v, 'readings')}>
          {(readings) => (readings.items?.length ? <History readings={readings.items} /> : <Empty>No closed period yet.</Empty>)}
        </PanelCard>
        <PanelCard<MarginRow[]> title="Margin, 12 months" panel={panel(v, 'marginTrend')}>
          {(rows) =>
            rows.length ? (
              <Chart
                label="Margin by month"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: {},
                  xAxis: { type: 'category', data: rows.map((r) => r.key ?? '') },
                  yAxis: [{ type: 'value' }, { type: 'value', name: '%', splitLine: { show: false } }],
                  series: [
                    { name: 'revenue', type: 'bar', data: rows.map((r) => Number(r.revenue)) },
                    { name: 'cost', type: 'bar', data: rows.map((r) => Number(r.cost)) },
                    { name: 'margin %', type: 'line', yAxisIndex: 1, data: rows.map((r) => Number(r.marginPercent ?? 0)) },
                  ],
                }}
              />
            ) : (
              <Empty>No revenue yet.</Empty>
            )
          }
        </PanelCard>
      </div>
      <PanelCard<PageOf<Invoice>> title="Invoices" panel={panel(v, 'invoices')}>
        {(invoices) =>
          invoices.items?.length ? (
            <table aria-label="Invoices">
              <thead>
                <tr>
                  <th>Number</th>
                  <th>Period ({tz})</th>
                  <th>Status</th>
                  <th className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {invoices.items.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <Link to={`/invoices/${i.id}`}>{i.number}</Link>
                    </td>
                    <td>{period(i.periodStart, i.periodEnd, tz)}</td>
                    <td>{i.status?.toLowerCase()}</td>
                    <td className="num">{money(i.total, i.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No invoices yet.</Empty>
          )
        }
      </PanelCard>
      <PanelCard<PageOf<Alert>> title="Alerts" panel={panel(v, 'alerts')}>
        {(alerts) =>
          alerts.items?.length ? (
            <ul className="plain">
              {alerts.items.map((a, n) => (
                <li key={n}>
                  <span className={`badge ${a.status?.toLowerCase()}`}>{a.status?.toLowerCase()}</span> {a.ruleName ?? a.rule}{' '}
                  {a.value ? `(${a.value})` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No alert concerns this client.</Empty>
          )
        }
      </PanelCard>
    </>
  );
}

/** Each period's billed amount with its overage and buffer (unused commit), newest on the right. */
function History({ readings }: { readings: Reading[] }) {
  const periods = [...new Set(readings.map((r) => r.periodStart ?? ''))].sort();
  const sum = (p: string, f: (r: Reading) => string | number | undefined) =>
    readings.filter((r) => r.periodStart === p).reduce((t, r) => t + Number(f(r) ?? 0), 0);
  return (
    <Chart
      label="Billing history"
      option={{
        tooltip: { trigger: 'axis' },
        legend: {},
        xAxis: { type: 'category', data: periods.map((p) => p.substring(0, 7)) },
        yAxis: { type: 'value' },
        series: [
          { name: 'billed', type: 'bar', data: periods.map((p) => sum(p, (r) => r.billedAmount)) },
          { name: 'overage', type: 'bar', stack: 'ob', data: periods.map((p) => sum(p, (r) => r.overageAmount)) },
          { name: 'buffer', type: 'bar', stack: 'ob', data: periods.map((p) => sum(p, (r) => r.bufferAmount)) },
        ],
      }}
    />
  );
}
