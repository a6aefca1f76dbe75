import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { panel, view, type Panel } from '../../api/gateway';
import type { Asset, MarginRow, PageOf } from '../../api/types';
import { Chart } from '../../ui/Chart';
import { Select } from '../../ui/filters';
import { dateTime, money, percent } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { Empty, ErrorState, PanelCard } from '../../ui/states';
import { Breakdown } from './Breakdown';
import { currenciesOf, overallRows, type MarginReport } from './figures';
import { instants, PeriodPicker, readWindow, windowError } from './period';

/** Revenue, metered cost and margin over a window, the 12-month trend, and the breakdown with unit economics. */
export default function Margin() {
  const params = useListParams();
  const win = readWindow(params.get('from'), params.get('to'));
  const invalid = windowError(win);
  const range = instants(win);
  const query = useQuery({
    queryKey: ['view', 'margin', range.from, range.to],
    queryFn: () => view('margin', range),
    enabled: !invalid,
    placeholderData: keepPreviousData,
  });
  const v = query.data;
  const loading = query.isPending || query.isPlaceholderData;
  const byClient = panel<MarginReport>(v, 'byClient');
  return (
    <>
      <PageTitle title="Margin" />
      <div className="filters" role="group" aria-label="Window">
        <PeriodPicker value={win} onChange={(w) => params.set({ from: w.from, to: w.to })} />
        <span className="muted">
          Periods count by the UTC month they start in. Closed periods: invoiced after discounts; the open one: projected.
        </span>
      </div>
      {invalid ? (
        <div className="state error" role="alert">
          {invalid}
        </div>
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <>
          <div className="cards">
            <Kpi title="Revenue" panel={byClient} loading={loading} figure={(r) => money(r.revenue, r.currency)} />
            <Kpi title="Metered cost" panel={byClient} loading={loading} figure={(r) => money(r.cost, r.currency)} />
            <Kpi
              title="Margin"
              panel={byClient}
              loading={loading}
              figure={(r) => money(r.margin, r.currency)}
              down={(r) => !!r.margin?.startsWith('-')}
            />
            <Kpi
              title="Margin %"
              panel={byClient}
              loading={loading}
              figure={(r) => (r.marginPercent ? percent(r.marginPercent) : '—')}
              down={(r) => !!r.marginPercent?.startsWith('-')}
            />
          </div>
          <div className="grid-2">
            <PanelCard<MarginRow[]> title="Margin trend, 12 months" panel={panel(v, 'trend')} loading={loading}>
              {(rows) => (rows.length ? <Trend rows={rows} /> : <Empty>No revenue in the last 12 months.</Empty>)}
            </PanelCard>
            <PanelCard<PageOf<Asset>> title="Unassigned assets" panel={panel(v, 'unassignedAssets')} loading={loading}>
              {(assets) => <Unassigned assets={assets} />}
            </PanelCard>
          </div>
          <Breakdown range={range} win={win} v={v} loading={loading} />
        </>
      )}
    </>
  );
}

function Kpi({
  title,
  panel: p,
  loading,
  figure,
  down,
}: {
  title: string;
  panel: Panel<MarginReport> | undefined;
  loading: boolean;
  figure: (r: MarginRow) => string;
  down?: (r: MarginRow) => boolean;
}) {
  return (
    <PanelCard<MarginReport> title={title} panel={p} loading={loading} className="kpi">
      {(report) => {
        const rows = overallRows(report);
        return rows.length ? (
          rows.map((r) => (
            <div key={r.currency} className={`figure${down?.(r) ? ' down' : ''}`} title={r.currency}>
              {figure(r)}
            </div>
          ))
        ) : (
          <Empty>No revenue in this window.</Empty>
        );
      }}
    </PanelCard>
  );
}

/** Revenue and metered cost as bars, margin % as a line on its own axis; one currency at a time (never converted). */
function Trend({ rows }: { rows: MarginRow[] }) {
  const params = useListParams();
  const currencies = currenciesOf(rows);
  const asked = params.get('currency');
  const currency = asked && currencies.includes(asked) ? asked : currencies[0];
  const mine = rows.filter((r) => r.currency === currency);
  const months = [...new Set(rows.map((r) => r.key ?? ''))].sort();
  const at = (m: string) => mine.find((r) => r.key === m);
  return (
    <>
      {currencies.length > 1 ? (
        <div className="filters">
          <Select label="Currency" value={currency} options={currencies.map((c) => [c, c])} onChange={(c) => params.set({ currency: c })} />
        </div>
      ) : null}
      <Chart
        label={`Revenue, metered cost and margin % by month, ${currency}`}
        option={{
          tooltip: { trigger: 'axis' },
          legend: {},
          grid: { left: 60, right: 50 },
          xAxis: { type: 'category', data: months },
          yAxis: [
            { type: 'value', name: currency },
            { type: 'value', name: 'margin %', splitLine: { show: false }, axisLabel: { formatter: '{value} %' } },
          ],
          series: [
            { name: 'revenue', type: 'bar', data: months.map((m) => Number(at(m)?.revenue ?? 0)) },
            { name: 'metered cost', type: 'bar', data: months.map((m) => Number(at(m)?.cost ?? 0)) },
            {
              name: 'margin %',
              type: 'line',
              yAxisIndex: 1,
              connectNulls: false,
              data: months.map((m) => (at(m)?.marginPercent ? Number(at(m)?.marginPercent) : null)),
            },
          ],
        }}
      />
      <p className="muted">The current month is projected.</p>
    </>
  );
}

/** Usage no client is billed for: revenue at risk until the assets are assigned. */
function Unassigned({ assets }: { assets: PageOf<Asset> }) {
  const total = assets.total ?? 0;
  if (!total) return <Empty>Every asset has a client.</Empty>;
  return (
    <>
      <p>
        <Link to="/assets?tab=unassigned" className="figure">
          {total} unassigned {total === 1 ? 'asset' : 'assets'}
        </Link>{' '}
        <span className="muted">: their usage bills no client.</span>
      </p>
      <table aria-label="Unassigned assets">
        <thead>
          <tr>
            <th>Asset</th>
            <th>Source</th>
            <th>Last seen</th>
          </tr>
        </thead>
        <tbody>
          {(assets.items ?? []).map((a) => (
            <tr key={a.id}>
              <td>{a.name ?? a.id}</td>
              <td>{a.source ?? '—'}</td>
              <td>{dateTime(a.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to="/assets?tab=unassigned">Assign them →</Link>
      </p>
    </>
  );
}
