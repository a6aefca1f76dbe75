import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { panel, view } from '../../api/gateway';
import type { PageOf, PricingSchemas, ProjectionSchemas } from '../../api/types';
import { Chart } from '../../ui/Chart';
import { Select } from '../../ui/filters';
import { money } from '../../ui/format';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { Empty, ErrorState, PanelCard } from '../../ui/states';
import { currenciesOf } from '../margin/figures';
import { ClientTable, StatusBadge } from './ClientTable';
import { RightSize, UnitTypeTable } from './tables';

type OverUnderData = ProjectionSchemas['OverUnder'];
type Trend = ProjectionSchemas['OverUnderTrend'];
type UnitType = PricingSchemas['UnitType'];

const STATUSES: [string, string][] = [
  ['all', 'all clients'],
  ['over', 'over-commit'],
  ['under', 'under-commit'],
  ['mixed', 'mixed'],
];

/** Over- and under-commit: who pays overage, who pays for commit they do not use, and what to right-size at renewal. */
export default function OverUnder() {
  const params = useListParams();
  const asked = params.get('status');
  const status = STATUSES.some(([s]) => s === asked) ? asked! : 'all';
  const query = useQuery({
    queryKey: ['view', 'over-under', status],
    queryFn: () => view('over-under', { status }),
    placeholderData: keepPreviousData,
  });
  const v = query.data;
  const loading = query.isPending || query.isPlaceholderData;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const analysis = panel<OverUnderData>(v, 'overUnder');
  const unitTypes = panel<PageOf<UnitType>>(v, 'unitTypes');
  return (
    <>
      <PageTitle title="Over/Under" />
      <div className="filters">
        <Select label="Clients" value={status} options={STATUSES} onChange={(s) => params.set({ status: s === 'all' ? undefined : s })} />
        <span className="muted">Each client in its last closed period. Buffer: what unused commit was paid for.</span>
      </div>
      <div className="cards">
        <PanelCard<OverUnderData> title="Total buffer this period" panel={analysis} loading={loading} className="kpi">
          {(d) =>
            d.totalBuffer?.length ? (
              d.totalBuffer.map((a) => (
                <div className="figure" key={a.currency}>
                  {money(a.amount, a.currency)}
                </div>
              ))
            ) : (
              <Empty>No buffer.</Empty>
            )
          }
        </PanelCard>
        <PanelCard<OverUnderData> title="Overage, latest month" panel={analysis} loading={loading} className="kpi">
          {(d) => <LastMonth trend={d.trend ?? []} field="overage" />}
        </PanelCard>
        <PanelCard<OverUnderData> title="Clients by status" panel={analysis} loading={loading} className="kpi">
          {(d) => <StatusCounts clients={d.clients ?? []} filtered={status !== 'all'} />}
        </PanelCard>
      </div>
      <PanelCard<OverUnderData> title="Overage against buffer, last 12 periods" panel={analysis} loading={loading}>
        {(d) => (d.trend?.length ? <TrendChart rows={d.trend} /> : <Empty>No closed period yet.</Empty>)}
      </PanelCard>
      <div className="grid-2">
        <PanelCard<OverUnderData> title="Right-size candidates" panel={analysis} loading={loading}>
          {(d) => <RightSize rows={d.rightSize ?? []} total={d.totalBuffer ?? []} />}
        </PanelCard>
        <PanelCard<OverUnderData> title="By unit type" panel={analysis} loading={loading}>
          {(d) => <UnitTypeTable rows={d.byUnitType ?? []} unitTypes={unitTypes} />}
        </PanelCard>
      </div>
      <PanelCard<OverUnderData> title="Clients" panel={analysis} loading={loading}>
        {(d) => <ClientTable clients={d.clients ?? []} />}
      </PanelCard>
    </>
  );
}

/** The newest month's figure of the trend, per currency. */
function LastMonth({ trend, field }: { trend: Trend[]; field: 'overage' | 'buffer' }) {
  const last = [...trend].map((t) => t.month ?? '').sort().pop();
  const rows = trend.filter((t) => t.month === last);
  if (!rows.length) return <Empty>No closed period yet.</Empty>;
  return (
    <>
      {rows.map((r) => (
        <div className="figure" key={r.currency}>
          {money(r[field], r.currency)}
        </div>
      ))}
      <div className="muted">{last}</div>
    </>
  );
}

function StatusCounts({ clients, filtered }: { clients: ProjectionSchemas['OverUnderClient'][]; filtered: boolean }) {
  const counts = new Map<string, number>();
  clients.forEach((c) => counts.set(c.status ?? '', (counts.get(c.status ?? '') ?? 0) + 1));
  if (!clients.length) return <Empty>No client{filtered ? ' has this status' : ' has a closed period yet'}.</Empty>;
  return (
    <ul className="plain">
      {['OVER', 'UNDER', 'MIXED', 'ON_COMMIT']
        .filter((s) => counts.has(s))
        .map((s) => (
          <li key={s}>
            <StatusBadge status={s} /> <strong>{counts.get(s)}</strong>
          </li>
        ))}
    </ul>
  );
}

/** Overage and buffer per month as bars, one currency at a time. */
function TrendChart({ rows }: { rows: Trend[] }) {
  const params = useListParams();
  const currencies = currenciesOf(rows);
  const asked = params.get('currency');
  const currency = asked && currencies.includes(asked) ? asked : currencies[0];
  const months = [...new Set(rows.map((r) => r.month ?? ''))].sort();
  const at = (m: string) => rows.find((r) => r.month === m && r.currency === currency);
  return (
    <>
      {currencies.length > 1 ? (
        <div className="filters">
          <Select label="Currency" value={currency} options={currencies.map((c) => [c, c])} onChange={(c) => params.set({ currency: c })} />
        </div>
      ) : null}
      <Chart
        label={`Overage against buffer by month, ${currency}`}
        option={{
          tooltip: { trigger: 'axis' },
          legend: {},
          grid: { left: 60, right: 20 },
          xAxis: { type: 'category', data: months },
          yAxis: { type: 'value', name: currency },
          color: ['#b3261e', '#1c7c64'],
          series: [
            { name: 'overage', type: 'bar', data: months.map((m) => Number(at(m)?.overage ?? 0)) },
            { name: 'buffer', type: 'bar', data: months.map((m) => Number(at(m)?.buffer ?? 0)) },
          ],
        }}
      />
      <p className="muted">
        Overage: usage above commit, billed at the overage rate. Buffer: commit paid for and not used.{' '}
        <Link to="/buckets">Review buckets →</Link>
      </p>
    </>
  );
}
