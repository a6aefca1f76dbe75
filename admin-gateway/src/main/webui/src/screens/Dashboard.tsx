import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { panel, view } from '../api/gateway';
import type { Asset, BillingRun, Dashboard as DashboardData, MarginRow, PageOf, Readiness } from '../api/types';
import { Chart } from '../ui/Chart';
import { dateTime, money, percent } from '../ui/format';
import { PageTitle } from '../ui/Layout';
import { Empty, ErrorState, PanelCard } from '../ui/states';

export default function Dashboard() {
  const query = useQuery({ queryKey: ['view', 'dashboard'], queryFn: () => view('dashboard'), refetchInterval: 60_000 });
  const v = query.data;
  const loading = query.isPending;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return (
    <>
      <PageTitle title="Dashboard" />
      <div className="cards">
        <PanelCard<PageOf<Asset>> title="New assets" panel={panel(v, 'newAssets')} loading={loading} className="kpi">
          {(assets) => (
            <Link to="/assets?tab=new" className="figure">
              {assets.total ?? 0}
            </Link>
          )}
        </PanelCard>
        <PanelCard<DashboardData> title="Projected revenue this period" panel={panel(v, 'summary')} loading={loading} className="kpi">
          {(d) =>
            d.projectedRevenue?.length ? (
              d.projectedRevenue.map((a) => (
                <div className="figure" key={a.currency}>
                  {money(a.amount, a.currency)}
                </div>
              ))
            ) : (
              <Empty>No open periods.</Empty>
            )
          }
        </PanelCard>
        <PanelCard<DashboardData> title="Month over month" panel={panel(v, 'summary')} loading={loading} className="kpi">
          {(d) =>
            d.monthOverMonth?.length ? (
              d.monthOverMonth.map((m) => (
                <div key={m.currency}>
                  <span className="figure">{money(m.thisMonth, m.currency)}</span>{' '}
                  <span className={Number(m.changePercent) < 0 ? 'down' : 'up'}>
                    {m.changePercent ? `${Number(m.changePercent) > 0 ? '+' : ''}${percent(m.changePercent)}` : 'new'}
                  </span>
                  <div className="muted">last month {money(m.lastMonth, m.currency)}</div>
                </div>
              ))
            ) : (
              <Empty>No revenue yet.</Empty>
            )
          }
        </PanelCard>
        <PanelCard<DashboardData> title="Average revenue per client" panel={panel(v, 'summary')} loading={loading} className="kpi">
          {(d) =>
            d.averageRevenuePerClient?.length ? (
              d.averageRevenuePerClient.map((a) => (
                <div className="figure" key={a.currency}>
                  {money(a.amount, a.currency)}
                </div>
              ))
            ) : (
              <Empty>No closed period yet.</Empty>
            )
          }
        </PanelCard>
      </div>
      <div className="grid-2">
        <PanelCard<MarginRow[]> title="Revenue by period" panel={panel(v, 'revenueTrend')} loading={loading}>
          {(rows) => (rows.length ? <RevenueChart rows={rows} /> : <Empty>No revenue yet.</Empty>)}
        </PanelCard>
        <PanelCard<DashboardData> title="New overages this period" panel={panel(v, 'summary')} loading={loading}>
          {(d) =>
            d.newOverages?.length ? (
              <table aria-label="New overages">
                <thead>
                  <tr>
                    <th>Client</th>
                    <th>Bucket</th>
                    <th className="num">% of commit</th>
                  </tr>
                </thead>
                <tbody>
                  {d.newOverages.map((o) => (
                    <tr key={`${o.client}-${o.bucket}`}>
                      <td>
                        <Link to={`/clients/${o.client}`}>{o.externalId}</Link>
                      </td>
                      <td>
                        <Link to={`/buckets?client=${o.client}`}>{o.bucket?.substring(0, 8)}</Link>
                      </td>
                      <td className="num">{percent(o.percentOfCommit)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty>No client is projected over a commit it was under last period.</Empty>
            )
          }
        </PanelCard>
        <PanelCard<DashboardData> title="Top clients this period" panel={panel(v, 'summary')} loading={loading}>
          {(d) =>
            d.topClients?.length ? (
              <table aria-label="Top clients">
                <thead>
                  <tr>
                    <th>Client</th>
                    <th className="num">Projected revenue</th>
                    <th className="num">Share</th>
                  </tr>
                </thead>
                <tbody>
                  {d.topClients.map((c) => (
                    <tr key={`${c.client}-${c.currency}`}>
                      <td>
                        <Link to={`/clients/${c.client}`}>{c.externalId}</Link>
                      </td>
                      <td className="num">{money(c.projectedRevenue, c.currency)}</td>
                      <td className="num">{percent(c.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty>No projections yet.</Empty>
            )
          }
        </PanelCard>
        <PanelCard<DashboardData> title="Client status last period" panel={panel(v, 'summary')} loading={loading}>
          {(d) => {
            const entries = Object.entries(d.clientStatus ?? {});
            return entries.length ? (
              <Chart
                label="Client status last period"
                height={220}
                option={{
                  tooltip: { trigger: 'item' },
                  series: [
                    {
                      type: 'pie',
                      radius: ['45%', '70%'],
                      data: entries.map(([name, value]) => ({ name: name.replace('_', ' ').toLowerCase(), value })),
                    },
                  ],
                }}
              />
            ) : (
              <Empty>No closed period yet.</Empty>
            );
          }}
        </PanelCard>
        <PanelCard<DashboardData> title="Revenue by source type, last period" panel={panel(v, 'summary')} loading={loading}>
          {(d) =>
            d.revenueBySourceType?.length ? (
              <table aria-label="Revenue by source type">
                <tbody>
                  {d.revenueBySourceType.map((s) => (
                    <tr key={`${s.sourceType}-${s.currency}`}>
                      <td>{s.sourceType}</td>
                      <td className="num">{money(s.revenue, s.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty>No closed period yet.</Empty>
            )
          }
        </PanelCard>
        <Health loading={loading} v={v} />
      </div>
    </>
  );
}

function RevenueChart({ rows }: { rows: MarginRow[] }) {
  const months = [...new Set(rows.map((r) => r.key ?? ''))].sort();
  const currencies = [...new Set(rows.map((r) => r.currency ?? ''))];
  return (
    <Chart
      label="Revenue by period"
      option={{
        tooltip: { trigger: 'axis' },
        legend: { data: currencies },
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value' },
        series: currencies.map((currency) => ({
          name: currency,
          type: 'bar',
          data: months.map((m) => Number(rows.find((r) => r.key === m && r.currency === currency)?.revenue ?? 0)),
        })),
      }}
    />
  );
}

function Health({ v, loading }: { v: Parameters<typeof panel>[0]; loading: boolean }) {
  const services = ['metering', 'pricing', 'billing', 'projection'];
  return (
    <section className="card" aria-label="Health">
      <h2>Health</h2>
      <ul className="health">
        {services.map((s) => {
          const p = panel<Readiness>(v, `${s}Health`);
          const up = p?.status === 'ok' && p.data?.status === 'UP';
          const down = p?.data?.checks?.filter((c) => c.status === 'DOWN').map((c) => c.name) ?? [];
          return (
            <li key={s} className={loading ? '' : up ? 'up' : 'down'}>
              <strong>{s}</strong>{' '}
              {loading ? '…' : up ? 'ready (database, Kafka)' : p?.status === 'ok' ? `down: ${down.join(', ')}` : 'unreachable'}
            </li>
          );
        })}
        <LastRun v={v} />
        <LastProjection v={v} />
      </ul>
    </section>
  );
}

function LastRun({ v }: { v: Parameters<typeof panel>[0] }) {
  const p = panel<PageOf<BillingRun>>(v, 'lastBillingRun');
  const run = p?.data?.items?.[0];
  return (
    <li className={p?.status === 'ok' ? (run?.status === 'FAILED' ? 'down' : 'up') : 'down'}>
      <strong>last billing run</strong>{' '}
      {p?.status !== 'ok' ? 'unavailable' : run ? `${run.status?.toLowerCase()}, ${dateTime(run.finishedAt ?? run.createdAt)}` : 'none yet'}
    </li>
  );
}

function LastProjection({ v }: { v: Parameters<typeof panel>[0] }) {
  const p = panel<DashboardData>(v, 'summary');
  const h = p?.data?.health;
  return (
    <li className={p?.status === 'ok' ? 'up' : 'down'}>
      <strong>last projection</strong>{' '}
      {p?.status !== 'ok'
        ? 'unavailable'
        : h?.lastProjection
          ? `${dateTime(h.lastProjection)} (${h.lastProjectionClients ?? 0} clients; reconciliation ${h.reconciliationScore ?? '—'})`
          : 'none yet'}
    </li>
  );
}
